#include "http/apierror.h"
#include "inprocessserver.h"
#include "testdatabase.h"
#include "testserver.h"
#include "websocketclient.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace portico;
using namespace portico::server;
using portico::test::InProcessServer;
using portico::test::rawHttp;
using portico::test::TestDatabase;
using portico::test::TestServer;
using portico::test::WebSocketClient;
using namespace std::chrono_literals;

namespace {

struct HttpsReply
{
    bool encrypted = false;
    QList<QSslError> errors;
    QSsl::SslProtocol protocol = QSsl::UnknownProtocol;
    int status = 0;
    QByteArray body;
};

// GET `path` over HTTPS, ignoring exactly the errors in `ignore`.
HttpsReply httpsGet(quint16 port, const QByteArray &path, const QList<QSslError> &ignore)
{
    HttpsReply reply;
    QSslSocket socket;
    socket.ignoreSslErrors(ignore);
    QObject::connect(&socket, &QSslSocket::sslErrors, &socket,
                     [&reply](const QList<QSslError> &errors) { reply.errors = errors; });
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForEncrypted(10000))
        return reply;
    reply.encrypted = true;
    reply.protocol = socket.sessionProtocol();
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray data;
    while (socket.waitForReadyRead(10000))
        data += socket.readAll();
    data += socket.readAll();
    const auto headerEnd = data.indexOf("\r\n\r\n");
    reply.status = data.left(data.indexOf('\r')).split(' ').value(1).toInt();
    reply.body = headerEnd >= 0 ? data.mid(headerEnd + 4) : QByteArray();
    return reply;
}

} // namespace

// HTTPS: the real server with --tls-cert/--tls-key, a certificate made for the test.
class TestServerTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here");
        QVERIFY(m_dir.isValid());
        m_certificateFile = m_dir.filePath(QStringLiteral("cert.pem"));
        m_keyFile = m_dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), m_keyFile, QStringLiteral("-out"), m_certificateFile,
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY2(openssl.waitForFinished(30000) && openssl.exitCode() == 0,
                 openssl.readAllStandardError().constData());
        const auto certificates = QSslCertificate::fromPath(m_certificateFile);
        QCOMPARE(certificates.size(), 1);
        m_certificate = certificates.first();

        QVERIFY2(m_database.create(), qPrintable(m_database.errorString()));
        m_server
            = std::make_unique<TestServer>(m_database.serverArguments()
                                           + QStringList {QStringLiteral("--tls-cert"), m_certificateFile,
                                                          QStringLiteral("--tls-key"), m_keyFile});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void httpsHealthz()
    {
        const auto reply = httpsGet(m_server->port(), "/healthz",
                                    {QSslError(QSslError::SelfSignedCertificate, m_certificate)});
        QVERIFY(reply.encrypted);
        QVERIFY(reply.protocol == QSsl::TlsV1_2 || reply.protocol == QSsl::TlsV1_3);
        QCOMPARE(reply.status, 200);
        QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
    }

    void tls12IsAccepted()
    {
        QSslSocket socket;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setProtocol(QSsl::TlsV1_2);
        socket.setSslConfiguration(configuration);
        socket.ignoreSslErrors({QSslError(QSslError::SelfSignedCertificate, m_certificate)});
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        QVERIFY(socket.waitForEncrypted(10000));
        QCOMPARE(socket.sessionProtocol(), QSsl::TlsV1_2);
    }

    void untrustedCertificateIsNotIgnoredByAccident()
    {
        const auto reply = httpsGet(m_server->port(), "/healthz", {});
        QVERIFY(!reply.encrypted);
        QVERIFY(!reply.errors.isEmpty());
        QCOMPARE(reply.errors.first().error(), QSslError::SelfSignedCertificate);
    }

    void plainHttpToTlsPortFailsCleanly()
    {
        const auto reply = rawHttp(m_server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
        QVERIFY2(reply.status != 200, reply.headers.constData());
        QVERIFY(!reply.body.contains("\"status\":\"ok\""));
        // The server is none the worse for it.
        const auto after = httpsGet(m_server->port(), "/healthz",
                                    {QSslError(QSslError::SelfSignedCertificate, m_certificate)});
        QCOMPARE(after.status, 200);
        QTRY_VERIFY(m_server->log().contains("tls handshake failed"));
    }

    void optionsGoTogether()
    {
        QProcess process;
        process.start(QStringLiteral(PORTICO_SERVER_BINARY),
                      {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                       QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--tls-cert"),
                       m_certificateFile});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("--tls-key"));
    }

    void unreadableKeyIsReported()
    {
        QProcess process;
        process.start(QStringLiteral(PORTICO_SERVER_BINARY),
                      QStringList {QStringLiteral("serve"), QStringLiteral("--listen"),
                                   QStringLiteral("127.0.0.1:0"), QStringLiteral("--tls-cert"),
                                   m_certificateFile, QStringLiteral("--tls-key"),
                                   m_dir.filePath(QStringLiteral("missing.pem"))}
                          + m_database.serverArguments());
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().contains("missing.pem"));
    }

    // In-process: the handshake has a deadline, and the event stream works over TLS (wss).
    void handshakeTimesOut()
    {
        auto options = InProcessServer::defaultOptions();
        options.tlsCertificateFile = m_certificateFile.toStdString();
        options.tlsKeyFile = m_keyFile.toStdString();
        options.handshakeTimeout = 300ms;
        InProcessServer server(options);
        QVERIFY2(server.create() && server.start(), qPrintable(server.errorString()));
        QTcpSocket silent;
        silent.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(silent.waitForConnected(5000));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(silent.waitForDisconnected(5000));
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }

    void eventStreamOverTls()
    {
        auto options = InProcessServer::defaultOptions();
        options.tlsCertificateFile = m_certificateFile.toStdString();
        options.tlsKeyFile = m_keyFile.toStdString();
        InProcessServer server(options);
        QVERIFY2(server.create(), qPrintable(server.errorString()));
        server.router().setAuthenticator([](const HttpRequest &request) {
            if (request.header("authorization") != "Bearer t")
                throw ApiError(ApiErrorCode::Unauthorized, QStringLiteral("Unknown token"));
            Caller caller;
            caller.userId = QStringLiteral("u1");
            caller.login = QStringLiteral("admin");
            caller.role = Role::Admin;
            return caller;
        });
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        boost::asio::ssl::context tls(boost::asio::ssl::context::tls_client);
        {
            WebSocketClient<boost::beast::ssl_stream<boost::beast::tcp_stream>> client(tls);
            QCOMPARE(client.open(server.port(), "/api/v1/events", "t"), 101);
            const auto hello = client.next(2s);
            QVERIFY(hello);
            QVERIFY(hello->find(R"("type":"hello")") != std::string::npos);
            server.requestStop();
            QVERIFY(client.waitClosed(5s));
            QCOMPARE(client.closeReason().code,
                     static_cast<std::uint16_t>(boost::beast::websocket::close_code::going_away));
        }
        QVERIFY(server.waitStopped(5000));
    }

private:
    QTemporaryDir m_dir;
    QString m_certificateFile;
    QString m_keyFile;
    QSslCertificate m_certificate;
    TestDatabase m_database;
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TestServerTls)
#include "tst_server_tls.moc"
