#pragma once

#include "storage/databaseconfig.h"
#include "storage/storageerror.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

struct sqlite3;

namespace portico::server {

// The server's database: one Qt Sql connection per thread (Qt Sql connections are
// thread-affine), opened on a thread's first use. SQLite runs in WAL mode with a busy timeout;
// PostgreSQL through the QPSQL driver. Safe to use from any number of threads.
//
// Statements are prepared once per thread and connection (see Sql): a thread that ends calls
// releaseThreadConnection(), which drops its prepared statements with the connection.
class Database final
{
public:
    explicit Database(DatabaseConfig config);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseConfig &config() const noexcept { return m_config; }
    bool isPostgres() const noexcept { return m_config.kind == DatabaseConfig::Kind::Postgres; }

    // Handler threads an HTTP server should run over this database. On SQLite a handler that
    // writes waits for the writer thread, which commits every write waiting at once: sixteen per
    // core (at least 32) keep the cores busy and let writes queue together (on two cores, 15.7
    // orders a commit where 16 handlers gave 9.3 and 8 gave 3.8). On PostgreSQL one per core (at
    // least 2), each with a connection to the server.
    int suggestedWorkerThreads() const;

    // This thread's connection, opened (and configured) on first use. Throws StorageError.
    QSqlDatabase connection();
    // Drops this thread's connection (worker threads call it before they end).
    void releaseThreadConnection();
    // SELECT 1 on this thread's connection.
    bool ping();

    // Runs fn(QSqlDatabase&) in a write transaction and commits; any exception rolls back and
    // propagates.
    //
    // On SQLite, which has one writer at a time anyway, every write of this Database runs on
    // one writer thread with a connection of its own (fn is called there; the calling thread
    // waits for its outcome). Writes that queue while one runs go into the next transaction
    // together, each in a savepoint of its own: a write that throws rolls back to its savepoint
    // and alone fails; the others commit in one COMMIT (group commit). The writer's connection
    // keeps its page cache from one transaction to the next, where a connection whose
    // transaction follows another connection's commit starts with an empty one. BEGIN IMMEDIATE
    // takes the write lock up front, so a transaction never fails half-way to upgrade from
    // reader to writer; the busy handler arbitrates with other processes. A write must not
    // start another write of the same Database from inside fn.
    template<typename Fn>
    auto write(Fn &&fn)
    {
        const TimeSpent timing(m_writeNanos);
        if (isPostgres()) {
            m_writes.fetch_add(1, std::memory_order_relaxed);
            m_writeTransactions.fetch_add(1, std::memory_order_relaxed);
            return transaction(true, std::forward<Fn>(fn));
        }
        using Result = decltype(fn(std::declval<QSqlDatabase &>()));
        if constexpr (std::is_void_v<Result>) {
            runOnWriter(WriteJob::Body::of(fn));
        } else {
            std::optional<Result> result;
            auto store = [&](QSqlDatabase &db) {
                result.emplace(fn(db));
            };
            runOnWriter(WriteJob::Body::of(store));
            return std::move(*result);
        }
    }

    // Runs fn in a read transaction: one consistent snapshot for every statement in it.
    template<typename Fn>
    auto read(Fn &&fn)
    {
        const TimeSpent timing(m_readNanos);
        return transaction(false, std::forward<Fn>(fn));
    }

    // Total time spent in read() and write() (connection, statements and commit), for metrics.
    std::chrono::nanoseconds readTime() const noexcept
    {
        return std::chrono::nanoseconds(m_readNanos.load());
    }
    std::chrono::nanoseconds writeTime() const noexcept
    {
        return std::chrono::nanoseconds(m_writeNanos.load());
    }

    // Writes committed (or failed) so far, and the transactions they took: on SQLite, writes
    // that queued together share one (see write()); on PostgreSQL each has its own.
    std::int64_t writesDone() const noexcept { return m_writes.load(std::memory_order_relaxed); }
    std::int64_t writeTransactions() const noexcept
    {
        return m_writeTransactions.load(std::memory_order_relaxed);
    }
    // CPU time of the thread that runs SQLite's writes. Every write waits for that one thread:
    // against the time passed it tells how near the server is to the most it can store. Zero on
    // PostgreSQL, whose writes run on the handlers' threads.
    std::chrono::nanoseconds writerCpuTime() const noexcept
    {
        return std::chrono::nanoseconds(m_writerCpuNanos.load(std::memory_order_relaxed));
    }

    // The nice value SQLite's writer thread runs with (see WriterPrioritySteps in database.cpp);
    // none before the first write, and on PostgreSQL.
    std::optional<int> writerNice() const noexcept
    {
        const int nice = m_writerNice.load(std::memory_order_relaxed);
        return nice == NoWriterYet ? std::nullopt : std::optional<int>(nice);
    }

private:
    static constexpr int NoWriterYet = std::numeric_limits<int>::min();

    // Adds the time from its construction to its destruction to a counter.
    class TimeSpent final
    {
    public:
        explicit TimeSpent(std::atomic<std::int64_t> &total) noexcept
            : m_total(total)
            , m_start(std::chrono::steady_clock::now())
        { }
        ~TimeSpent()
        {
            m_total.fetch_add((std::chrono::steady_clock::now() - m_start).count(),
                              std::memory_order_relaxed);
        }
        TimeSpent(const TimeSpent &) = delete;
        TimeSpent &operator=(const TimeSpent &) = delete;

