#include "storage/database.h"

#include "storage/servervfs.h"
#include "system/threads.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QPointer>
#include <QSqlDriver>
#include <QSqlError>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <sqlite3.h>
#include <thread>
#include <time.h>

namespace portico::server {

namespace {

// The log size (in pages) past which a commit asks for a checkpoint (32 MiB of 4 KiB pages;
// SQLite's default is 1,000): under a stream of small writes that touch the same pages (stock
// rows, index pages, the feed head) a longer log copies each page back once for many commits,
// and syncs the database file less often. Commits are as durable as before.
constexpr int CheckpointPages = 8192;
// Past this size the checkpointer has not caught up (a reader held it back, or commits came
// too close together for the log to start over between them) and the committing writer
// checkpoints itself: it copies only what the checkpointer has not, and the log starts over at
// the next write, so that it stays bounded.
constexpr int WriterCheckpointPages = 2 * CheckpointPages;

// CPU time of the calling thread, in nanoseconds.
std::int64_t threadCpuNanos() noexcept
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// How far the writer thread runs ahead of the process's other threads (nice steps). Every write
// waits for that one thread, and each handler that waits for it is one fewer competing for a
// core; but the scheduler shares the cores fairly among the threads that can run, so under load
// a writer of equal weight waited behind a dozen handlers pricing the next orders, and the
// whole server with it. Ten steps give it about nine times a handler's share: handlers still
// run whenever it waits for the disk or for work (docs/PERFORMANCE.md, change 37). Only as far
// as the process may (see raiseThisThreadPriority).
constexpr int WriterPrioritySteps = 10;

// The writer connection's page cache, in KiB (SQLite's default is 2 MiB).
constexpr int WriterCacheKiB = 64 * 1024;

// Rolling back a write of a group commit (its savepoint), or a statement that fails halfway,
// needs the pages it changed as they were before: SQLite keeps them in a sub-journal that it
// writes to a temporary file once it holds more than 64 KiB. An order's savepoint changes about
// a hundred pages, so with that default nearly every order of a group commit created, wrote and
// deleted a file. Up to this size the sub-journal stays in memory; a larger one (an import's
// file, a catalog rewritten) still goes to a file. It goes there in blocks of this size, which
// the unix VFS cannot write whole (at most 0x1ffff bytes a call: "database or disk is full"),
// so a limit past 128 KiB needs the VFS that splits those writes (storage/servervfs.h);
// other VFSs do not cut writes short.
constexpr int SubJournalInMemoryBytes = 2 * 1024 * 1024;

// Process-wide settings that SQLite takes only before its first connection opens.
void configureSqliteOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // SQLITE_MISUSE when something in this process opened SQLite already: the default
        // stays. Configured before the VFS, whose look-up starts SQLite.
        sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, SubJournalInMemoryBytes);
        // SQLite counts its memory under one mutex for the whole process by default, and
        // Debian's build has no lookaside allocator, so every allocation of every connection
        // (the writer's, each handler's) would take that mutex.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        installServerVfs();
    });
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace

// One prepared statement of a thread's connection, and whether a Sql is using it now.
struct PreparedStatement
{
    explicit PreparedStatement(const QSqlDatabase &db)
        : query(db)
        , connectionName(db.connectionName())
    { }

    QSqlQuery query;
    QString connectionName;
    bool inUse = false;
    bool cached = false;
    quint64 lastUse = 0;
};

