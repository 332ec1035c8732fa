#include "cache/cachedatabase.h"

#include "cache/cacheschema.h"
#include "cache/cachesql.h"
#include "cache/sqlstatement.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <deque>
#include <mutex>
#include <sqlite3.h>

namespace portico::client {

namespace {

// Page cache of the connection, in KiB (SQLite reads a negative cache_size as KiB): enough
// to keep the product table's upper B-tree levels and the search index's hot pages in memory
// with 100k products, small next to what the desktop client itself uses.
constexpr int CacheSizeKiB = 32 * 1024;
// The page size of a new cache. An initial sync appends hundreds of megabytes of rows; with
// 16 KiB pages it makes a quarter of the reads and writes that 4 KiB pages need (every page goes
// through the write-ahead log and back into the database).
constexpr int PageSizeBytes = 16384;
// The write-ahead log is copied back into the database when the cache thread has been idle this
// long, not by the commit that happens to cross SQLite's threshold: a user's save never waits
// for a checkpoint. The automatic checkpoint stays as a backstop for long busy stretches (an
// initial sync), at 32 MiB of log.
constexpr int IdleCheckpointMs = 250;
constexpr int AutoCheckpointBytes = 32 * 1024 * 1024;

QString pragmaValue(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q = CacheSql::prepare(db, sql);
    CacheSql::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace

// Owns the connection and the job queue. Lives on the cache thread: drain() and every job run
// there; push() is called from any thread.
class CacheDatabase::Worker final : public QObject
{
    Q_DISABLE_COPY_MOVE(Worker)

public:
    Worker() = default;

    // Appends a job; schedules a drain on the worker's thread unless one is already pending.
    void push(std::function<void(QSqlDatabase &)> job)
    {
        bool schedule = false;
        {
            QMutexLocker lock(&m_mutex);
            m_jobs.push_back(std::move(job));
            schedule = !m_drainScheduled;
            m_drainScheduled = true;
        }
        if (schedule)
            QMetaObject::invokeMethod(
                this, [this] { drain(); }, Qt::QueuedConnection);
    }

    // On the worker's thread. Returns the schema version reached.
    int open(const QString &path, const QString &connectionName)
    {
        if (m_db.isOpen())
            return CacheSchema::currentVersion(m_db);
        const bool inMemory = path == QLatin1String(":memory:");
        if (!inMemory && !QDir().mkpath(QFileInfo(path).absolutePath()))
            throw CacheError(QStringLiteral("Cannot create the folder of %1.").arg(path).toStdString());
        m_connectionName = connectionName;
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        m_db.setDatabaseName(path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(CacheSql::BusyTimeoutMs));
        if (!m_db.open()) {
            const QString message = m_db.lastError().text();
            close();
            throw CacheError(QStringLiteral("Cannot open %1: %2").arg(path, message).toStdString());
        }
        try {
            // Only a new, empty database takes it; an existing cache keeps the size it has.
            CacheSql::exec(m_db, QStringLiteral("PRAGMA page_size = %1").arg(PageSizeBytes));
            const QString mode = pragmaValue(m_db, QStringLiteral("PRAGMA journal_mode = WAL"));
            if (mode.compare(QLatin1String(inMemory ? "memory" : "wal"), Qt::CaseInsensitive) != 0) {
                throw CacheError(QStringLiteral("%1 cannot use write-ahead logging (journal mode %2).")
                                     .arg(path, mode)
                                     .toStdString());
            }
            // What the user saves (an order, a scan in the outbox) is on disk once saved: the
            // log is synced at every commit, so a laptop that loses power keeps it. NORMAL would
            // leave the last commits to the operating system.
            CacheSql::exec(m_db, QStringLiteral("PRAGMA synchronous = FULL"));
            CacheSql::exec(m_db, QStringLiteral("PRAGMA foreign_keys = ON"));
            // Sorts larger than the page cache go on in a temporary file, not in memory.
            CacheSql::exec(m_db, QStringLiteral("PRAGMA temp_store = FILE"));
            CacheSql::exec(m_db, QStringLiteral("PRAGMA cache_size = -%1").arg(CacheSizeKiB));
            const int pageSize = std::max(512, pragmaValue(m_db, QStringLiteral("PRAGMA page_size")).toInt());
            CacheSql::exec(
                m_db, QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(AutoCheckpointBytes / pageSize));
            return CacheSchema::migrate(m_db);
        } catch (...) {
            close();
            throw;
        }
    }

    // On the worker's thread: closes the connection and unregisters it.
    void close()
    {
        if (m_connectionName.isEmpty())
            return;
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
    }

private:
    void drain()
    {
        for (;;) {
            std::function<void(QSqlDatabase &)> job;
            {
                QMutexLocker lock(&m_mutex);
                if (m_jobs.empty()) {
                    m_drainScheduled = false;
                    const quint64 generation = ++m_generation;
                    if (m_db.isOpen())
                        QTimer::singleShot(IdleCheckpointMs, this,
                                           [this, generation] { checkpointIfIdle(generation); });
                    return;
                }
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            // submit() wraps every job so that its exception reaches its future.
            job(m_db);
        }
    }

    // On the worker's thread: no job arrived since the drain that scheduled this.
    void checkpointIfIdle(quint64 generation)
    {
        {
            QMutexLocker lock(&m_mutex);
            if (generation != m_generation || !m_jobs.empty() || m_drainScheduled)
                return;
        }
        if (!m_db.isOpen())
            return;
        QSqlQuery checkpoint(m_db);
        checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
    }

    QMutex m_mutex;
    quint64 m_generation = 0; // guarded by m_mutex
    std::deque<std::function<void(QSqlDatabase &)>> m_jobs; // guarded by m_mutex
    bool m_drainScheduled = false; // guarded by m_mutex
    QSqlDatabase m_db;
    QString m_connectionName;
};

namespace {

// SQLite keeps memory statistics under one mutex for the whole process by default; the cache
// thread and the thread that fills the search index would take it for every allocation. This
// only works before SQLite's first connection; later the call is refused and nothing changes.
void configureSqliteOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

} // namespace

CacheDatabase::CacheDatabase(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_connectionName(QLatin1String("portico-cache-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_worker(new Worker)
{
    configureSqliteOnce();
    m_thread.setObjectName(QStringLiteral("portico-cache"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

CacheDatabase::~CacheDatabase()
{
    // Queued after every job submitted so far: they all run before the connection closes.
    QFuture<void> closed = submit([worker = m_worker](QSqlDatabase &) { worker->close(); });
    closed.waitForFinished();
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

bool CacheDatabase::open(QString *error)
{
    try {
        m_schemaVersion = run([worker = m_worker, path = m_path, name = m_connectionName](QSqlDatabase &) {
            return worker->open(path, name);
        });
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

void CacheDatabase::enqueue(std::function<void(QSqlDatabase &)> job)
{
    m_worker->push(std::move(job));
}

namespace {

// Savepoints rather than BEGIN: a CacheTransaction inside another one (applyPage inside a job
// that also writes the outbox) nests instead of failing; the outermost RELEASE commits.
const QString Savepoint = QStringLiteral("SAVEPOINT cache_tx");
const QString Release = QStringLiteral("RELEASE cache_tx");
const QString RollbackTo = QStringLiteral("ROLLBACK TO cache_tx");

} // namespace

CacheTransaction::CacheTransaction(QSqlDatabase &db)
    : m_db(db)
    , m_outermost(!inTransaction(db))
{
    CacheSql::exec(m_db, Savepoint);
}

CacheTransaction::~CacheTransaction()
{
    if (m_done)
        return;
    QSqlQuery q(m_db);
    q.exec(RollbackTo);
    q.exec(Release);
}

void CacheTransaction::commit()
{
    CacheSql::exec(m_db, Release);
    m_done = true;
}

} // namespace portico::client
