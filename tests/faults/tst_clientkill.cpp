#include "cache/cachedatabase.h"
#include "demoscenario.h"
#include "faultproxy.h"
#include "sync/outbox.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace portico;
using namespace portico::client;
using namespace portico::test;

namespace {

struct Run
{
    int exitCode = -1;
    bool killed = false;
    QJsonObject summary;
    QByteArray err;
};

} // namespace

// The real `portico --sync` process killed with SIGKILL in the middle of an initial pull and in
// the middle of uploads, then started again: the cache passes PRAGMA integrity_check, the pull
// resumes where it stopped, the outbox is intact and every order reaches the server once. Runs
// with a Secret Service (the test is started under dbus-run-session with gnome-keyring).
class TestClientKill final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    QTemporaryDir m_home;
    QRandomGenerator m_random {20261129};

    // Runs portico --sync; kills it after killAfterMs when that is >= 0, or once the proxy has
    // delivered killAfterResponses more responses when that is > 0.
    Run runSync(const QString &profile, bool create, int killAfterMs = -1, int pageSize = 0,
                qint64 killAfterResponses = 0)
    {
        QStringList arguments {QStringLiteral("--sync"), QStringLiteral("--profile"), profile};
        if (create)
            arguments += {QStringLiteral("--server"), m_proxy->url().toString(), QStringLiteral("--login"),
                          QStringLiteral("manager"), QStringLiteral("--password-stdin")};
        if (pageSize > 0)
            arguments += {QStringLiteral("--page-size"), QString::number(pageSize)};
        QProcess process;
        process.start(QStringLiteral(PORTICO_CLIENT_BINARY), arguments);
        Run run;
        if (!process.waitForStarted(10000))
            return run;
        if (create)
            process.write("demo\n");
        process.closeWriteChannel();
        bool killNow = false;
        if (killAfterResponses > 0) {
            const qint64 target = m_proxy->counters().responsesDelivered + killAfterResponses;
            QDeadlineTimer deadline(120000);
            while (m_proxy->counters().responsesDelivered < target && !deadline.hasExpired()
                   && !process.waitForFinished(5)) { }
            killNow = process.state() != QProcess::NotRunning;
        } else if (killAfterMs >= 0) {
            killNow = !process.waitForFinished(killAfterMs);
        }
        if (killNow) {
            ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
            run.killed = true;
        }
        process.waitForFinished(120000);
        run.err = process.readAllStandardError();
        if (run.killed)
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.summary = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
        return run;
    }

    static QString integrity(const QString &profile)
    {
        CacheDatabase cache(profile + QStringLiteral("/cache.sqlite"));
        if (!cache.open())
            return QStringLiteral("cannot open");
        return cache.run([](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("PRAGMA integrity_check"));
            return query.next() ? query.value(0).toString() : QString();
        });
    }

    static qint64 count(const QString &profile, const QString &sql)
    {
        CacheDatabase cache(profile + QStringLiteral("/cache.sqlite"));
        if (!cache.open())
            return -1;
        return cache.run([sql](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(sql);
            return query.next() ? query.value(0).toLongLong() : qint64(-1);
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "run under tests/support/tools/with-keyring (CTest does)");
        m_server = std::make_unique<TestServer>(
            QStringList {QStringLiteral("--products"), QStringLiteral("2000")}, QStringLiteral("demo"));
        QVERIFY2(m_server->start(120000), qPrintable(m_server->errorString()));
        m_proxy = std::make_unique<FaultProxy>(m_server->port());
        QVERIFY(m_proxy->start());
    }

    void cleanupTestCase()
    {
        m_proxy.reset();
        if (m_server)
            m_server->terminate();
    }

    void killedDuringInitialPull()
    {
        const QString profile = m_home.filePath(QStringLiteral("pull"));
        // Slow pages, so that the kills land inside the pull.
        m_proxy->setDelay(std::chrono::milliseconds(40));
        int kills = 0;
        // The first kill comes once several pages have reached the client, whatever the speed of
        // this build (under a sanitizer a fixed delay may end every run before its first commit);
        // the others at random moments.
        Run run = runSync(profile, true, -1, 100, 8);
        kills += run.killed ? 1 : 0;
        qint64 cursor = -1;
        for (int attempt = 0; attempt < 4 && run.killed; ++attempt) {
            QCOMPARE(integrity(profile), QStringLiteral("ok"));
            const qint64 now = count(profile, QStringLiteral("SELECT cursor FROM sync_state"));
            QVERIFY(now >= cursor); // never goes back
            cursor = now;
            run = runSync(profile, false, int(m_random.bounded(300, 1500)), 100);
            kills += run.killed ? 1 : 0;
        }
        m_proxy->clearFaults();
        if (run.killed)
            run = runSync(profile, false, -1, 1000);
        qInfo("initial pull killed %d times; resumed from cursor %lld", kills, cursor);
        QVERIFY(kills >= 1);
        QVERIFY(cursor > 0); // pages committed before a kill were kept
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.summary.value(QStringLiteral("ok")).toBool(), run.err.constData());
        QCOMPARE(integrity(profile), QStringLiteral("ok"));
        QCOMPARE(count(profile, QStringLiteral("SELECT COUNT(*) FROM product")), 2000);
        QCOMPARE(count(profile, QStringLiteral("SELECT COUNT(*) FROM price")), 6000);
    }

    void killedDuringUploads()
    {
        const QString profile = m_home.filePath(QStringLiteral("uploads"));
        Run run = runSync(profile, true);
        QCOMPARE(run.exitCode, 0);
        const QString tag
            = QStringLiteral("kill-%1-").arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8));
        {
            // The user's orders, written while no sync runs (the profile is not locked).
            TestClient writer(m_proxy->url(), profile);
            QVERIFY(writer.open());
            QCOMPARE(queueOrders(writer, 200, tag).size(), 200);
        }
        m_proxy->setDelay(std::chrono::milliseconds(15));
        int kills = 0;
        for (int attempt = 0; attempt < 5; ++attempt) {
            run = runSync(profile, false, int(m_random.bounded(200, 1500)));
            if (!run.killed)
                break;
            ++kills;
            QCOMPARE(integrity(profile), QStringLiteral("ok"));
            const qint64 left
                = count(profile, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'"));
            const qint64 orders = count(
                profile,
                QStringLiteral("SELECT COUNT(*) FROM orders WHERE local_state IN ('queued', 'uploaded')"));
            QVERIFY(left >= 0 && left <= 200);
            QCOMPARE(orders, 200); // every order is still here, queued or uploaded
        }
        m_proxy->clearFaults();
        if (run.killed)
            run = runSync(profile, false);
        qInfo("uploads killed %d times", kills);
        QVERIFY(kills >= 1);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(count(profile, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")), 0);
        const QHash<QString, int> counts = serverOrdersByComment(m_server->port(), tag);
        QCOMPARE(counts.size(), 200);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            QCOMPARE(it.value(), 1);
    }

    void headlessExplainsWhatWentWrong()
    {
        // No profile there: exit 4 at once, with the reason in the JSON summary.
        const Run missing = runSync(m_home.filePath(QStringLiteral("nothing-here")), false);
        QCOMPARE(missing.exitCode, 4);
        QVERIFY(!missing.summary.value(QStringLiteral("error")).toString().isEmpty());
        // A wrong password: exit 2, and no tokens were stored.
        QProcess process;
        process.start(QStringLiteral(PORTICO_CLIENT_BINARY),
                      {QStringLiteral("--sync"), QStringLiteral("--profile"),
                       m_home.filePath(QStringLiteral("wrong")), QStringLiteral("--server"),
                       m_proxy->url().toString(), QStringLiteral("--login"), QStringLiteral("manager"),
                       QStringLiteral("--password-stdin")});
        QVERIFY(process.waitForStarted());
        process.write("not-the-password\n");
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        const QJsonObject summary
            = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
        QCOMPARE(summary.value(QStringLiteral("ok")).toBool(true), false);
        // The profile exists but is not signed in: a plain sync says so.
        const Run unsigned_ = runSync(m_home.filePath(QStringLiteral("wrong")), false);
        QCOMPARE(unsigned_.exitCode, 2);
        QVERIFY2(unsigned_.summary.value(QStringLiteral("error"))
                     .toString()
                     .contains(QStringLiteral("--password-stdin")),
                 qPrintable(unsigned_.summary.value(QStringLiteral("error")).toString()));
    }

    void secondProcessOnTheSameProfileRefuses()
    {
        const QString profile = m_home.filePath(QStringLiteral("busy"));
        const Run created = runSync(profile, true);
        QVERIFY2(
            created.exitCode == 0,
            QByteArray(QJsonDocument(created.summary).toJson(QJsonDocument::Compact) + '\n' + created.err)
                .constData());
        m_proxy->setDelay(std::chrono::milliseconds(2000)); // the first process holds the profile meanwhile
        QProcess first;
        first.start(QStringLiteral(PORTICO_CLIENT_BINARY),
                    {QStringLiteral("--sync"), QStringLiteral("--profile"), profile});
        QVERIFY(first.waitForStarted());
        QTest::qWait(300);
        const Run second = runSync(profile, false);
        QVERIFY(first.waitForFinished(60000));
        m_proxy->clearFaults();
        QVERIFY2(first.exitCode() == 0,
                 QByteArray(first.readAllStandardOutput() + first.readAllStandardError()).constData());
        QCOMPARE(second.exitCode, 3);
        QVERIFY2(second.summary.value(QStringLiteral("error")).toString().contains(QStringLiteral("another")),
                 qPrintable(second.summary.value(QStringLiteral("error")).toString()));
    }
};

QTEST_GUILESS_MAIN(TestClientKill)
#include "tst_clientkill.moc"
