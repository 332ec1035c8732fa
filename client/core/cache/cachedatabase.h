#pragma once

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>
#include <type_traits>

class QSqlDatabase;

namespace portico::client {

// A profile's SQLite cache, on a thread of its own. Every piece of database work is a job that
// runs on that thread, in submission order, with the one connection (Qt Sql connections are
// thread-affine). submit() returns a QFuture: the GUI continues with .then(context, ...), the
// headless client and tests may block on .result(). A job that throws reports the exception
// through the future; an open transaction is rolled back by whoever opened it (CacheTransaction).
//
// open() creates the file when needed, switches it to WAL, turns foreign keys on and applies the
// numbered migrations (cacheschema.cpp) in one transaction each.
class CacheDatabase final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheDatabase)

public:
    explicit CacheDatabase(QString path, QObject *parent = nullptr);
    ~CacheDatabase() override; // finishes queued jobs, closes the connection, joins the thread

    // Blocking. False with *error set when the file cannot be opened or migrated.
    bool open(QString *error = nullptr);
    QString path() const { return m_path; }
    // The schema version open() left the file at.
    int schemaVersion() const noexcept { return m_schemaVersion; }

    template<typename F>
    auto submit(F &&job) -> QFuture<std::invoke_result_t<F, QSqlDatabase &>>
    {
        using R = std::invoke_result_t<F, QSqlDatabase &>;
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        enqueue(wrap(promise, std::forward<F>(job)));
        return future;
    }

    // submit(job).then(context, continuation), with the continuation attached before the job
    // can finish. Use it instead of that chain: with Qt 6.4 a continuation attached with
    // then(context, ...) while the cache thread finishes the future can run twice, the second
    // time on a moved-from promise (a crash in QFutureInterfaceBase::reportStarted).
    template<typename F, typename C>
    auto submitThen(F &&job, QObject *context, C &&continuation)
    {
        using R = std::invoke_result_t<F, QSqlDatabase &>;
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        auto next = future.then(context, std::forward<C>(continuation));
        enqueue(wrap(promise, std::forward<F>(job)));
        return next;
    }

    // submit() and wait: for the headless client, tests and benchmarks. Rethrows the job's
    // exception. Never call it on the GUI thread for work that may take long.
    template<typename F>
    auto run(F &&job) -> std::invoke_result_t<F, QSqlDatabase &>
    {
        auto future = submit(std::forward<F>(job));
        future.waitForFinished(); // rethrows
        if constexpr (!std::is_void_v<std::invoke_result_t<F, QSqlDatabase &>>) {
            return future.result();
        }
    }

private:
    // The job as the worker runs it: its result or exception into the promise, then finished.
    template<typename R, typename F>
    static std::function<void(QSqlDatabase &)> wrap(std::shared_ptr<QPromise<R>> promise, F &&job)
    {
        return [promise = std::move(promise), job = std::forward<F>(job)](QSqlDatabase &db) mutable {
            try {
                if constexpr (std::is_void_v<R>) {
                    job(db);
                } else {
                    promise->addResult(job(db));
                }
            } catch (...) {
                promise->setException(std::current_exception());
            }
            promise->finish();
        };
    }

    void enqueue(std::function<void(QSqlDatabase &)> job);

    class Worker;
    QString m_path;
    QString m_connectionName;
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
    int m_schemaVersion = 0;
};

// RAII transaction on the cache connection: commits on commit(), rolls back otherwise.
// Throws CacheError when BEGIN or COMMIT fails.
class CacheTransaction final
{
public:
    explicit CacheTransaction(QSqlDatabase &db);
    ~CacheTransaction();
    CacheTransaction(const CacheTransaction &) = delete;
    CacheTransaction &operator=(const CacheTransaction &) = delete;
    void commit();
    // Whether no transaction was open when this one began: its commit commits.
    bool isOutermost() const noexcept { return m_outermost; }

private:
    QSqlDatabase &m_db;
    bool m_outermost = false;
    bool m_done = false;
};

// A failed statement on the cache: the SQL error text, for logs and the user.
class CacheError final : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace portico::client
