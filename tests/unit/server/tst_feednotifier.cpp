#include "events/feedlistener.h"
#include "events/feednotifier.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/feednotification.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace portico::server;
using portico::test::TestDatabase;
using namespace std::chrono_literals;

namespace {

// Records what a subscriber's callback receives, from the notifier's thread.
class Inbox
{
public:
    FeedNotifier::Callback callback()
    {
        return [this](const FeedNotifier::News &news) {
            const std::lock_guard lock(m_mutex);
            m_news.push_back(news);
            m_times.push_back(m_clock.elapsed());
        };
    }
    int count() const
    {
        const std::lock_guard lock(m_mutex);
        return static_cast<int>(m_news.size());
    }
    FeedNotifier::News last() const
    {
        const std::lock_guard lock(m_mutex);
        return m_news.empty() ? FeedNotifier::News {} : m_news.back();
    }
    std::vector<qint64> times() const
    {
        const std::lock_guard lock(m_mutex);
        return m_times;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<FeedNotifier::News> m_news;
    std::vector<qint64> m_times;
    QElapsedTimer m_clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
};

Visibility sees(const QStringList &audiences)
{
    Visibility visibility;
    visibility.audiences = audiences;
    return visibility;
}

Visibility seesEverything()
{
    Visibility visibility;
    visibility.everything = true;
    return visibility;
}

Change change(const QString &audience)
{
    Change c;
    c.entity = QStringLiteral("test");
    c.entityId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    c.audience = audience;
    c.payload = "{}";
    return c;
}

} // namespace

class TestFeedNotifier final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matching_data()
    {
        QTest::addColumn<QStringList>("visible");
        QTest::addColumn<bool>("everything");
        QTest::addColumn<QStringList>("published");
        QTest::addColumn<bool>("woken");
        const QStringList buyerA {QStringLiteral("all"), QStringLiteral("role:buyer"),
                                  QStringLiteral("user:u1"), QStringLiteral("customer:A"),
                                  QStringLiteral("price_type:P")};
        QTest::newRow("everyone's news") << buyerA << false << QStringList {QStringLiteral("all")} << true;
        QTest::newRow("own customer")
            << buyerA << false << QStringList {QStringLiteral("customer:A")} << true;
        QTest::newRow("other customer")
            << buyerA << false << QStringList {QStringLiteral("customer:B")} << false;
        QTest::newRow("own price type")
            << buyerA << false << QStringList {QStringLiteral("price_type:P")} << true;
        QTest::newRow("other role") << buyerA << false << QStringList {QStringLiteral("role:warehouse")}
                                    << false;
        QTest::newRow("own user") << buyerA << false << QStringList {QStringLiteral("user:u1")} << true;
        QTest::newRow("one of several")
            << buyerA << false << QStringList {QStringLiteral("customer:B"), QStringLiteral("customer:A")}
            << true;
        QTest::newRow("everyone marker") << buyerA << false << QStringList {QStringLiteral("*")} << true;
        QTest::newRow("manager sees any customer")
            << QStringList {} << true << QStringList {QStringLiteral("customer:Z")} << true;
        QTest::newRow("exchange user sees nothing")
            << QStringList {} << false << QStringList {QStringLiteral("all")} << false;
        QTest::newRow("exchange user hears everyone marker")
            << QStringList {} << false << QStringList {QStringLiteral("*")} << true;
    }

    void matching()
    {
        QFETCH(QStringList, visible);
        QFETCH(bool, everything);
        QFETCH(QStringList, published);
        QFETCH(bool, woken);
        FeedNotifier notifier([] { return qint64(7); });
        Inbox inbox;
        Inbox control;
        Visibility visibility = sees(visible);
        visibility.everything = everything;
        notifier.subscribe(visibility, QStringLiteral("user:u1"), inbox.callback());
        // A subscriber that hears everything shows when the batch has been dispatched.
        notifier.subscribe(seesEverything(), {}, control.callback());
        notifier.published(published);
        QTRY_COMPARE(control.count(), 1);
        QTest::qWait(50);
        QCOMPARE(inbox.count(), woken ? 1 : 0);
        if (woken)
            QCOMPARE(inbox.last().head, qint64(7));
    }

    void coalescesWithinInterval()
    {
        std::atomic<qint64> head {1};
        FeedNotifier notifier([&head] { return head.load(); }, FeedNotifier::Delivery::Published, 300ms);
        Inbox inbox;
        notifier.subscribe(sees({QStringLiteral("all")}), {}, inbox.callback());
        notifier.published({QStringLiteral("all")});
        QTRY_COMPARE(inbox.count(), 1); // the first news goes out at once
        QCOMPARE(inbox.last().head, qint64(1));
        for (int i = 2; i <= 6; ++i) {
            head = i;
            notifier.published({QStringLiteral("all")});
            QTest::qWait(10);
        }
        QTRY_COMPARE(inbox.count(), 2); // the rest together, at the end of the interval
        QCOMPARE(inbox.last().head, qint64(6));
        QTest::qWait(400);
        QCOMPARE(inbox.count(), 2);
        const auto times = inbox.times();
        QVERIFY2(times[1] - times[0] >= 280, qPrintable(QString::number(times[1] - times[0])));
    }

