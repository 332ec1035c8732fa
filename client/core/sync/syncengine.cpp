#include "sync/syncengine.h"

#include "cache/cachedatabase.h"
#include "cache/catalogcache.h"
#include "net/apiclient.h"
#include "net/contentcoding.h"
#include "net/eventschannel.h"
#include "orders/localorders.h"
#include "sync/session.h"
#include "warehouse/warehouseoutbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPromise>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QThreadPool>

#include <algorithm>
#include <atomic>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace portico::client {

namespace {

// Keeps the heap of an initial sync from growing with the number of pages it pulls: every 16th
// page freed, gives the free pages of glibc's arenas back to the system. (The arenas themselves
// stay as glibc sizes them: limiting them to two made the cache thread, the parsing pool threads
// and the network thread wait on each other's allocations, an initial sync a tenth slower, for
// about 15 MiB less at its peak.)
void returnFreedMemory()
{
#ifdef __GLIBC__
    static std::atomic<unsigned> freed {0};
    if (++freed % 16 == 0)
        malloc_trim(0);
#endif
}

QString uploadPath(const OutboxItem &item)
{
    switch (item.kind) {
    case OutboxItem::Kind::SubmitOrder:
        return QStringLiteral("/api/v1/orders");
    case OutboxItem::Kind::CancelOrder:
        return QStringLiteral("/api/v1/orders/%1/cancel").arg(item.targetId);
    case OutboxItem::Kind::ConfirmOrder:
        return QStringLiteral("/api/v1/orders/%1/confirm").arg(item.targetId);
    default:
        return WarehouseOutbox::uploadPath(item);
    }
}

ApiError cacheError(const std::exception &e)
{
    ApiError error;
    error.kind = ApiError::Kind::Protocol;
    error.code = QStringLiteral("cache");
    error.message = QString::fromStdString(e.what());
    return error;
}

// Runs `done` with the exception of a finished cache job, or with nothing.
template<typename T>
std::optional<ApiError> failureOf(QFuture<T> &future)
{
    try {
        future.waitForFinished();
    } catch (const std::exception &e) {
        return cacheError(e);
    }
    return std::nullopt;
}

} // namespace

double SyncProgress::fraction() const
{
    if (head <= startCursor)
        return cursor >= head ? 1.0 : 0.0;
    return std::clamp(double(cursor - startCursor) / double(head - startCursor), 0.0, 1.0);
}

qint64 SyncProgress::remainingMs() const
{
    const double done = fraction();
    if (done <= 0.0 || elapsedMs <= 0)
        return -1;
    return qint64(double(elapsedMs) * (1.0 - done) / done);
}

QJsonObject SyncSummary::toJson() const
{
    QJsonObject outcomeCounts;
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
        outcomeCounts.insert(it.key(), it.value());
    QJsonObject json {
        {QStringLiteral("ok"), ok},
        {QStringLiteral("pulled_rows"), pulledRows},
        {QStringLiteral("pulled_bytes"), pulledBytes},
        {QStringLiteral("pages"), pages},
        {QStringLiteral("resynced"), resynced},
        {QStringLiteral("uploaded"), uploaded},
        {QStringLiteral("set_aside"), setAside},
        {QStringLiteral("outcomes"), outcomeCounts},
        {QStringLiteral("pending"), pending},
        {QStringLiteral("duration_ms"), durationMs},
    };
    if (!ok)
        json.insert(QStringLiteral("error"), error.toString());
    return json;
}

SyncEngine::SyncEngine(CacheDatabase &cache, QNetworkAccessManager &network, Session &session,
                       QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_network(network)
    , m_session(session)
{
    m_interval.setInterval(std::chrono::minutes(5));
    connect(&m_interval, &QTimer::timeout, this, &SyncEngine::syncNow);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncEngine::syncNow);
    connect(&m_session, &Session::signedIn, this, [this] {
        if (m_events)
            m_events->setAccessToken(m_session.accessToken());
        if (m_started)
            syncNow();
    });
    connect(&m_session, &Session::tokensChanged, this, [this] {
        if (m_events)
            m_events->setAccessToken(m_session.accessToken());
    });
}

SyncEngine::~SyncEngine()
{
    if (m_job)
        m_job->abort();
    // Continuations of cache jobs run on this object; a job that finished after it is gone
    // would call into nothing. Let every job submitted so far finish while it still exists.
    m_cache.run([](QSqlDatabase &) {});
    m_parse.waitForFinished();
}

