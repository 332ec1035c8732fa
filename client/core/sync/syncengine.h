#pragma once

#include "net/apierror.h"
#include "sync/outbox.h"
#include "sync/syncpage.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFuture>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <deque>
#include <optional>

class QNetworkAccessManager;

namespace portico::client {

class ApiJob;
class CacheDatabase;
class EventsChannel;
class PullJob;
class Session;

// Where a pull stands, for a progress bar: rows and bytes so far and an estimate of the rest
// from the server's head (sequence numbers still to come).
struct SyncProgress
{
    qint64 rows = 0;
    qint64 bytes = 0;
    int pages = 0;
    qint64 startCursor = 0;
    qint64 cursor = 0;
    qint64 head = 0;
    qint64 elapsedMs = 0;

    double fraction() const; // 0..1
    qint64 remainingMs() const; // -1 when unknown
};

// What one sync cycle did; the headless client prints it as JSON.
struct SyncSummary
{
    bool ok = false;
    ApiError error; // the failure that ended the cycle, when !ok
    qint64 pulledRows = 0;
    qint64 pulledBytes = 0;
    int pages = 0;
    bool resynced = false; // the server's epoch changed: the cache was rebuilt
    int uploaded = 0; // outbox items the server answered
    int setAside = 0; // items the server refused for good (explained on their orders)
    QMap<QString, int> outcomes; // order status after upload -> count
    int pending = 0; // items still waiting after the cycle
    qint64 durationMs = 0;

    QJsonObject toJson() const;
};

// Keeps a profile's cache in step with the server and uploads its outbox. One cycle: upload what
// waits in the outbox (in order; a refused item is set aside and the next one goes), then pull
// pages from the stored cursor until the server says there is no more, each page applied with
// its cursor in one transaction. Cycles start on syncNow(), on the interval timer, on a
// WebSocket nudge, on coming back online, and after a failure by a retry timer with exponential
// backoff and jitter, so nothing waits for the user's next action.
class SyncEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)

public:
    enum class State {
        Idle, // the last cycle succeeded
        Syncing,
        Offline, // the last cycle failed for a reason that passes (network, server); retrying
        SignInRequired, // the server refused the session: nothing uploads until the user logs in
        // The server answered 426: this version is below the channel's minimum. Nothing uploads
        // (the outbox is kept as it is); a quiet pull on the interval finds out when the minimum
        // is lowered again. updateRequirement() says what to install.
        UpdateRequired,
    };
    Q_ENUM(State)

    SyncEngine(CacheDatabase &cache, QNetworkAccessManager &network, Session &session,
               QObject *parent = nullptr);
    ~SyncEngine() override;

    void setPageSize(int changes) { m_pageSize = changes; }
    void setInterval(std::chrono::milliseconds interval);
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_requestTimeout = timeout; }
    // Retry backoff: first delay and cap (defaults 1 s and 5 min); jitter draws each delay
    // uniformly from [delay/2, delay].
    void setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds cap);
    // Listen to /api/v1/events for nudges (on by default in start()).
    void setUseEvents(bool use) { m_useEvents = use; }

    // Periodic sync, nudges and retries. Runs a first cycle at once.
    void start();
    void stop();
    // A cycle now, or right after the running one.
    void syncNow();
    // A local change wrote to the outbox: upload soon.
    void outboxChanged();

    State state() const noexcept { return m_state; }
    const SyncSummary &lastSummary() const { return m_last; }
    QDateTime nextRetryAt() const { return m_nextRetryAt; }
    int consecutiveFailures() const noexcept { return m_failures; }
    // The server's 426 answer while state() is UpdateRequired: "min_version" and "update" (the
    // offer of GET /api/v1/updates, or null).
    QJsonObject updateRequirement() const { return m_updateRequirement; }

Q_SIGNALS:
    void stateChanged(portico::client::SyncEngine::State state);
    void progress(const portico::client::SyncProgress &progress);
    // A page landed in the cache: views re-read what they show.
    void dataChanged();
    // An order's local state or outcome changed (upload answered or refused).
    void orderChanged(const QString &orderId);
    void outboxCountsChanged(int pending, int failed);
    void cycleFinished(const portico::client::SyncSummary &summary);

private:
    void beginCycle();
    void uploadNext();
    void onUploadFinished(const OutboxItem &item, ApiJob *job);
    void startPull();
    void requestPage(qint64 cursor, const QString &epoch);
    using NextPage = std::pair<qint64, QString>; // cursor and epoch
    struct ParsedPage
    {
        std::optional<SyncPage> page;
        QString error;
    };
    // A page's body as it arrived (still encoded), with the next page its headers announced.
    struct ReceivedPage
    {
        QByteArray body;
        QByteArray encoding;
        std::optional<NextPage> announced;
    };
    void onPage(PullJob *job);
    void parseNext();
    void onParsed(const ParsedPage &parsed, const std::optional<NextPage> &announced);
    void requestAhead();
    void applyNextPage();
    void finishCycle(const ApiError &error);
    void setState(State state);
    void scheduleRetry(const ApiError &error);
    void refreshCounts();
    void ensureEvents();
    // On 401: one refresh per cycle, then `again`; otherwise the cycle ends.
    bool retryAfterRefresh(const ApiError &error, std::function<void()> again);
    // A 426 answer: remembers what the server asked for; true when it was one.
    bool noteUpdateRequired(ApiJob *job);

    CacheDatabase &m_cache;
    QNetworkAccessManager &m_network;
    Session &m_session;
    QPointer<EventsChannel> m_events;
    QTimer m_interval;
    QTimer m_retry;
    int m_pageSize = 5000;
    std::chrono::milliseconds m_requestTimeout {30000};
    std::chrono::milliseconds m_backoffFirst {1000};
    std::chrono::milliseconds m_backoffCap {300000};
    bool m_useEvents = true;
    bool m_started = false;

    State m_state = State::Idle;
    bool m_running = false;
    bool m_finishing = false;
    bool m_again = false;
    bool m_refreshedThisCycle = false;
    int m_failures = 0;
    QDateTime m_nextRetryAt;
    QList<OutboxItem> m_queue; // this cycle's items still to upload
    QStringList m_tried; // items answered or attempted this cycle
    QPointer<ApiJob> m_job;
    QFuture<void> m_parse; // the page being decoded and parsed off this thread
    bool m_parsing = false; // m_parse runs for this pull
    int m_pull = 0; // counts pulls: the parse of an earlier pull is dropped when it ends
    std::deque<ReceivedPage> m_received; // arrived, waiting to be parsed, in order
    std::shared_ptr<SyncPageParser> m_parser; // for the pages of the current pull
    SyncSummary m_summary;
    SyncSummary m_last;
    SyncProgress m_progress;
    QElapsedTimer m_clock;
    int m_applying = 0; // pages handed to the cache and not yet applied (0 or 1)
    std::deque<SyncPage> m_waiting; // parsed, waiting for the cache
    std::optional<NextPage> m_nextPage; // not yet requested
    bool m_pullDone = false;
    qint64 m_knownHead = 0;
    QJsonObject m_updateRequirement; // non-empty while the server refuses this version
};

} // namespace portico::client