    private:
        std::atomic<std::int64_t> &m_total;
        std::chrono::steady_clock::time_point m_start;
    };

    // One write waiting for (or running on) the writer thread.
    struct WriteJob
    {
        // A reference to the caller's callable, which outlives the job.
        struct Body
        {
            void *callable = nullptr;
            void (*call)(void *, QSqlDatabase &) = nullptr;

            template<typename Fn>
            static Body of(Fn &fn)
            {
                return {const_cast<void *>(static_cast<const void *>(&fn)),
                        [](void *callable, QSqlDatabase &db) {
                            (*static_cast<Fn *>(callable))(db);
                        }};
            }
            void operator()(QSqlDatabase &db) const { call(callable, db); }
        };

        Body body;
        std::exception_ptr error;
        bool done = false;
    };

    // Queues body for the writer thread (started on first use) and waits for its transaction
    // to commit or fail; rethrows what it failed with.
    void runOnWriter(WriteJob::Body body);
    // The writer thread: takes what has queued, runs it in one transaction, wakes the callers.
    void writerLoop();
    void runBatch(QSqlDatabase &db, const std::vector<WriteJob *> &batch);
    // The writer's commit hook (sqlite3_wal_hook, in place of SQLite's own checkpoint after a
    // commit): past a size, the log is copied back into the database file on the checkpointer
    // thread, so that the writer goes on with the next transaction meanwhile.
    static int walCommitted(void *database, sqlite3 *db, const char *name, int frames);
    // The checkpointer thread: a passive checkpoint on a connection of its own when asked.
    void checkpointLoop();

    template<typename Fn>
    auto transaction(bool forWriting, Fn &&fn)
    {
        auto db = connection();
        begin(db, forWriting);
        try {
            if constexpr (std::is_void_v<decltype(fn(db))>) {
                fn(db);
                commit(db);
            } else {
                auto result = fn(db);
                commit(db);
                return result;
            }
        } catch (...) {
            rollback(db);
            throw;
        }
    }

    void begin(QSqlDatabase &db, bool write);
    void commit(QSqlDatabase &db);
    void rollback(QSqlDatabase &db);
    QString connectionName() const;

    DatabaseConfig m_config;
    int m_instance;
    std::mutex m_mutex;
    // The writer thread's queue (SQLite).
    std::mutex m_queueMutex;
    std::condition_variable m_queued;
    std::condition_variable m_finished;
    std::vector<WriteJob *> m_queue;
    bool m_stopping = false;
    std::thread m_writer;
    // The checkpointer thread's request (SQLite), under m_queueMutex.
    std::condition_variable m_checkpointWanted;
    bool m_checkpointDue = false;
    std::thread m_checkpointer;
    std::vector<QString> m_connectionNames;
    std::atomic<std::int64_t> m_readNanos {0};
    std::atomic<std::int64_t> m_writeNanos {0};
    std::atomic<std::int64_t> m_writes {0};
    std::atomic<std::int64_t> m_writeTransactions {0};
    std::atomic<std::int64_t> m_writerCpuNanos {0};
    std::atomic<int> m_writerNice {NoWriterYet};
};

struct PreparedStatement;

// A prepared statement that throws StorageError instead of returning false.
//   Sql q(db, "SELECT name FROM products WHERE id = :id");
//   q.bind(":id", id).exec();
//   while (q.next()) ... q.value(0)
//
// Preparing costs more than running most statements, so each thread keeps its prepared
// statements per connection and statement text, and a Sql takes the cached one when no other
// Sql on this thread is using it (a nested use of the same text prepares one of its own).
// Values bound by an earlier use stay bound: bind every placeholder of the text before exec().
// The destructor resets the statement (finish()), which also ends the read it may hold open,
// so a Sql must not outlive its transaction's COMMIT.
class Sql final
{
public:
    Sql(const QSqlDatabase &db, const QString &statement);
    ~Sql();
    Sql(const Sql &) = delete;
    Sql &operator=(const Sql &) = delete;

    // A null QString binds as '' (SQL NULL only from a null QVariant, as sqlvalues.h makes).
    Sql &bind(const QString &placeholder, const QVariant &value);
    // The same for the `?` placeholders of a statement, counted from 0.
    Sql &bind(int position, const QVariant &value);
    Sql &exec();
    bool next() { return query().next(); }
    QVariant value(int index) const;
    QVariant value(const QString &name) const;
    int rowsAffected() const;
    QSqlQuery &query();

private:
    std::shared_ptr<PreparedStatement> m_prepared;
    QString m_statement;
};

// Executes one statement without parameters (DDL, PRAGMA, BEGIN/COMMIT). Throws StorageError.
// On SQLite it goes through the same per-thread cache of prepared statements as Sql.
void execSql(const QSqlDatabase &db, const QString &statement);

// Drops this thread's prepared statements of a connection (before it is closed or removed).
void dropPreparedStatements(const QString &connectionName);

} // namespace portico::server