void SyncEngine::setInterval(std::chrono::milliseconds interval)
{
    m_interval.setInterval(interval);
}

void SyncEngine::setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds cap)
{
    m_backoffFirst = first;
    m_backoffCap = cap;
}

void SyncEngine::start()
{
    m_started = true;
    m_interval.start();
    ensureEvents();
    refreshCounts();
    syncNow();
}

void SyncEngine::stop()
{
    m_started = false;
    m_interval.stop();
    m_retry.stop();
    if (m_events)
        m_events->stop();
}

void SyncEngine::ensureEvents()
{
    if (!m_useEvents || m_events || m_session.state() != Session::State::SignedIn)
        return;
    m_events = new EventsChannel(m_session.server(), this);
    m_events->setAccessToken(m_session.accessToken());
    connect(m_events, &EventsChannel::nudged, this, [this](qint64 head) {
        if (head > m_knownHead || m_state != State::Idle)
            syncNow();
    });
    connect(m_events, &EventsChannel::connected, this, [this] {
        if (m_state == State::Offline)
            syncNow();
    });
    connect(m_events, &EventsChannel::unauthorized, this, [this] {
        m_session.invalidateAccessToken();
        syncNow();
    });
    m_events->start();
}

void SyncEngine::syncNow()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_retry.stop();
    beginCycle();
}

void SyncEngine::outboxChanged()
{
    refreshCounts();
    syncNow();
}

void SyncEngine::beginCycle()
{
    m_running = true;
    m_again = false;
    m_refreshedThisCycle = false;
    m_summary = {};
    m_tried.clear();
    m_queue.clear();
    m_clock.start();
    // While the server refuses this version the cycle is a quiet probe: no "syncing" state, and
    // it only pulls (see uploadNext()).
    if (m_updateRequirement.isEmpty())
        setState(State::Syncing);
    m_session.withAccessToken(this, [this](const ApiError &error) {
        if (!error.ok()) {
            finishCycle(error);
            return;
        }
        ensureEvents();
        m_cache.submitThen([](QSqlDatabase &db) { return Outbox::pending(db, 500); }, this,
                           [this](QFuture<QList<OutboxItem>> future) {
                               if (auto failure = failureOf(future)) {
                                   finishCycle(*failure);
                                   return;
                               }
                               m_queue = future.result();
                               uploadNext();
                           });
    });
}

void SyncEngine::uploadNext()
{
    while (!m_queue.isEmpty() && m_tried.contains(m_queue.first().id))
        m_queue.removeFirst();
    if (m_queue.isEmpty() || !m_updateRequirement.isEmpty()) {
        startPull();
        return;
    }
    const OutboxItem item = m_queue.first();
    auto *job = new JsonPostJob(m_network, m_session.server(), m_session.accessToken(), uploadPath(item),
                                item.payload, this);
    job->setTimeout(m_requestTimeout);
    m_job = job;
    connect(job, &ApiJob::finished, this,
            [this, item](ApiJob *finished) { onUploadFinished(item, finished); });
    job->start();
}

void SyncEngine::onUploadFinished(const OutboxItem &item, ApiJob *job)
{
    m_job = nullptr;
    const ApiError error = job->error();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (error.ok()) {
        const QJsonObject reply = static_cast<JsonPostJob *>(job)->result();
        m_cache.submitThen(
            [item, reply, now](QSqlDatabase &db) {
                CacheTransaction transaction(db);
                QString status = WarehouseOutbox::handles(item.kind)
                    ? WarehouseOutbox::recordAnswer(db, item, reply)
                    : LocalOrders::recordAnswer(db, item, reply, now);
                Outbox::remove(db, item.id);
                transaction.commit();
                return status;
            },
            this,
            [this, item](QFuture<QString> future) {
                if (auto failure = failureOf(future)) {
                    finishCycle(*failure);
                    return;
                }
                ++m_summary.uploaded;
                ++m_summary.outcomes[future.result()];
                m_tried.append(item.id);
                Q_EMIT orderChanged(item.targetId);
                uploadNext();
            });
        return;
    }
    if (retryAfterRefresh(error, [this] { uploadNext(); }))
        return;
    if (noteUpdateRequired(job)) {
        // Not refused for good: the item stays exactly as it is until an update lets it go.
        finishCycle(error);
        return;
    }
    if (error.isTransient() || error.kind == ApiError::Kind::Protocol
        || (error.kind == ApiError::Kind::Http && error.httpStatus == 401)) {
        // The server may or may not have applied it: the item stays and goes again, and the
        // server recognises a repeat by its id.
        m_cache.submit(
            [item, error](QSqlDatabase &db) { Outbox::noteAttempt(db, item.id, error.toString()); });
        finishCycle(error);
        return;
    }
    // Refused for good (400, 403, 404, 409, 413, 422): explain it on the order, set the item
    // aside and go on with the next one.
    m_cache.submitThen(
        [item, error, now, body = job->body()](QSqlDatabase &db) {
            CacheTransaction transaction(db);
            if (WarehouseOutbox::handles(item.kind))
                WarehouseOutbox::recordRefusal(db, item, error, body);
            else
                LocalOrders::recordRefusal(db, item, error, now);
            Outbox::setAside(db, item.id, error.toString());
            transaction.commit();
        },
        this,
        [this, item](QFuture<void> future) {
            if (auto failure = failureOf(future)) {
                finishCycle(*failure);
                return;
            }
            ++m_summary.setAside;
            m_tried.append(item.id);
            Q_EMIT orderChanged(item.targetId);
            uploadNext();
        });
}

