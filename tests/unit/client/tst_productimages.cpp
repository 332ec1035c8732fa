#include "fakecredentialstore.h"
#include "net/apiclient.h"
#include "net/productimages.h"
#include "sync/session.h"

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace portico;
using namespace portico::client;

namespace {

QString sha256(const QByteArray &content)
{
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

// Answers GET /api/v1/blobs/{name} from a table of replies; counts the requests and keeps the
// Authorization headers it saw.
class BlobServer final : public QObject
{
public:
    struct Reply
    {
        int status = 200;
        QByteArray body;
    };

    BlobServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    QHash<QString, Reply> replies;
    QList<QByteArray> authorizations;
    int requests = 0;

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        ++requests;
        const QList<QByteArray> lines = buffer.split('\n');
        buffer.clear();
        const QByteArray path = lines.first().split(' ').value(1);
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("authorization:"))
                authorizations.append(line.mid(14).trimmed());
        }
        const QString name = QString::fromLatin1(path.mid(path.lastIndexOf('/') + 1));
        const Reply reply
            = replies.value(name, Reply {404, R"({"error":{"code":"not_found","message":"No such blob"}})"});
        socket->write("HTTP/1.1 " + QByteArray::number(reply.status) + " X\r\nContent-Length: "
                      + QByteArray::number(reply.body.size()) + "\r\nContent-Type: "
                      + (reply.status == 200 ? "image/png" : "application/json") + "\r\n\r\n" + reply.body);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestProductImages final : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;
    std::unique_ptr<BlobServer> m_server;
    std::unique_ptr<test::FakeCredentialStore> m_credentials;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<BlobServer>();
        m_credentials = std::make_unique<test::FakeCredentialStore>();
        TokenPair tokens;
        tokens.accessToken = QStringLiteral("access-1");
        tokens.refreshToken = QStringLiteral("refresh-1");
        tokens.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        tokens.refreshExpiresAt = QDateTime::currentDateTimeUtc().addDays(1);
        bool written = false;
        m_credentials->write(QStringLiteral("profile"), tokens.toJson(), this,
                             [&written](const CredentialResult &) { written = true; });
        QTRY_VERIFY(written);
        m_session = std::make_unique<Session>(m_network, *m_credentials, m_server->url(),
                                              QStringLiteral("profile"), QStringLiteral("device"));
        QSignalSpy restored(m_session.get(), &Session::restored);
        m_session->restore();
        QVERIFY(restored.wait());
        QCOMPARE(restored.first().first().toBool(), true);
        m_dir = std::make_unique<QTemporaryDir>();
    }

    void cleanup()
    {
        m_session.reset();
        m_credentials.reset();
        m_server.reset();
        m_dir.reset();
    }

    void downloadsOnceThenKeepsTheImage()
    {
        const QByteArray png = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(5000, 'x');
        const QString name = sha256(png);
        m_server->replies.insert(name, {200, png});
        const QString folder = m_dir->filePath(QStringLiteral("images"));
        ProductImages images(m_network, *m_session, folder);
        QSignalSpy ready(&images, &ProductImages::imageReady);
        QSignalSpy failed(&images, &ProductImages::imageFailed);
        images.request(name);
        images.request(name); // asked twice before the answer: one download
        QCOMPARE(ready.count(), 0); // never inside request()
        QVERIFY(ready.wait(5000));
        QCOMPARE(ready.first().at(0).toString(), name);
        QCOMPARE(ready.first().at(1).toByteArray(), png);
        QCOMPARE(m_server->requests, 1);
        QCOMPARE(m_server->authorizations, QList<QByteArray> {"Bearer access-1"});
        QVERIFY(QFile::exists(images.filePath(name)));
        QCOMPARE(images.downloadsInFlight(), 0);

        // Kept: no second download, also for another ProductImages on the same folder.
        ProductImages again(m_network, *m_session, folder);
        QSignalSpy readyAgain(&again, &ProductImages::imageReady);
        again.request(name);
        QVERIFY(readyAgain.wait(5000));
        QCOMPARE(readyAgain.first().at(1).toByteArray(), png);
        QCOMPARE(m_server->requests, 1);
        QCOMPARE(failed.count(), 0);
    }

    void refusesWhatDoesNotMatchItsName()
    {
        const QByteArray png("real content");
        const QString name = sha256(QByteArrayLiteral("other content"));
        m_server->replies.insert(name, {200, png});
        ProductImages images(m_network, *m_session, m_dir->path());
        QSignalSpy failed(&images, &ProductImages::imageFailed);
        images.request(name);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().at(0).toString(), name);
        QVERIFY(!QFile::exists(images.filePath(name)));
    }

    void missingImageFails()
    {
        ProductImages images(m_network, *m_session, m_dir->path());
        QSignalSpy failed(&images, &ProductImages::imageFailed);
        const QString name = sha256(QByteArrayLiteral("nowhere"));
        images.request(name);
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("404")));
        QCOMPARE(m_server->requests, 1);
    }

    void badNamesAreNotRequested()
    {
        ProductImages images(m_network, *m_session, m_dir->path());
        QSignalSpy failed(&images, &ProductImages::imageFailed);
        images.request(QStringLiteral("../../etc/passwd"));
        QVERIFY(failed.wait(5000));
        QCOMPARE(m_server->requests, 0);
        QVERIFY(!ProductImages::isValidName(QString(64, QLatin1Char('A'))));
        QVERIFY(ProductImages::isValidName(sha256("x")));
    }
};

QTEST_GUILESS_MAIN(TestProductImages)
#include "tst_productimages.moc"
