#include "appinfo.h"
#include "fakehttpserver.h"
#include "sync/outbox.h"
#include "sync/session.h"
#include "sync/syncengine.h"
#include "testclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTest>

using namespace portico;
using namespace portico::client;
using namespace portico::test;

namespace {

const QByteArray Refusal
    = R"({"error":{"code":"upgrade_required","message":"Update Portico"},"min_version":"9.1.0",)"
      R"("update":{"release_id":"r1","version":"9.2.0"}})";
const QByteArray EmptyPage
    = R"({"epoch":"e1","cursor":0,"head":0,"has_more":false,"resync":false,"changes":[]})";

} // namespace

// A server that refuses this version (426 on its sync endpoints): the engine stops uploading and
// pulling, says so in its state with what to install, and keeps every outbox item exactly as it
// was; once the server accepts the version again, the items go.
class TestUpdateRequired final : public QObject
{
    Q_OBJECT

    bool m_refuse = true;
    int m_orders = 0;
    std::unique_ptr<FakeHttpServer> m_server;

    FakeResponse answer(const FakeRequest &request)
    {
        if (request.path() == "/api/v1/auth/login")
            return FakeResponse::json(200, tokenReply());
        if (m_refuse)
            return FakeResponse::json(426, Refusal);
        if (request.path() == "/api/v1/sync")
            return FakeResponse::json(200, EmptyPage);
        if (request.path().startsWith("/api/v1/orders/")) {
            ++m_orders;
            return FakeResponse::json(200, R"({"id":"o1","status":"cancelled"})");
        }
        return FakeResponse::json(404, R"({"error":{"code":"not_found","message":"no"}})");
    }

    QString enqueue(TestClient &client)
    {
        return client.cache().run([](QSqlDatabase &db) {
            return Outbox::enqueue(db, OutboxItem::Kind::CancelOrder, QStringLiteral("o1"),
                                   R"({"reason":"test"})", QDateTime::currentDateTimeUtc())
                .id;
        });
    }

private Q_SLOTS:
    void init()
    {
        m_refuse = true;
        m_orders = 0;
        m_server = std::make_unique<FakeHttpServer>([this](const FakeRequest &r) { return answer(r); });
    }

    void refusedVersionStopsSyncAndKeepsOutbox()
    {
        TestClient client(m_server->url());
        QVERIFY(client.open());
        QVERIFY2(client.login(QStringLiteral("rep1"), QStringLiteral("demo")),
                 qPrintable(client.errorString()));
        const QString id = enqueue(client);
        QSignalSpy states(&client.engine(), &SyncEngine::stateChanged);
        const auto summary = client.sync();
        QVERIFY(summary);
        QVERIFY(!summary->ok);
        QCOMPARE(summary->error.httpStatus, 426);
        QCOMPARE(client.engine().state(), SyncEngine::State::UpdateRequired);
        const QJsonObject requirement = client.engine().updateRequirement();
        QCOMPARE(requirement.value(QStringLiteral("min_version")).toString(), QStringLiteral("9.1.0"));
        QCOMPARE(requirement.value(QStringLiteral("update")).toObject().value(QStringLiteral("version")),
                 QStringLiteral("9.2.0"));
        QVERIFY(client.engine().nextRetryAt().isNull()); // no retry storm

        // The item is untouched: still pending, no attempt counted, no reason written.
        const auto item = client.cache().run([id](QSqlDatabase &db) { return Outbox::find(db, id); });
        QVERIFY(item);
        QCOMPARE(item->attempts, 0);
        QVERIFY(item->lastError.isEmpty());
        QCOMPARE(client.count(QStringLiteral("outbox"), QStringLiteral("state = 'pending'")), 1);

        // Another cycle while refused only probes with a pull: the upload is not even tried.
        const qsizetype before = m_server->requests().size();
        QVERIFY(client.sync());
        QCOMPARE(client.engine().state(), SyncEngine::State::UpdateRequired);
        const QList<FakeRequest> &requests = m_server->requests();
        for (qsizetype i = before; i < requests.size(); ++i)
            QCOMPARE(requests.at(i).path(), QByteArray("/api/v1/sync"));
        QVERIFY(!states.contains(QVariantList {QVariant::fromValue(SyncEngine::State::Offline)}));
    }

    void acceptedAgainUploadsWhatWaited()
    {
        TestClient client(m_server->url());
        QVERIFY(client.open());
        QVERIFY(client.login(QStringLiteral("rep1"), QStringLiteral("demo")));
        enqueue(client);
        QVERIFY(client.sync());
        QCOMPARE(client.engine().state(), SyncEngine::State::UpdateRequired);
        m_refuse = false;
        QVERIFY(client.sync()); // the probe goes through
        QTRY_COMPARE_WITH_TIMEOUT(m_orders, 1, 10000); // and the outbox follows at once
        QTRY_COMPARE(client.engine().state(), SyncEngine::State::Idle);
        QVERIFY(client.engine().updateRequirement().isEmpty());
    }

    void requestsCarryVersionPlatformAndChannel()
    {
        TestClient client(m_server->url());
        QVERIFY(client.open());
        ApiJob::setUpdateChannel(client.network(), QStringLiteral("beta"));
        QVERIFY(client.login(QStringLiteral("rep1"), QStringLiteral("demo")));
        QVERIFY(client.sync());
        QVERIFY(!m_server->requests().isEmpty());
        for (const FakeRequest &request : m_server->requests()) {
            QCOMPARE(request.header("X-Portico-Version"), AppInfo::version().toUtf8());
            QCOMPARE(request.header("X-Portico-Platform"), AppInfo::platform().toUtf8());
            QCOMPARE(request.header("X-Portico-Channel"), QByteArray("beta"));
        }
    }
};

QTEST_GUILESS_MAIN(TestUpdateRequired)
#include "tst_updaterequired.moc"
