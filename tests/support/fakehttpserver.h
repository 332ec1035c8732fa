#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

namespace portico::test {

// One request as a FakeHttpServer received it.
struct FakeRequest
{
    QByteArray method;
    QByteArray target; // path and query
    QMap<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QByteArray path() const
    {
        const qsizetype query = target.indexOf('?');
        return query < 0 ? target : target.left(query);
    }
};

// What a FakeHttpServer answers. Whole: the head and `body` at once. Endless: a head without
// Content-Length ("Connection: close") and then `body` over and over, without end. Stall: the
// head with the whole body's Content-Length, the first `stallAfter` bytes, then silence.
struct FakeResponse
{
    enum class Mode { Whole, Endless, Stall };
    int status = 200;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    Mode mode = Mode::Whole;
    qint64 stallAfter = 0;
    QByteArray contentType = "application/json";

    static FakeResponse json(int status, const QByteArray &body)
    {
        FakeResponse response;
        response.status = status;
        response.body = body;
        return response;
    }
};

// A local HTTP/1.1 server for client tests that need answers a real server would not give (a
// compromised or broken server): a handler decides each response. Keep-alive, Content-Length
// bodies only (what Qt sends).
class FakeHttpServer final : public QObject
{
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeHttpServer(Handler handler)
        : m_handler(std::move(handler))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    const QList<FakeRequest> &requests() const { return m_requests; }
    // Bytes written to clients in bodies, over every response.
    qint64 bodyBytesSent() const { return m_bodyBytesSent; }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 206:
            return "Partial Content";
        case 304:
            return "Not Modified";
        case 401:
            return "Unauthorized";
        case 404:
            return "Not Found";
        case 409:
            return "Conflict";
        case 416:
            return "Range Not Satisfiable";
        case 426:
            return "Upgrade Required";
        default:
            return "Status";
        }
    }

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            FakeRequest request;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                           lines.at(i).mid(colon + 1).trimmed());
            }
            const qint64 length = request.header("content-length").toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            m_requests.append(request);
            respond(socket, m_handler(request));
        }
    }

    void respond(QTcpSocket *socket, const FakeResponse &response)
    {
        QByteArray head
            = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status) + "\r\n";
        if (!response.contentType.isEmpty() && response.status != 204 && response.status != 304)
            head += "Content-Type: " + response.contentType + "\r\n";
        for (const auto &[name, value] : response.headers)
            head += name + ": " + value + "\r\n";
        if (response.mode == FakeResponse::Mode::Endless)
            head += "Connection: close\r\n";
        else if (response.status != 204 && response.status != 304)
            head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        head += "\r\n";
        socket->write(head);
        switch (response.mode) {
        case FakeResponse::Mode::Whole:
            socket->write(response.body);
            m_bodyBytesSent += response.body.size();
            break;
        case FakeResponse::Mode::Stall:
            socket->write(response.body.left(response.stallAfter));
            m_bodyBytesSent += std::min<qint64>(response.stallAfter, response.body.size());
            break;
        case FakeResponse::Mode::Endless: {
            auto *timer = new QTimer(socket);
            const QByteArray piece = response.body;
            connect(timer, &QTimer::timeout, socket, [this, socket, piece] {
                if (socket->bytesToWrite() < 4 * piece.size()) {
                    socket->write(piece);
                    m_bodyBytesSent += piece.size();
                }
            });
            timer->start(std::chrono::milliseconds(2));
            break;
        }
        }
    }

    QTcpServer m_server;
    Handler m_handler;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<FakeRequest> m_requests;
    qint64 m_bodyBytesSent = 0;
};

inline QByteArray tokenReply()
{
    return R"({"access_token":"a","refresh_token":"r","token_type":"Bearer","expires_in":3600,)"
           R"("refresh_expires_in":86400,"user":{"id":"00000000-0000-0000-0000-000000000001",)"
           R"("login":"rep1","role":"sales_rep","display_name":"Rep One"}})";
}

} // namespace portico::test