bool SyncEngine::retryAfterRefresh(const ApiError &error, std::function<void()> again)
{
    if (error.kind != ApiError::Kind::Http || error.httpStatus != 401 || m_refreshedThisCycle)
        return false;
    m_refreshedThisCycle = true;
    m_session.invalidateAccessToken();
    m_session.withAccessToken(this, [this, again = std::move(again)](const ApiError &refreshError) {
        if (!refreshError.ok()) {
            finishCycle(refreshError);
            return;
        }
        again();
    });
    return true;
}

bool SyncEngine::noteUpdateRequired(ApiJob *job)
{
    const ApiError &error = job->error();
    if (error.kind != ApiError::Kind::Http || error.httpStatus != 426)
        return false;
    QJsonObject answer = QJsonDocument::fromJson(job->body()).object();
    answer.remove(QStringLiteral("error"));
    if (!answer.value(QStringLiteral("min_version")).isString())
        answer.insert(QStringLiteral("min_version"), QString());
    m_updateRequirement = answer;
    return true;
}

void SyncEngine::startPull()
{
    m_pullDone = false;
    m_applying = 0;
    ++m_pull;
    m_parsing = false;
    m_received.clear();
    m_waiting.clear();
    m_nextPage.reset();
    m_cache.submitThen([](QSqlDatabase &db) { return CatalogCache::readSyncState(db); }, this,
                       [this](QFuture<SyncState> future) {
                           if (auto failure = failureOf(future)) {
                               finishCycle(*failure);
                               return;
                           }
                           const SyncState state = future.result();
                           m_progress = {};
                           m_progress.startCursor = state.cursor;
                           m_progress.cursor = state.cursor;
                           m_progress.head = std::max(state.head, m_knownHead);
                           requestPage(state.cursor, state.epoch);
                       });
}

void SyncEngine::requestPage(qint64 cursor, const QString &epoch)
{
    auto *job = new PullJob(m_network, m_session.server(), m_session.accessToken(), cursor, m_pageSize, epoch,
                            this);
    job->setTimeout(m_requestTimeout);
    job->setParseLater(true);
    m_job = job;
    connect(job, &ApiJob::finished, this,
            [this](ApiJob *finished) { onPage(static_cast<PullJob *>(finished)); });
    job->start();
}

void SyncEngine::onPage(PullJob *job)
{
    m_job = nullptr;
    if (!m_running || m_finishing)
        return;
    const ApiError error = job->error();
    if (!error.ok()) {
        if (m_applying == 0 && retryAfterRefresh(error, [this] { startPull(); }))
            return;
        noteUpdateRequired(job);
        finishCycle(error);
        return;
    }
    // The server announces the next page in the reply's headers: it is requested now, while this
    // one is parsed and written. (A server that does not is asked once this page is parsed.)
    ReceivedPage received {job->takeBody(), job->contentEncoding(), job->announcedNext()};
    if (received.announced)
        m_nextPage = received.announced;
    m_received.push_back(std::move(received));
    parseNext();
    requestAhead();
}