    void intervalIsPerSubscriber()
    {
        FeedNotifier notifier([] { return qint64(1); }, FeedNotifier::Delivery::Published, 5000ms);
        Inbox a;
        Inbox b;
        notifier.subscribe(sees({QStringLiteral("customer:A")}), {}, a.callback());
        notifier.subscribe(sees({QStringLiteral("customer:B")}), {}, b.callback());
        notifier.published({QStringLiteral("customer:A")});
        QTRY_COMPARE(a.count(), 1);
        // B was not woken by A's news, so its own news is not held back by A's interval.
        notifier.published({QStringLiteral("customer:B")});
        QTRY_COMPARE_WITH_TIMEOUT(b.count(), 1, 1000);
    }

    void unsubscribeStopsCallbacks()
    {
        FeedNotifier notifier([] { return qint64(1); });
        Inbox gone;
        Inbox control;
        const auto subscription = notifier.subscribe(sees({QStringLiteral("all")}), {}, gone.callback());
        notifier.subscribe(sees({QStringLiteral("all")}), {}, control.callback());
        QCOMPARE(notifier.subscriberCount(), std::size_t {2});
        notifier.unsubscribe(subscription.id);
        QCOMPARE(notifier.subscriberCount(), std::size_t {1});
        notifier.published({QStringLiteral("all")});
        QTRY_COMPARE(control.count(), 1);
        QTest::qWait(50);
        QCOMPARE(gone.count(), 0);
    }

    void unsubscribeWaitsForRunningCallback()
    {
        FeedNotifier notifier([] { return qint64(1); });
        std::atomic<bool> inCallback {false};
        std::atomic<bool> finished {false};
        const auto subscription
            = notifier.subscribe(sees({QStringLiteral("all")}), {}, [&](const FeedNotifier::News &) {
                  inCallback = true;
                  QThread::msleep(200);
                  finished = true;
              });
        notifier.published({QStringLiteral("all")});
        QTRY_VERIFY(inCallback.load());
        notifier.unsubscribe(subscription.id);
        QVERIFY(finished.load());
    }

    void unsubscribeFromCallbackDoesNotDeadlock()
    {
        FeedNotifier notifier([] { return qint64(1); });
        std::atomic<int> calls {0};
        FeedNotifier::SubscriptionId id = 0;
        std::mutex idMutex;
        {
            const std::lock_guard lock(idMutex);
            id = notifier
                     .subscribe(sees({QStringLiteral("all")}), {},
                                [&](const FeedNotifier::News &) {
                                    ++calls;
                                    const std::lock_guard inner(idMutex);
                                    notifier.unsubscribe(id);
                                })
                     .id;
        }
        notifier.published({QStringLiteral("all")});
        QTRY_COMPARE(calls.load(), 1);
        QTRY_COMPARE(notifier.subscriberCount(), std::size_t {0});
    }

    void subscribeReportsKnownHead()
    {
        FeedNotifier notifier([] { return qint64(41); });
        Inbox inbox;
        QCOMPARE(notifier.subscribe(sees({QStringLiteral("all")}), {}, inbox.callback()).head, qint64(0));
        notifier.published({QStringLiteral("customer:nobody")});
        QTRY_COMPARE(notifier.head(), qint64(41));
        // A later subscriber learns the head of news it did not hear.
        QCOMPARE(notifier.subscribe(sees({QStringLiteral("all")}), {}, inbox.callback()).head, qint64(41));
    }

    void personalNewsIsFlagged()
    {
        FeedNotifier notifier([] { return qint64(3); });
        Inbox inbox;
        notifier.subscribe(sees({QStringLiteral("all"), QStringLiteral("user:u1")}),
                           QStringLiteral("user:u1"), inbox.callback());
        notifier.published({QStringLiteral("all")});
        QTRY_COMPARE(inbox.count(), 1);
        QVERIFY(!inbox.last().personal);
        QTest::qWait(250);
        notifier.published({QStringLiteral("user:u1")});
        QTRY_COMPARE(inbox.count(), 2);
        QVERIFY(inbox.last().personal);
    }

    void setVisibilityChangesMatching()
    {
        FeedNotifier notifier([] { return qint64(1); });
        Inbox inbox;
        const auto subscription
            = notifier.subscribe(sees({QStringLiteral("customer:A")}), {}, inbox.callback());
        notifier.setVisibility(subscription.id, sees({QStringLiteral("customer:B")}));
        notifier.published({QStringLiteral("customer:B")});
        QTRY_COMPARE(inbox.count(), 1);
    }

    void notifiedDeliveryIgnoresPublished()
    {
        FeedNotifier notifier([] { return qint64(5); }, FeedNotifier::Delivery::Notified);
        Inbox inbox;
        notifier.subscribe(sees({QStringLiteral("all")}), {}, inbox.callback());
        notifier.published({QStringLiteral("all")});
        QTest::qWait(150);
        QCOMPARE(inbox.count(), 0);
        notifier.notified({QStringLiteral("all")});
        QTRY_COMPARE(inbox.count(), 1);
        QCOMPARE(inbox.last().head, qint64(5));
    }

