#include "net/apiclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace portico::client;
using portico::test::TestServer;
using namespace std::chrono_literals;

namespace {

const QString DemoPassword = QStringLiteral("demo");

// A local TCP server that plays a misbehaving HTTP server: it records what the client sent,
// then answers `reply` (all at once, or in pieces `every` apart), or never answers at all.
class FakeHttpServer final : public QObject
{
public:
    FakeHttpServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRequest(socket); });
            }
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    // Empty: accept the request and never answer.
    void setReply(QByteArray reply, std::chrono::milliseconds every = 0ms, int pieces = 1)
    {
        m_reply = std::move(reply);
        m_every = every;
        m_pieces = pieces;
    }
    // Close the connection once the reply is out.
    void setCloseAfterReply(bool close) { m_close = close; }
    QByteArray request() const { return m_request; }
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : m_request.left(m_request.indexOf("\r\n\r\n")).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

private:
    void onRequest(QTcpSocket *socket)
    {
        m_request += socket->readAll();
        if (!m_request.contains("\r\n\r\n") || m_reply.isEmpty() || socket->property("answered").toBool())
            return;
        socket->setProperty("answered", true);
        if (m_pieces <= 1) {
            socket->write(m_reply);
            if (m_close)
                socket->disconnectFromHost();
            return;
        }
        const qsizetype piece = (m_reply.size() + m_pieces - 1) / m_pieces;
        auto *timer = new QTimer(socket);
        connect(timer, &QTimer::timeout, socket,
                [this, socket, timer, piece, offset = qsizetype(0)]() mutable {
                    socket->write(m_reply.mid(offset, piece));
                    offset += piece;
                    if (offset >= m_reply.size())
                        timer->stop();
                });
        timer->start(m_every);
    }

    QTcpServer m_server;
    QByteArray m_request;
    QByteArray m_reply;
    std::chrono::milliseconds m_every {0};
    int m_pieces = 1;
    bool m_close = false;
};

QByteArray httpReply(const QByteArray &status, const QByteArray &body,
                     const QByteArray &contentType = "application/json", const QByteArray &extra = {})
{
    return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
}

// Starts the job and waits for its finished(); false if it did not come (or came twice).
bool run(ApiJob &job, int timeoutMs = 15000)
{
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    if (!finished.wait(timeoutMs))
        return false;
    QTest::qWait(20); // a second finished() would arrive here
    return finished.count() == 1;
}

template<class Job, class... Args>
std::unique_ptr<Job> make(Args &&...args)
{
    auto job = std::make_unique<Job>(std::forward<Args>(args)...);
    job->setAutoDelete(false);
    return job;
}

} // namespace