// Pages are decoded and parsed one at a time, in the order they arrived, on a pool thread: never
// on the thread that owns the engine (in the window, the GUI thread).
void SyncEngine::parseNext()
{
    if (m_parsing || m_received.empty())
        return;
    ReceivedPage received = std::move(m_received.front());
    m_received.pop_front();
    m_parsing = true;
    // The result comes back as a queued call, not as a continuation of a future: with Qt 6.4 a
    // continuation attached with then(context, ...) to the future a pool thread finishes crashed
    // in QPromise::start on an already moved-from promise, in about one 200k-product sync in
    // three. m_parse only lets the destructor wait for the parse; a queued call still pending
    // when the engine is destroyed is dropped with it.
    auto promise = std::make_shared<QPromise<void>>();
    m_parse = promise->future();
    promise->start();
    if (!m_parser)
        m_parser = std::make_shared<SyncPageParser>();
    QThreadPool::globalInstance()->start([this, promise, parser = m_parser, body = std::move(received.body),
                                          encoding = received.encoding, pull = m_pull,
                                          announced = std::move(received.announced)]() mutable {
        auto parsed = std::make_shared<ParsedPage>();
        if (const auto decoded = ContentCoding::decode(body, encoding, &parsed->error))
            parsed->page = parser->parse(*decoded, &parsed->error);
        QMetaObject::invokeMethod(
            this,
            [this, parsed, pull, announced = std::move(announced)] {
                if (pull == m_pull)
                    onParsed(*parsed, announced);
            },
            Qt::QueuedConnection);
        promise->finish();
    });
}

void SyncEngine::onParsed(const ParsedPage &parsed, const std::optional<NextPage> &announced)
{
    m_parsing = false;
    if (!m_running || m_finishing)
        return;
    auto protocolError = [this](const QString &message) {
        ApiError error;
        error.kind = ApiError::Kind::Protocol;
        error.message = message;
        finishCycle(error);
    };
    if (!parsed.page) {
        protocolError(parsed.error);
        return;
    }
    SyncPage page = std::move(*parsed.page);
    if (announced && (!page.hasMore || page.resync || *announced != NextPage(page.cursor, page.epoch))) {
        protocolError(QStringLiteral("The page's headers announce cursor %1, its body says %2.")
                          .arg(announced->first)
                          .arg(page.cursor));
        return;
    }
    m_summary.pulledBytes += page.bytes;
    m_knownHead = std::max(m_knownHead, page.head);
    if (page.resync) {
        // Another epoch: drop the server's data (never the outbox) and start from nothing. Pages
        // still being applied belong to the old epoch; the reset queues behind them. Pages not
        // yet handed to the cache are of the old epoch too: they are dropped.
        m_summary.resynced = true;
        m_received.clear();
        m_waiting.clear();
        m_nextPage.reset();
        m_cache.submitThen([](QSqlDatabase &db) { CatalogCache::resetServerData(db); }, this,
                           [this](QFuture<void> future) {
                               if (auto failure = failureOf(future)) {
                                   finishCycle(*failure);
                                   return;
                               }
                               m_progress.startCursor = 0;
                               m_progress.cursor = 0;
                               Q_EMIT dataChanged();
                               requestPage(0, {});
                           });
        return;
    }
    if (!page.hasMore)
        m_pullDone = true;
    else if (!announced)
        m_nextPage.emplace(page.cursor, page.epoch);
    m_waiting.push_back(std::move(page));
    parseNext();
    requestAhead();
    applyNextPage();
}

// The next page is requested while fewer than three pages wait for the cache (arrived, being
// parsed or parsed): one page is written while the next three download, are parsed and wait, and
// no more, so memory stays flat whatever the size of the catalog. Pages of products take the
// cache several times as long as those of prices and stock, and the server sends them in runs:
// with two waiting the cache sat idle after each run (a 100k sync in 7.1–7.5 s), with three
// 7.0–7.1 s, with four 6.8–7.0 s for about 7 MiB more.
void SyncEngine::requestAhead()
{
    constexpr std::size_t MaxPagesWaiting = 3;
    const std::size_t waiting = m_received.size() + (m_parsing ? 1 : 0) + m_waiting.size();
    if (!m_nextPage || m_job || waiting >= MaxPagesWaiting)
        return;
    const auto [cursor, epoch] = *m_nextPage;
    m_nextPage.reset();
    requestPage(cursor, epoch);
}