    void unreadableHeadIsRetried()
    {
        std::atomic<int> reads {0};
        FeedNotifier notifier([&reads]() -> qint64 {
            if (reads++ == 0)
                throw StorageError(QStringLiteral("database away"));
            return 9;
        });
        Inbox inbox;
        notifier.subscribe(sees({QStringLiteral("all")}), {}, inbox.callback());
        notifier.published({QStringLiteral("all")});
        QTRY_COMPARE_WITH_TIMEOUT(inbox.count(), 1, 3000);
        QCOMPARE(inbox.last().head, qint64(9));
        QCOMPARE(reads.load(), 2);
    }

    void payload_data()
    {
        QTest::addColumn<QStringList>("audiences");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QStringList>("decoded");
        QTest::newRow("one") << QStringList {QStringLiteral("all")} << QStringLiteral("all")
                             << QStringList {QStringLiteral("all")};
        QTest::newRow("distinct, in order")
            << QStringList {QStringLiteral("customer:A"), QStringLiteral("all"), QStringLiteral("customer:A")}
            << QStringLiteral("customer:A,all")
            << QStringList {QStringLiteral("customer:A"), QStringLiteral("all")};
        QTest::newRow("everyone") << QStringList {QStringLiteral("all"), QStringLiteral("*")}
                                  << QStringLiteral("*") << QStringList {QStringLiteral("*")};
        QStringList many;
        for (int i = 0; i < 300; ++i)
            many << QStringLiteral("customer:%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        QTest::newRow("too long for NOTIFY")
            << many << QStringLiteral("*") << QStringList {QStringLiteral("*")};
    }

    void payload()
    {
        QFETCH(QStringList, audiences);
        QFETCH(QString, payload);
        QFETCH(QStringList, decoded);
        const QString encoded = FeedNotification::payload(audiences);
        QCOMPARE(encoded, payload);
        QVERIFY(encoded.toUtf8().size() <= FeedNotification::PayloadLimit);
        QCOMPARE(FeedNotification::audiences(encoded), decoded);
    }

    // PostgreSQL: NOTIFY from ChangeFeed::append reaches the LISTEN connection at commit.
    void postgresListenerHearsCommits()
    {
        if (TestDatabase::backend() != TestDatabase::Backend::Postgres)
            QSKIP("LISTEN/NOTIFY is PostgreSQL's; this runs in the _postgres variant");
        TestDatabase db;
        QVERIFY2(db.create(), qPrintable(db.errorString()));
        FeedNotifier notifier(FeedNotifier::headReader(db.database()), FeedNotifier::Delivery::Notified,
                              50ms);
        FeedListener listener(db.database(), notifier);
        QVERIFY(listener.start());
        Inbox buyer;
        Inbox other;
        notifier.subscribe(sees({QStringLiteral("all"), QStringLiteral("customer:A")}), {}, buyer.callback());
        notifier.subscribe(sees({QStringLiteral("customer:B")}), {}, other.callback());
        // The listener's own "*" after connecting may still be on its way.
        QTest::qWait(300);
        const int buyerBefore = buyer.count();
        const int otherBefore = other.count();

        // Nothing is heard while the transaction is open, only at commit.
        std::atomic<bool> committed {false};
        std::atomic<int> heardBeforeCommit {-1};
        qint64 head = 0;
        std::thread writer([&] {
            head = db.database().write([&](QSqlDatabase &tx) {
                const qint64 h = ChangeFeed::append(tx, {change(QStringLiteral("customer:A"))});
                QThread::msleep(400);
                heardBeforeCommit = buyer.count() - buyerBefore;
                return h;
            });
            committed = true;
            db.database().releaseThreadConnection();
        });
        QTRY_VERIFY_WITH_TIMEOUT(committed.load(), 5000);
        writer.join();
        QCOMPARE(heardBeforeCommit.load(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(buyer.count(), buyerBefore + 1, 2000);
        QVERIFY(buyer.last().head >= head);
        QTest::qWait(200);
        QCOMPARE(other.count(), otherBefore);

        // A rolled-back transaction announces nothing.
        QTest::qWait(100);
        const int beforeRollback = buyer.count();
        try {
            db.database().write([&](QSqlDatabase &tx) {
                ChangeFeed::append(tx, {change(QStringLiteral("all"))});
                throw StorageError(QStringLiteral("abandon"));
            });
        } catch (const StorageError &) { }
        QTest::qWait(300);
        QCOMPARE(buyer.count(), beforeRollback);

        // Too many audiences for one payload: everyone is woken.
        QList<Change> many;
        for (int i = 0; i < 300; ++i)
            many << change(Audience::customer(QUuid::createUuid().toString(QUuid::WithoutBraces)));
        db.database().write([&](QSqlDatabase &tx) { return ChangeFeed::append(tx, many); });
        QTRY_COMPARE_WITH_TIMEOUT(other.count(), otherBefore + 1, 2000);
        listener.stop();
    }
};

QTEST_GUILESS_MAIN(TestFeedNotifier)
#include "tst_feednotifier.moc"