namespace {
std::atomic<int> nextInstance {1};
std::atomic<quint64> nextThread {1};

// A number per thread that is never reused, unlike the OS thread id: a connection must never
// pass to a new thread that happens to get a dead thread's id.
quint64 threadNumber()
{
    thread_local const quint64 number = nextThread++;
    return number;
}

QString describeError(const QSqlError &error)
{
    QString text = error.driverText();
    if (!error.databaseText().isEmpty())
        text += QStringLiteral(": ") + error.databaseText();
    return text;
}

// Switching a new database to WAL takes an exclusive lock, and SQLite answers "database is
// locked" at once instead of calling the busy handler while other connections are opening the
// same file (waiting there could deadlock). WAL mode persists in the file, so only the first
// connections of a new database ever race here.
void enableWal(const QSqlDatabase &db)
{
    const QDeadlineTimer deadline(10000);
    for (;;) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            return;
        const QSqlError error = query.lastError();
        const bool busy = error.nativeErrorCode() == QLatin1String("5")
            || error.databaseText().contains(QLatin1String("locked"));
        if (!busy || deadline.hasExpired())
            throw StorageError(
                QStringLiteral("statement failed: %1 [PRAGMA journal_mode=WAL]").arg(describeError(error)));
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

// Enough for every fixed statement of the server and the IN lists of usual lengths; past it
// the least recently used statement is dropped.
constexpr qsizetype StatementsPerConnection = 256;

// A thread's prepared statements of one connection. The driver pointer tells a connection
// from a later one of the same name (it becomes null when the connection is removed).
struct ConnectionStatements
{
    QPointer<QSqlDriver> driver;
    QHash<QString, std::shared_ptr<PreparedStatement>> statements;
    quint64 uses = 0;
};

// Per thread, by connection name. Qt Sql connections are thread-affine, so no other thread
// ever touches these.
QHash<QString, ConnectionStatements> &threadStatements()
{
    thread_local QHash<QString, ConnectionStatements> statements;
    return statements;
}

void evictLeastRecentlyUsed(ConnectionStatements &connection)
{
    auto oldest = connection.statements.end();
    for (auto it = connection.statements.begin(); it != connection.statements.end(); ++it) {
        if (!it.value()->inUse
            && (oldest == connection.statements.end() || it.value()->lastUse < oldest.value()->lastUse))
            oldest = it;
    }
    if (oldest != connection.statements.end()) {
        oldest.value()->cached = false;
        connection.statements.erase(oldest);
    }
}

// The prepared statement for `statement` on this thread's `db`, marked in use: the cached one
// when it is free, else a new one (cached unless the text is in use by another Sql already).
// Throws StorageError (with `what` as the message's start) when preparing fails.
std::shared_ptr<PreparedStatement> acquire(const QSqlDatabase &db, const QString &statement, const char *what)
{
    QSqlDriver *driver = db.driver();
    ConnectionStatements &connection = threadStatements()[db.connectionName()];
    if (connection.driver != driver) {
        for (const auto &prepared : std::as_const(connection.statements))
            prepared->cached = false;
        connection.statements.clear();
        connection.driver = driver;
    }
    const quint64 use = ++connection.uses;
    const auto found = connection.statements.constFind(statement);
    if (found != connection.statements.cend() && !found.value()->inUse) {
        found.value()->inUse = true;
        found.value()->lastUse = use;
        return found.value();
    }
    auto prepared = std::make_shared<PreparedStatement>(db);
    // Rows are read once, in order: Qt need not keep them for scrolling back.
    prepared->query.setForwardOnly(true);
    if (!prepared->query.prepare(statement))
        throw StorageError(
            QStringLiteral("%1: %2 [%3]")
                .arg(QLatin1String(what), describeError(prepared->query.lastError()), statement));
    prepared->inUse = true;
    prepared->lastUse = use;
    if (found == connection.statements.cend()) {
        if (connection.statements.size() >= StatementsPerConnection)
            evictLeastRecentlyUsed(connection);
        prepared->cached = true;
        connection.statements.insert(statement, prepared);
    }
    return prepared;
}

// Gives a statement back after use: reset, so that it holds no read open, and free for the
// next Sql of the same text.
void release(PreparedStatement &prepared)
{
    prepared.query.finish();
    prepared.inUse = false;
}

// A failed statement leaves SQLite's handle in a state not worth trusting again: it is
// prepared anew next time. (PostgreSQL's server-side statements stay valid after errors.)
void forget(const QString &statement, const std::shared_ptr<PreparedStatement> &prepared)
{
    const QSqlDriver *driver = prepared->query.driver();
    if (!prepared->cached || (driver && driver->dbmsType() == QSqlDriver::PostgreSQL))
        return;
    auto &statements = threadStatements();
    const auto connection = statements.find(prepared->connectionName);
    if (connection == statements.end())
        return;
    const auto found = connection->statements.constFind(statement);
    if (found != connection->statements.cend() && found.value() == prepared) {
        prepared->cached = false;
        connection->statements.erase(found);
    }
}
} // namespace

void dropPreparedStatements(const QString &connectionName)
{
    auto &statements = threadStatements();
    const auto connection = statements.find(connectionName);
    if (connection == statements.end())
        return;
    for (const auto &prepared : std::as_const(connection->statements))
        prepared->cached = false;
    statements.erase(connection);
}

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_instance(nextInstance++)
{
    if (m_config.kind == DatabaseConfig::Kind::Sqlite)
        configureSqliteOnce();
}

Database::~Database()
{
    {
        const std::lock_guard queue(m_queueMutex);
        m_stopping = true;
    }
    m_queued.notify_all();
    m_checkpointWanted.notify_all();
    if (m_writer.joinable())
        m_writer.join();
    if (m_checkpointer.joinable())
        m_checkpointer.join();
    const std::lock_guard lock(m_mutex);
    for (const auto &name : m_connectionNames) {
        dropPreparedStatements(name);
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

int Database::suggestedWorkerThreads() const
{
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    return isPostgres() ? std::max(2, cores) : std::max(32, 16 * cores);
}

QString Database::connectionName() const
{
    return QStringLiteral("portico-%1-%2").arg(m_instance).arg(threadNumber());
}

QSqlDatabase Database::connection()
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    QSqlDatabase db;
    if (m_config.kind == DatabaseConfig::Kind::Sqlite) {
        const QFileInfo file(m_config.sqlitePath);
        QDir().mkpath(file.absolutePath());
        db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                          : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setDatabaseName(m_config.name);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setConnectOptions(m_config.options);
    }
    // Statements prepared on a connection of this name before it was closed are gone with it.
    dropPreparedStatements(name);
    if (!db.open())
        throw StorageError(
            QStringLiteral("cannot open %1: %2").arg(m_config.describe(), describeError(db.lastError())));
    if (m_config.kind == DatabaseConfig::Kind::Sqlite) {
        enableWal(db);
        // A write is acknowledged only once it is in the log on disk: FULL syncs the log at
        // every commit, where NORMAL would leave the last commits to the operating system and
        // lose them to a power failure (a crash of the process loses nothing either way). One
        // sync serves every write of a group commit.
        execSql(db, QStringLiteral("PRAGMA synchronous=FULL"));
        // A connection other than the writer's (see walCommitted) that commits checkpoints the
        // log itself once it holds this many pages.
        execSql(db, QStringLiteral("PRAGMA wal_autocheckpoint=") + QString::number(CheckpointPages));
        execSql(db, QStringLiteral("PRAGMA foreign_keys=ON"));
        execSql(db, QStringLiteral("PRAGMA busy_timeout=10000"));
    } else {
        execSql(db, QStringLiteral("SET client_min_messages TO WARNING"));
    }
    {
        const std::lock_guard lock(m_mutex);
        if (std::find(m_connectionNames.begin(), m_connectionNames.end(), name) == m_connectionNames.end())
            m_connectionNames.push_back(name);
    }
    return db;
}

void Database::releaseThreadConnection()
{
    const QString name = connectionName();
    dropPreparedStatements(name);
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
    const std::lock_guard lock(m_mutex);
    m_connectionNames.erase(std::remove(m_connectionNames.begin(), m_connectionNames.end(), name),
                            m_connectionNames.end());
}

bool Database::ping()
{
    try {
        auto db = connection();
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT 1")) && query.next())
            return true;
        // A dropped server connection: reopen once.
        dropPreparedStatements(db.connectionName());
        db.close();
        db = connection();
        QSqlQuery retry(db);
        return retry.exec(QStringLiteral("SELECT 1")) && retry.next();
    } catch (const StorageError &) {
        return false;
    }
}

void Database::runOnWriter(WriteJob::Body body)
{
    WriteJob job {body, {}, false};
    {
        std::unique_lock lock(m_queueMutex);
        if (m_stopping)
            throw StorageError(QStringLiteral("the database is closing"));
        if (m_writer.get_id() == std::this_thread::get_id())
            throw StorageError(QStringLiteral("a write was started inside another write"));
        if (!m_writer.joinable())
            m_writer = std::thread([this] {
                nameThisThread("portico-writer");
                m_writerNice.store(raiseThisThreadPriority(WriterPrioritySteps), std::memory_order_relaxed);
                writerLoop();
            });
        m_queue.push_back(&job);
        m_queued.notify_one();
        m_finished.wait(lock, [&job] { return job.done; });
    }
    if (job.error)
        std::rethrow_exception(job.error);
}

int Database::walCommitted(void *database, sqlite3 *db, const char *name, int frames)
{
    if (frames >= WriterCheckpointPages) {
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (frames >= CheckpointPages) {
        auto *self = static_cast<Database *>(database);
        const std::lock_guard lock(self->m_queueMutex);
        if (self->m_stopping)
            return SQLITE_OK;
        if (!self->m_checkpointer.joinable())
            self->m_checkpointer = std::thread([self] {
                nameThisThread("portico-checkpt");
                self->checkpointLoop();
            });
        self->m_checkpointDue = true;
        self->m_checkpointWanted.notify_one();
    }
    return SQLITE_OK;
}

void Database::checkpointLoop()
{
    for (;;) {
        {
            std::unique_lock lock(m_queueMutex);
            m_checkpointWanted.wait(lock, [this] { return m_stopping || m_checkpointDue; });
            if (m_stopping)
                break;
            m_checkpointDue = false;
        }
        try {
            // Passive: copies what no reader still needs, waits for nobody; a checkpoint that
            // could not finish is asked for again by the next commit.
            if (sqlite3 *handle = sqliteHandle(connection()))
                sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        } catch (const StorageError &) {
            // The connection could not be opened: the writer's own checkpoint bounds the log.
        }
    }
    releaseThreadConnection();
}

void Database::writerLoop()
{
    std::vector<WriteJob *> batch;
    bool configured = false;
    for (;;) {
        {
            std::unique_lock lock(m_queueMutex);
            m_queued.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                break;
            batch.swap(m_queue);
        }
        const std::int64_t cpuBefore = threadCpuNanos();
        m_writes.fetch_add(static_cast<std::int64_t>(batch.size()), std::memory_order_relaxed);
        m_writeTransactions.fetch_add(1, std::memory_order_relaxed);
        try {
            QSqlDatabase db = connection();
            if (!configured) {
                if (sqlite3 *handle = sqliteHandle(db))
                    sqlite3_wal_hook(handle, &Database::walCommitted, this);
                // Every write runs here, and no other connection's commit empties this one's
                // page cache: a larger one keeps the B-tree pages writes touch (the feed's
                // indexes, stock rows, orders) instead of reading them back from the file.
                execSql(db, QStringLiteral("PRAGMA cache_size=-") + QString::number(WriterCacheKiB));
                configured = true;
            }
            runBatch(db, batch);
        } catch (...) {
            // The connection could not be opened, or BEGIN or COMMIT failed: nothing of the batch
            // was stored.
            const auto error = std::current_exception();
            for (WriteJob *job : batch) {
                if (!job->error)
                    job->error = error;
            }
        }
        {
            const std::lock_guard lock(m_queueMutex);
            for (WriteJob *job : batch)
                job->done = true;
        }
        m_finished.notify_all();
        batch.clear();
        m_writerCpuNanos.fetch_add(threadCpuNanos() - cpuBefore, std::memory_order_relaxed);
    }
    releaseThreadConnection();
}

void Database::runBatch(QSqlDatabase &db, const std::vector<WriteJob *> &batch)
{
    begin(db, true);
    try {
        if (batch.size() == 1) {
            // Alone in its transaction: a failure rolls the whole transaction back.
            batch.front()->body(db);
        } else {
            for (WriteJob *job : batch) {
                execSql(db, QStringLiteral("SAVEPOINT write_job"));
                try {
                    job->body(db);
                } catch (...) {
                    job->error = std::current_exception();
                    // Undoes this write alone. Should that fail too (an error that ended the
                    // whole transaction), the batch fails: the catch below rolls back and every
                    // write of it gets the error.
                    execSql(db, QStringLiteral("ROLLBACK TO write_job"));
                }
                execSql(db, QStringLiteral("RELEASE write_job"));
            }
        }
        commit(db);
    } catch (...) {
        rollback(db);
        throw;
    }
}

void Database::begin(QSqlDatabase &db, bool write)
{
    if (m_config.kind == DatabaseConfig::Kind::Sqlite)
        execSql(db, write ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
    else
        execSql(db,
                write ? QStringLiteral("BEGIN")
                      : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
}

void Database::commit(QSqlDatabase &db)
{
    execSql(db, QStringLiteral("COMMIT"));
}

void Database::rollback(QSqlDatabase &db)
{
    try {
        execSql(db, QStringLiteral("ROLLBACK"));
    } catch (const StorageError &) {
        // Nothing to roll back (the failure ended the transaction already), or the connection
        // is gone: the caller's exception is what matters.
    }
}

Sql::Sql(const QSqlDatabase &db, const QString &statement)
    : m_prepared(acquire(db, statement, "prepare failed"))
    , m_statement(statement)
{ }

Sql::~Sql()
{
    release(*m_prepared);
}

namespace {
// A null QString means "empty text" in the domain; SQL NULL is bound explicitly as a null
// QVariant (see sqlvalues.h), never by accident.
bool isNullText(const QVariant &value)
{
    return !value.isNull() && value.metaType() == QMetaType::fromType<QString>() && value.toString().isNull();
}
} // namespace

Sql &Sql::bind(const QString &placeholder, const QVariant &value)
{
    m_prepared->query.bindValue(placeholder,
                                isNullText(value) ? QVariant(QString(QLatin1String(""))) : value);
    return *this;
}

Sql &Sql::bind(int position, const QVariant &value)
{
    m_prepared->query.bindValue(position, isNullText(value) ? QVariant(QString(QLatin1String(""))) : value);
    return *this;
}

Sql &Sql::exec()
{
    QSqlQuery &query = m_prepared->query;
    if (!query.exec()) {
        const QString message
            = QStringLiteral("query failed: %1 [%2]").arg(describeError(query.lastError()), m_statement);
        forget(m_statement, m_prepared);
        throw StorageError(message);
    }
    return *this;
}

QVariant Sql::value(int index) const
{
    return m_prepared->query.value(index);
}

QVariant Sql::value(const QString &name) const
{
    return m_prepared->query.value(name);
}

int Sql::rowsAffected() const
{
    return m_prepared->query.numRowsAffected();
}

QSqlQuery &Sql::query()
{
    return m_prepared->query;
}

void execSql(const QSqlDatabase &db, const QString &statement)
{
    // PostgreSQL cannot prepare BEGIN, COMMIT or DDL, and the driver sends unprepared text in
    // one round trip anyway.
    const QSqlDriver *driver = db.driver();
    if (!driver || driver->dbmsType() == QSqlDriver::PostgreSQL) {
        QSqlQuery query(db);
        if (!query.exec(statement))
            throw StorageError(
                QStringLiteral("statement failed: %1 [%2]").arg(describeError(query.lastError()), statement));
        return;
    }
    const auto prepared = acquire(db, statement, "statement failed");
    if (!prepared->query.exec()) {
        const QString message = QStringLiteral("statement failed: %1 [%2]")
                                    .arg(describeError(prepared->query.lastError()), statement);
        forget(statement, prepared);
        release(*prepared);
        throw StorageError(message);
    }
    release(*prepared);
}

} // namespace portico::server