void SyncEngine::applyNextPage()
{
    if (m_applying > 0 || m_waiting.empty())
        return;
    SyncPage page = std::move(m_waiting.front());
    m_waiting.pop_front();
    requestAhead();
    ++m_applying;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 rows = page.changes.size();
    const qint64 bytes = page.bytes;
    const qint64 cursor = page.cursor;
    const qint64 head = page.head;
    m_cache.submitThen(
        [page = std::move(page), now](QSqlDatabase &db) mutable {
            CatalogCache::applyPage(db, page, now);
            // Freeing the page's thousands of parsed objects is left to a pool thread: the cache
            // thread is the sync's slowest stage.
            QThreadPool::globalInstance()->start([done = std::move(page)]() mutable {
                done.changes = {};
                returnFreedMemory();
            });
        },
        this,
        [this, rows, bytes, cursor, head](QFuture<void> future) {
            --m_applying;
            if (!m_running || m_finishing)
                return;
            if (auto failure = failureOf(future)) {
                if (m_job)
                    m_job->abort();
                finishCycle(*failure);
                return;
            }
            m_summary.pulledRows += rows;
            ++m_summary.pages;
            m_progress.rows += rows;
            m_progress.bytes += bytes;
            ++m_progress.pages;
            m_progress.cursor = cursor;
            m_progress.head = std::max(head, cursor);
            m_progress.elapsedMs = m_clock.elapsed();
            Q_EMIT progress(m_progress);
            if (rows > 0)
                Q_EMIT dataChanged();
            if (m_pullDone && m_applying == 0 && m_waiting.empty())
                finishCycle({});
            else
                applyNextPage();
        });
}

void SyncEngine::finishCycle(const ApiError &error)
{
    if (!m_running || m_finishing)
        return;
    m_finishing = true;
    m_parser.reset();
    if (m_job) {
        QPointer<ApiJob> job = m_job;
        m_job = nullptr;
        job->abort();
    }
    m_summary.ok = error.ok();
    m_summary.error = error;
    m_summary.durationMs = m_clock.elapsed();
    m_cache.submitThen([](QSqlDatabase &db) { return Outbox::pendingCount(db); }, this,
                       [this, error](QFuture<int> future) {
                           m_running = false;
                           m_finishing = false;
                           m_summary.pending = failureOf(future) ? -1 : future.result();
                           m_last = m_summary;
                           const bool wasRefused = !m_updateRequirement.isEmpty();
                           if (error.ok() && wasRefused) {
                               // The probe went through: the minimum was lowered. Upload what waited.
                               m_updateRequirement = {};
                               m_again = true;
                           }
                           if (error.ok()) {
                               m_failures = 0;
                               m_nextRetryAt = {};
                               setState(State::Idle);
                           } else if (error.kind == ApiError::Kind::Http && error.httpStatus == 426) {
                               m_failures = 0;
                               m_nextRetryAt = {};
                               m_again = false;
                               setState(State::UpdateRequired);
                           } else if (m_session.state() == Session::State::SignedOut) {
                               setState(State::SignInRequired);
                           } else if (!m_updateRequirement.isEmpty()) {
                               // A probe that did not get through: still refused as far as we know; the
                               // interval probes again.
                               m_again = false;
                               setState(State::UpdateRequired);
                           } else {
                               scheduleRetry(error);
                           }
                           refreshCounts();
                           Q_EMIT cycleFinished(m_last);
                           // Work that arrived during the cycle, or items that came in after it read the
                           // outbox.
                           if (m_again && !m_running && m_state != State::SignInRequired)
                               syncNow();
                           else if (error.ok() && m_last.pending > 0
                                    && m_summary.uploaded + m_summary.setAside > 0)
                               syncNow();
                       });
}

void SyncEngine::scheduleRetry(const ApiError &error)
{
    ++m_failures;
    setState(State::Offline);
    using namespace std::chrono;
    const int shift = std::min(m_failures - 1, 20);
    milliseconds delay = std::min<milliseconds>(m_backoffCap, m_backoffFirst * (qint64(1) << shift));
    if (error.retryAfterSeconds > 0)
        delay = std::max<milliseconds>(delay, seconds(error.retryAfterSeconds));
    const qint64 full = delay.count();
    const qint64 jittered = full / 2 + QRandomGenerator::global()->bounded(full / 2 + 1);
    m_nextRetryAt = QDateTime::currentDateTimeUtc().addMSecs(jittered);
    m_retry.start(milliseconds(jittered));
    m_again = false;
}

void SyncEngine::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncEngine::refreshCounts()
{
    m_cache.submitThen(
        [](QSqlDatabase &db) {
            return std::pair {Outbox::pendingCount(db), Outbox::failedCount(db)};
        },
        this,
        [this](QFuture<std::pair<int, int>> future) {
            if (failureOf(future))
                return;
            const auto [pending, failed] = future.result();
            Q_EMIT outboxCountsChanged(pending, failed);
        });
}

} // namespace portico::client
