#include "events/feednotifier.h"

#include "log/structuredlog.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/feednotification.h"
#include "system/threads.h"

#include <QJsonObject>

#include <algorithm>
#include <optional>

namespace portico::server {

namespace {
// When the head cannot be read (the database is away), the batch waits this long and tries
// again rather than nudging with a head that might not cover it.
constexpr std::chrono::seconds RetryDelay {1};
} // namespace

FeedNotifier::FeedNotifier(Database &database, std::chrono::milliseconds interval)
    : FeedNotifier(headReader(database), database.isPostgres() ? Delivery::Notified : Delivery::Published,
                   interval, [&database] { database.releaseThreadConnection(); })
{ }

FeedNotifier::FeedNotifier(std::function<qint64()> readHead, Delivery delivery,
                           std::chrono::milliseconds interval, std::function<void()> threadFinished)
    : m_readHead(std::move(readHead))
    , m_threadFinished(std::move(threadFinished))
    , m_delivery(delivery)
    , m_interval(interval)
{
    m_thread = std::thread([this] {
        nameThisThread("portico-notify");
        run();
        if (m_threadFinished)
            m_threadFinished();
    });
}

FeedNotifier::~FeedNotifier()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

std::function<qint64()> FeedNotifier::headReader(Database &database)
{
    return [&database] {
        return database.read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); });
    };
}

FeedNotifier::Subscription FeedNotifier::subscribe(Visibility visibility, QString personalAudience,
                                                   Callback callback)
{
    const std::lock_guard lock(m_mutex);
    const SubscriptionId id = m_nextId++;
    Subscriber subscriber;
    subscriber.visibility = std::move(visibility);
    subscriber.personalAudience = std::move(personalAudience);
    subscriber.callback = std::make_shared<Callback>(std::move(callback));
    m_subscribers.emplace(id, std::move(subscriber));
    return {id, m_head};
}

void FeedNotifier::setVisibility(SubscriptionId id, Visibility visibility)
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_subscribers.find(id);
    if (found != m_subscribers.end())
        found->second.visibility = std::move(visibility);
}

void FeedNotifier::unsubscribe(SubscriptionId id)
{
    {
        const std::lock_guard lock(m_mutex);
        m_subscribers.erase(id);
    }
    // Wait for a delivery in progress, which may still be calling this subscriber.
    if (std::this_thread::get_id() != m_thread.get_id())
        const std::lock_guard barrier(m_deliveryMutex);
}

void FeedNotifier::published(const QStringList &audiences)
{
    if (m_delivery == Delivery::Published)
        enqueue(audiences);
}

void FeedNotifier::notified(const QStringList &audiences)
{
    enqueue(audiences);
}

std::size_t FeedNotifier::subscriberCount() const
{
    const std::lock_guard lock(m_mutex);
    return m_subscribers.size();
}

qint64 FeedNotifier::head() const
{
    const std::lock_guard lock(m_mutex);
    return m_head;
}

void FeedNotifier::enqueue(const QStringList &audiences)
{
    if (audiences.isEmpty())
        return;
    {
        const std::lock_guard lock(m_mutex);
        if (audiences.contains(FeedNotification::everyone())) {
            m_queuedEveryone = true;
            m_queued.clear();
        } else if (!m_queuedEveryone) {
            for (const auto &audience : audiences)
                m_queued.insert(audience);
        }
    }
    m_wake.notify_one();
}

void FeedNotifier::match(const QSet<QString> &audiences, bool everyone, qint64 head)
{
    for (auto &[id, subscriber] : m_subscribers) {
        bool hit = everyone || subscriber.visibility.everything;
        for (qsizetype i = 0; !hit && i < subscriber.visibility.audiences.size(); ++i)
            hit = audiences.contains(subscriber.visibility.audiences.at(i));
        if (!hit)
            continue;
        subscriber.pendingHead = std::max(subscriber.pendingHead, head);
        if (!subscriber.personalAudience.isEmpty() && audiences.contains(subscriber.personalAudience))
            subscriber.pendingPersonal = true;
        if (!subscriber.pending) {
            subscriber.pending = true;
            m_pending.push_back(id);
        }
    }
}

void FeedNotifier::run()
{
    std::unique_lock lock(m_mutex);
    std::optional<Clock::time_point> retryAt;
    while (!m_stopping) {
        if ((!m_queued.isEmpty() || m_queuedEveryone) && (!retryAt || Clock::now() >= *retryAt)) {
            QSet<QString> audiences = std::exchange(m_queued, {});
            const bool everyone = std::exchange(m_queuedEveryone, false);
            lock.unlock();
            std::optional<qint64> head;
            try {
                head = m_readHead();
            } catch (const std::exception &e) {
                StructuredLog::warning(QStringLiteral("feed head unavailable, nudges wait"),
                                       {{QStringLiteral("error"), QString::fromUtf8(e.what())}});
            }
            lock.lock();
            if (head) {
                retryAt.reset();
                m_head = std::max(m_head, *head);
                match(audiences, everyone, m_head);
            } else {
                retryAt = Clock::now() + RetryDelay;
                if (everyone) {
                    m_queuedEveryone = true;
                    m_queued.clear();
                } else if (!m_queuedEveryone) {
                    m_queued.unite(audiences);
                }
            }
        }

        // Deliver what is due. The delivery mutex is taken before the subscribers are read,
        // so that an unsubscribe() that returns has either removed its subscriber before this
        // batch was collected or waited for the batch to be delivered.
        lock.unlock();
        std::unique_lock delivering(m_deliveryMutex);
        lock.lock();
        const auto now = Clock::now();
        std::optional<Clock::time_point> nextDue;
        std::vector<std::pair<std::shared_ptr<Callback>, News>> due;
        std::erase_if(m_pending, [&](SubscriptionId id) {
            const auto found = m_subscribers.find(id);
            if (found == m_subscribers.end() || !found->second.pending)
                return true;
            auto &subscriber = found->second;
            const auto when = subscriber.lastDelivered + m_interval;
            if (when > now) {
                nextDue = nextDue ? std::min(*nextDue, when) : when;
                return false;
            }
            due.emplace_back(subscriber.callback, News {subscriber.pendingHead, subscriber.pendingPersonal});
            subscriber.pending = false;
            subscriber.pendingPersonal = false;
            subscriber.lastDelivered = now;
            return true;
        });
        if (!due.empty()) {
            lock.unlock();
            for (const auto &[callback, news] : due) {
                try {
                    (*callback)(news);
                } catch (const std::exception &e) {
                    StructuredLog::error(QStringLiteral("feed subscriber failed"),
                                         {{QStringLiteral("error"), QString::fromUtf8(e.what())}});
                }
            }
            due.clear();
            delivering.unlock();
            lock.lock();
            continue;
        }
        delivering.unlock();

        // The lock was let go above: look again before sleeping, or a wake-up may be missed.
        if (m_stopping)
            break;
        if (!m_queued.isEmpty() || m_queuedEveryone) {
            if (!retryAt)
                continue;
            nextDue = nextDue ? std::min(*nextDue, *retryAt) : *retryAt;
        }
        if (nextDue)
            m_wake.wait_until(lock, *nextDue);
        else
            m_wake.wait(lock);
    }
}

} // namespace portico::server
