#pragma once

#include <QSemaphore>

#include <atomic>
#include <chrono>
#include <memory>

class QThread;

namespace portico::server {

class Database;
class FeedNotifier;

// This server instance's ear for change feed notifications on PostgreSQL: LISTEN portico_feed
// on a dedicated QPSQL connection, owned by a dedicated QThread that runs its own event loop
// (the driver reports notifications through a socket notifier), passing each notification's
// audiences to FeedNotifier::notified(). See storage/feednotification.h for the payload.
//
// The connection is checked every `checkInterval`; when it is lost the listener reconnects,
// and after every (re)connect it wakes every subscriber once, since notifications sent while
// nobody listened are gone: a spurious nudge costs one empty pull, a lost one a stale screen.
class FeedListener final
{
public:
    FeedListener(Database &database, FeedNotifier &notifier,
                 std::chrono::milliseconds checkInterval = std::chrono::seconds(5));
    ~FeedListener();
    FeedListener(const FeedListener &) = delete;
    FeedListener &operator=(const FeedListener &) = delete;

    // Starts the thread and waits up to `timeout` for the first LISTEN; false when it has not
    // succeeded yet (the listener keeps trying in the background).
    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    void stop();
    bool isListening() const noexcept { return m_listening.load(); }

private:
    void run();

    Database &m_database;
    FeedNotifier &m_notifier;
    const std::chrono::milliseconds m_checkInterval;
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_listening {false};
    QSemaphore m_firstAttempt;
};

} // namespace portico::server
