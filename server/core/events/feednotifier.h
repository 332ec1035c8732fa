#pragma once

#include "sync/visibility.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace portico::server {

class Database;

// Tells connected clients that the change feed has news for them, so that a status change
// shows on the desktops within a second without polling (the WebSocket /api/v1/events).
//
// Subscribers register the audiences they may read (their Visibility) and a callback; a
// publication names the audiences of committed changes and wakes every subscriber that may
// read any of them ("*" wakes everyone; a subscriber that sees everything matches any
// audience). Each subscriber is woken at most once per interval (200 ms): the first news
// at once, news that follows within the interval together at its end. Callbacks run on the
// notifier's own thread and must not block (the WebSocket session posts to its strand).
//
// How publications arrive, so that a nudge is never lost and never sent twice:
//  - SQLite (one server instance): code that commits feed changes calls published() with
//    their audiences right after a successful commit (never before: a nudge must not precede
//    its data), e.g. `services.notifier.published(batch.audiences())` after the
//    Database::write that appended a FeedBatch.
//  - PostgreSQL (any number of instances): ChangeFeed::append sends NOTIFY portico_feed inside
//    the writer's transaction, delivered at commit to every instance's FeedListener, which
//    calls notified(). published() is then a no-op, because this instance's own listener
//    hears its own commits too; committers call it all the same, so their code does not
//    depend on the database.
//
// A nudge carries the feed head, read after the commit it announces (readHead, once per
// batch of publications), so a client whose cursor is already there need not pull.
class FeedNotifier final
{
public:
    enum class Delivery {
        Published, // SQLite: published() wakes subscribers
        Notified, // PostgreSQL: only notified() (the LISTEN connection) does
    };
    struct News
    {
        qint64 head = 0;
        // The news names the subscriber's own user audience: what they may see can have
        // changed (a customer assigned to a rep), so they re-read their Visibility.
        bool personal = false;
    };
    using Callback = std::function<void(const News &)>;
    using SubscriptionId = quint64;
    struct Subscription
    {
        SubscriptionId id = 0;
        // The latest head a publication before this subscription announced: a client told
        // this head (with "hello") has nothing to miss between reading its snapshot and
        // subscribing.
        qint64 head = 0;
    };

    static constexpr std::chrono::milliseconds DefaultInterval {200};

    // For a database: its feed head, Published delivery on SQLite, Notified on PostgreSQL.
    explicit FeedNotifier(Database &database, std::chrono::milliseconds interval = DefaultInterval);
    // readHead returns the feed head (ChangeFeed::head); it runs on the notifier's thread, which
    // calls threadFinished before it ends.
    explicit FeedNotifier(std::function<qint64()> readHead, Delivery delivery = Delivery::Published,
                          std::chrono::milliseconds interval = DefaultInterval,
                          std::function<void()> threadFinished = {});
    ~FeedNotifier();
    FeedNotifier(const FeedNotifier &) = delete;
    FeedNotifier &operator=(const FeedNotifier &) = delete;

    // Reads the database's feed head (in a read transaction on the calling thread's connection).
    static std::function<qint64()> headReader(Database &database);

    // `personalAudience` is the subscriber's own "user:<id>" audience (see News::personal).
    Subscription subscribe(Visibility visibility, QString personalAudience, Callback callback);
    void setVisibility(SubscriptionId id, Visibility visibility);
    // After it returns the callback is not running and will not run again (unless called from
    // within a callback, which cannot wait for itself).
    void unsubscribe(SubscriptionId id);

    // After a commit that appended changes for these audiences (see the class comment).
    void published(const QStringList &audiences);
    // A notification from the LISTEN connection: wakes subscribers whatever the delivery.
    void notified(const QStringList &audiences);

    Delivery delivery() const noexcept { return m_delivery; }
    std::size_t subscriberCount() const;
    // The latest head read for a batch of news (0 before the first).
    qint64 head() const;

private:
    struct Subscriber
    {
        Visibility visibility;
        QString personalAudience;
        std::shared_ptr<Callback> callback;
        std::chrono::steady_clock::time_point lastDelivered {};
        qint64 pendingHead = 0;
        bool pending = false;
        bool pendingPersonal = false;
    };
    using Clock = std::chrono::steady_clock;

    void enqueue(const QStringList &audiences);
    void run();
    // Marks the subscribers a batch of news concerns as pending; under m_mutex.
    void match(const QSet<QString> &audiences, bool everyone, qint64 head);

    const std::function<qint64()> m_readHead;
    const std::function<void()> m_threadFinished;
    const Delivery m_delivery;
    const std::chrono::milliseconds m_interval;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::unordered_map<SubscriptionId, Subscriber> m_subscribers;
    std::vector<SubscriptionId> m_pending;
    QSet<QString> m_queued; // audiences published since the last batch
    bool m_queuedEveryone = false;
    SubscriptionId m_nextId = 1;
    qint64 m_head = 0;
    bool m_stopping = false;

    // Held while callbacks run, so that unsubscribe() can wait for a delivery in progress.
    std::mutex m_deliveryMutex;
    std::thread m_thread;
};

} // namespace portico::server