// The client's API jobs against a real demo server, and against a local socket that misbehaves
// on purpose: success, each kind of error, timeouts, abort.
class TestApiClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList {QStringLiteral("--products"), QStringLiteral("50")}, QStringLiteral("demo"));
        QVERIFY2(m_server->start(60000), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void loginReturnsTokens()
    {
        auto job = make<LoginJob>(m_network, m_server->url(), QStringLiteral("buyer1"), DemoPassword,
                                  QStringLiteral("tst-apiclient"));
        QVERIFY(run(*job));
        QVERIFY2(job->error().ok(), qPrintable(job->error().toString()));
        QCOMPARE(job->httpStatus(), 200);
        const TokenPair &tokens = job->tokens();
        QCOMPARE(tokens.accessToken.size(), 43);
        QCOMPARE(tokens.refreshToken.size(), 43);
        QCOMPARE(tokens.user.value(QStringLiteral("login")).toString(), QStringLiteral("buyer1"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(qAbs(now.secsTo(tokens.accessExpiresAt) - 3600) < 60);
        QVERIFY(qAbs(now.secsTo(tokens.refreshExpiresAt) - 30 * 24 * 3600) < 60);

        // What the credential store keeps comes back the same.
        const auto restored = TokenPair::fromJson(tokens.toJson());
        QVERIFY(restored);
        QCOMPARE(restored->accessToken, tokens.accessToken);
        QCOMPARE(restored->refreshToken, tokens.refreshToken);
        QCOMPARE(restored->accessExpiresAt.toMSecsSinceEpoch(), tokens.accessExpiresAt.toMSecsSinceEpoch());
        QCOMPARE(restored->refreshExpiresAt.toMSecsSinceEpoch(), tokens.refreshExpiresAt.toMSecsSinceEpoch());
        QCOMPARE(restored->user, tokens.user);
        QVERIFY(!TokenPair::fromJson("{}"));
        QVERIFY(!TokenPair::fromJson("not json"));
    }

    void wrongPasswordIsHttp401()
    {
        auto job = make<LoginJob>(m_network, m_server->url(), QStringLiteral("rep1"), QStringLiteral("wrong"),
                                  QStringLiteral("tst-apiclient"));
        QVERIFY(run(*job));
        QCOMPARE(job->error().kind, ApiError::Kind::Http);
        QCOMPARE(job->error().httpStatus, 401);
        QCOMPARE(job->httpStatus(), 401);
        QCOMPARE(job->error().code, QStringLiteral("unauthorized"));
        QVERIFY(!job->error().message.isEmpty());
        QVERIFY(!job->error().isTransient());
        QVERIFY(job->tokens().accessToken.isEmpty());
    }

    void rateLimitCarriesRetryAfter()
    {
        ApiError last;
        for (int attempt = 0; attempt < 6; ++attempt) {
            auto job = make<LoginJob>(m_network, m_server->url(), QStringLiteral("warehouse1"),
                                      QStringLiteral("wrong"), QStringLiteral("tst-apiclient"));
            QVERIFY(run(*job));
            last = job->error();
        }
        QCOMPARE(last.kind, ApiError::Kind::Http);
        QCOMPARE(last.httpStatus, 429);
        QCOMPARE(last.code, QStringLiteral("too_many_requests"));
        QVERIFY2(last.retryAfterSeconds > 60, qPrintable(last.toString()));
        QVERIFY(last.isTransient());
    }

    void refreshRotatesTheTokens()
    {
        const TokenPair first = login(QStringLiteral("manager"));
        QVERIFY(!first.refreshToken.isEmpty());
        auto refresh = make<RefreshJob>(m_network, m_server->url(), first.refreshToken,
                                        QStringLiteral("tst-apiclient"));
        QVERIFY(run(*refresh));
        QVERIFY2(refresh->error().ok(), qPrintable(refresh->error().toString()));
        QVERIFY(!refresh->tokens().accessToken.isEmpty());
        QVERIFY(refresh->tokens().accessToken != first.accessToken);
        QVERIFY(refresh->tokens().refreshToken != first.refreshToken);
        QCOMPARE(refresh->tokens().user.value(QStringLiteral("login")).toString(), QStringLiteral("manager"));

        // The spent refresh token is refused.
        auto again = make<RefreshJob>(m_network, m_server->url(), first.refreshToken,
                                      QStringLiteral("tst-apiclient"));
        QVERIFY(run(*again));
        QCOMPARE(again->error().kind, ApiError::Kind::Http);
        QCOMPARE(again->error().httpStatus, 401);
    }

    void logoutRevokesTheToken()
    {
        const TokenPair tokens = login(QStringLiteral("buyer2"));
        QVERIFY(!tokens.accessToken.isEmpty());
        auto logout = make<LogoutJob>(m_network, m_server->url(), tokens.accessToken);
        QVERIFY(run(*logout));
        QVERIFY2(logout->error().ok(), qPrintable(logout->error().toString()));
        QCOMPARE(
            QJsonDocument::fromJson(logout->body()).object().value(QStringLiteral("revoked_tokens")).toInt(),
            2);

        auto pull = make<PullJob>(m_network, m_server->url(), tokens.accessToken, 0, 10, QString());
        QVERIFY(run(*pull));
        QCOMPARE(pull->error().kind, ApiError::Kind::Http);
        QCOMPARE(pull->error().httpStatus, 401);
        QCOMPARE(pull->error().code, QStringLiteral("unauthorized"));
    }

    void pullsPagesFromCursorZero()
    {
        const TokenPair tokens = login(QStringLiteral("buyer1"));
        auto first = make<PullJob>(m_network, m_server->url(), tokens.accessToken, 0, 20, QString());
        QSignalSpy progress(first.get(), &ApiJob::progress);
        QVERIFY(run(*first));
        QVERIFY2(first->error().ok(), qPrintable(first->error().toString()));
        const SyncPage &page = first->page();
        QVERIFY(!page.epoch.isEmpty());
        QCOMPARE(page.changes.size(), 20);
        QVERIFY(page.hasMore);
        QVERIFY(!page.resync);
        QVERIFY(page.cursor >= page.changes.last().seq);
        QVERIFY(page.head >= page.cursor);
        for (qsizetype i = 1; i < page.changes.size(); ++i)
            QVERIFY(page.changes.at(i).seq > page.changes.at(i - 1).seq);
        // The page is big enough for the server to compress it, with zstd as the job asks; the
        // job decodes it itself, so the body and its count are the bytes on the wire and the
        // page's size is the decoded JSON.
        QVERIFY(first->wasCompressed());
        QCOMPARE(first->contentEncoding(), QByteArray("zstd"));
        QVERIFY(first->body().startsWith("\x28\xb5\x2f\xfd"));
        QCOMPARE(first->bytesReceived(), first->body().size());
        QVERIFY(page.bytes > 2 * first->body().size());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), first->body().size());

        auto next
            = make<PullJob>(m_network, m_server->url(), tokens.accessToken, page.cursor, 20, page.epoch);
        QVERIFY(run(*next));
        QVERIFY2(next->error().ok(), qPrintable(next->error().toString()));
        QVERIFY(!next->page().resync);
        QVERIFY(!next->page().changes.isEmpty());
        QVERIFY(next->page().changes.first().seq > page.changes.last().seq);

        // Another epoch: the server asks for a fresh start.
        auto stale = make<PullJob>(m_network, m_server->url(), tokens.accessToken, page.cursor, 20,
                                   QStringLiteral("another-database.0"));
        QVERIFY(run(*stale));
        QVERIFY2(stale->error().ok(), qPrintable(stale->error().toString()));
        QVERIFY(stale->page().resync);
        QCOMPARE(stale->page().cursor, 0);
    }

    void jsonPostMapsErrors()
    {
        const QString admin = login(QStringLiteral("admin")).accessToken;
        QVERIFY(!admin.isEmpty());
        const QString path = QStringLiteral("/api/v1/admin/customers");

        auto badType
            = make<JsonPostJob>(m_network, m_server->url(), admin, path, QByteArray(R"({"name":5})"));
        QVERIFY(run(*badType));
        QCOMPARE(badType->error().kind, ApiError::Kind::Http);
        QCOMPARE(badType->error().httpStatus, 400);
        QCOMPARE(badType->error().code, QStringLiteral("bad_request"));
        QCOMPARE(badType->error().field, QStringLiteral("$.name"));
        QVERIFY(!badType->error().isTransient());

        auto badInn
            = make<JsonPostJob>(m_network, m_server->url(), admin, path,
                                QByteArray(R"({"name":"Bad INN LLC","inn":"1234567890","kpp":"773601001"})"));
        QVERIFY(run(*badInn));
        QCOMPARE(badInn->error().httpStatus, 422);
        QCOMPARE(badInn->error().code, QStringLiteral("unprocessable"));
        QCOMPARE(badInn->error().field, QStringLiteral("$.inn"));
        QVERIFY(badInn->error().toString().contains(QStringLiteral("$.inn")));

        auto forbidden
            = make<JsonPostJob>(m_network, m_server->url(), login(QStringLiteral("buyer1")).accessToken, path,
                                QByteArray(R"({"name":"X"})"));
        QVERIFY(run(*forbidden));
        QCOMPARE(forbidden->error().httpStatus, 403);
        QCOMPARE(forbidden->error().code, QStringLiteral("forbidden"));

        auto created = make<JsonPostJob>(
            m_network, m_server->url(), admin, path,
            QByteArray(R"({"name":"Client Test LLC","inn":"7707083893","kpp":"773601001"})"));
        QVERIFY(run(*created));
        QVERIFY2(created->error().ok(), qPrintable(created->error().toString()));
        QCOMPARE(created->httpStatus(), 201);
        QCOMPARE(created->result().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Client Test LLC"));
        QVERIFY(!created->result().value(QStringLiteral("id")).toString().isEmpty());
    }

    void requestsCarryTheExpectedHeaders()
    {
        FakeHttpServer fake;
        fake.setReply(httpReply("200 OK", R"({"done":true})"));
        auto post = make<JsonPostJob>(m_network, fake.url(), QStringLiteral("tok-123"),
                                      QStringLiteral("/api/v1/orders"), QByteArray(R"({"id":"x"})"));
        QVERIFY(run(*post));
        QVERIFY2(post->error().ok(), qPrintable(post->error().toString()));
        QVERIFY(post->result().value(QStringLiteral("done")).toBool());
        QVERIFY(fake.request().startsWith("POST /api/v1/orders HTTP/1.1\r\n"));
        QCOMPARE(fake.header("Accept"), QByteArray("application/json"));
        QCOMPARE(fake.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(fake.header("Authorization"), QByteArray("Bearer tok-123"));
        QVERIFY(fake.header("User-Agent").startsWith("Portico/"));
        QVERIFY(fake.header("Upgrade").isEmpty()); // no h2c
        QVERIFY(fake.request().endsWith(R"({"id":"x"})"));

        FakeHttpServer pullServer;
        pullServer.setReply(httpReply(
            "200 OK", R"({"epoch":"e","cursor":0,"head":0,"has_more":false,"resync":false,"changes":[]})"));
        QUrl prefixed = pullServer.url();
        prefixed.setPath(QStringLiteral("/portico/"));
        auto pull
            = make<PullJob>(m_network, prefixed, QStringLiteral("tok"), 42, 500, QStringLiteral("db 1"));
        QVERIFY(run(*pull));
        QVERIFY2(pull->error().ok(), qPrintable(pull->error().toString()));
        QVERIFY2(pullServer.request().startsWith(
                     "GET /portico/api/v1/sync?cursor=42&limit=500&epoch=db%201 HTTP/1.1"),
                 pullServer.request().constData());
        // Qt's own Accept-Encoding, which it decodes by itself (see ApiJob::bytesReceived).
        qInfo("pull Accept-Encoding: %s", pullServer.header("Accept-Encoding").constData());
        QVERIFY(pullServer.header("Accept-Encoding").contains("gzip"));
        QVERIFY(pullServer.header("Content-Type").isEmpty());

        // No token, no Authorization header.
        FakeHttpServer loginServer;
        loginServer.setReply(
            httpReply("401 Unauthorized", R"({"error":{"code":"unauthorized","message":"No"}})"));
        auto job = make<LoginJob>(m_network, loginServer.url(), QStringLiteral("a"), QStringLiteral("b"),
                                  QStringLiteral("c"));
        QVERIFY(run(*job));
        QVERIFY(loginServer.header("Authorization").isEmpty());
        QCOMPARE(
            QJsonDocument::fromJson(loginServer.request().mid(loginServer.request().indexOf("\r\n\r\n") + 4))
                .object()
                .value(QStringLiteral("device_id"))
                .toString(),
            QStringLiteral("c"));
    }

    void errorsWithoutAnApiBody()
    {
        FakeHttpServer fake;
        fake.setReply(
            httpReply("503 Service Unavailable", "<html>down</html>", "text/html", "Retry-After: 7\r\n"));
        auto job
            = make<JsonPostJob>(m_network, fake.url(), QString(), QStringLiteral("/api/v1/orders"), "{}");
        QVERIFY(run(*job));
        QCOMPARE(job->error().kind, ApiError::Kind::Http);
        QCOMPARE(job->error().httpStatus, 503);
        QVERIFY(job->error().code.isEmpty());
        QCOMPARE(job->error().message, QStringLiteral("Service Unavailable"));
        QCOMPARE(job->error().retryAfterSeconds, 7);
        QVERIFY(job->error().isTransient());
    }

    void malformedSuccessIsAProtocolError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("pull");
        QTest::addColumn<QString>("message");
        QTest::newRow("garbage") << QByteArray("{\"epoch\": oops") << false
                                 << QStringLiteral("$: not valid JSON");
        QTest::newRow("not an object")
            << QByteArray("[1,2]") << false << QStringLiteral("$: expected an object");
        QTest::newRow("page missing a field")
            << QByteArray(R"({"epoch":"e","cursor":0,"head":0,"has_more":false,"changes":[]})") << true
            << QStringLiteral("$.resync: missing");
        QTest::newRow("page with a bad change") << QByteArray(
            R"({"epoch":"e","cursor":0,"head":0,"has_more":false,"resync":false,"changes":[{"seq":"1"}]})")
                                                << true
                                                << QStringLiteral("$.changes[0].seq: expected an integer");
    }

    void malformedSuccessIsAProtocolError()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, pull);
        QFETCH(QString, message);
        FakeHttpServer fake;
        fake.setReply(httpReply("200 OK", body));
        std::unique_ptr<ApiJob> job;
        if (pull)
            job = make<PullJob>(m_network, fake.url(), QStringLiteral("t"), 0, 10, QString());
        else
            job = make<JsonPostJob>(m_network, fake.url(), QStringLiteral("t"), QStringLiteral("/x"), "{}");
        QVERIFY(run(*job));
        QCOMPARE(job->error().kind, ApiError::Kind::Protocol);
        QCOMPARE(job->httpStatus(), 200);
        QVERIFY2(job->error().message.startsWith(message), qPrintable(job->error().message));
        QVERIFY(!job->error().isTransient());
    }

    void nonHttpAnswerEndsTheJob()
    {
        // Something that is not an HTTP server at all (a wrong port in the server address). Qt
        // takes a status line it cannot read for a connection that closed (and tries once more),
        // so this is a network error rather than a Protocol one; the point is that it ends.
        FakeHttpServer fake;
        fake.setReply("SSH-2.0-OpenSSH_9.2\r\nProtocol mismatch.\r\n");
        fake.setCloseAfterReply(true);
        auto job = make<PullJob>(m_network, fake.url(), QStringLiteral("t"), 0, 10, QString());
        job->setTimeout(5s);
        QVERIFY(run(*job));
        QCOMPARE(job->httpStatus(), 0);
        QVERIFY2(job->error().kind == ApiError::Kind::Network
                     || job->error().kind == ApiError::Kind::Protocol,
                 qPrintable(job->error().toString()));
    }

    void silentServerTimesOut()
    {
        FakeHttpServer silent;
        auto job = make<PullJob>(m_network, silent.url(), QStringLiteral("t"), 0, 10, QString());
        job->setTimeout(400ms);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(run(*job, 5000));
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(job->error().kind, ApiError::Kind::Timeout);
        QVERIFY2(elapsed >= 380 && elapsed < 3000, qPrintable(QString::number(elapsed)));
        QVERIFY(job->error().isTransient());
        QVERIFY(silent.request().startsWith("GET /api/v1/sync?"));
    }

    void slowButMovingDownloadIsNotCutOff()
    {
        // 12 pieces 150 ms apart take 1.8 s in all; each piece restarts the 600 ms timeout.
        FakeHttpServer slow;
        const QByteArray body = "{\"padding\":\"" + QByteArray(600, 'x') + "\"}";
        slow.setReply(httpReply("200 OK", body), 150ms, 12);
        auto job = make<JsonPostJob>(m_network, slow.url(), QString(), QStringLiteral("/x"), "{}");
        job->setTimeout(600ms);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(run(*job, 10000));
        QVERIFY2(job->error().ok(), qPrintable(job->error().toString()));
        QVERIFY2(timer.elapsed() > 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(job->result().value(QStringLiteral("padding")).toString().size(), 600);
    }

    void refusedConnectionIsANetworkError()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        auto job = make<LogoutJob>(m_network, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                                   QStringLiteral("t"));
        QVERIFY(run(*job));
        QCOMPARE(job->error().kind, ApiError::Kind::Network);
        QCOMPARE(job->httpStatus(), 0);
        QVERIFY(!job->error().message.isEmpty());
        QVERIFY(job->error().isTransient());
    }

    void abortFinishesOnceAsAborted()
    {
        FakeHttpServer silent;
        auto job = make<PullJob>(m_network, silent.url(), QStringLiteral("t"), 0, 10, QString());
        job->setTimeout(300ms);
        QSignalSpy finished(job.get(), &ApiJob::finished);
        job->start();
        QTRY_VERIFY(!silent.request().isEmpty());
        job->abort();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job->error().kind, ApiError::Kind::Aborted);
        QVERIFY(!job->error().isTransient());
        job->abort();
        QTest::qWait(500); // past the timeout: no second finished()
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job->error().kind, ApiError::Kind::Aborted);

        // Aborted before it started: finished once, and start() does nothing afterwards.
        auto early = make<LoginJob>(m_network, silent.url(), QStringLiteral("a"), QStringLiteral("b"),
                                    QStringLiteral("c"));
        QSignalSpy earlyFinished(early.get(), &ApiJob::finished);
        early->abort();
        early->start();
        QTest::qWait(50);
        QCOMPARE(earlyFinished.count(), 1);
        QCOMPARE(early->error().kind, ApiError::Kind::Aborted);
    }

    void jobDeletesItselfAfterFinished()
    {
        FakeHttpServer fake;
        fake.setReply(httpReply("200 OK", "{}"));
        QPointer<ApiJob> job = new JsonPostJob(m_network, fake.url(), QString(), QStringLiteral("/x"), "{}");
        bool ok = false;
        connect(job, &ApiJob::finished, this, [&ok](ApiJob *finished) { ok = finished->error().ok(); });
        job->start();
        QTRY_VERIFY(!job);
        QVERIFY(ok);
    }

private:
    TokenPair login(const QString &user)
    {
        LoginJob job(m_network, m_server->url(), user, DemoPassword, QStringLiteral("tst-apiclient"));
        job.setAutoDelete(false);
        if (!run(job) || !job.error().ok())
            qWarning("login of %s failed: %s", qPrintable(user), qPrintable(job.error().toString()));
        return job.tokens();
    }

    std::unique_ptr<TestServer> m_server;
    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
