#include "storage/database.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

#include <chrono>
#include <thread>

namespace portico::server {

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
} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_instance(nextInstance++)
{ }

Database::~Database()
{
    const std::lock_guard lock(m_mutex);
    for (const auto &name : m_connectionNames) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
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
    if (!db.open())
        throw StorageError(
            QStringLiteral("cannot open %1: %2").arg(m_config.describe(), describeError(db.lastError())));
    if (m_config.kind == DatabaseConfig::Kind::Sqlite) {
        enableWal(db);
        execSql(db, QStringLiteral("PRAGMA synchronous=NORMAL"));
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
        db.close();
        db = connection();
        QSqlQuery retry(db);
        return retry.exec(QStringLiteral("SELECT 1")) && retry.next();
    } catch (const StorageError &) {
        return false;
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
    QSqlQuery query(db);
    query.exec(QStringLiteral("ROLLBACK"));
}

Sql::Sql(const QSqlDatabase &db, const QString &statement)
    : m_query(db)
    , m_statement(statement)
{
    // Rows are read once, in order: Qt need not keep them for scrolling back.
    m_query.setForwardOnly(true);
    if (!m_query.prepare(statement))
        throw StorageError(
            QStringLiteral("prepare failed: %1 [%2]").arg(describeError(m_query.lastError()), statement));
}

Sql &Sql::bind(const QString &placeholder, const QVariant &value)
{
    // A null QString means "empty text" in the domain; SQL NULL is bound explicitly as a null
    // QVariant (see sqlvalues.h), never by accident.
    if (!value.isNull() && value.metaType() == QMetaType::fromType<QString>() && value.toString().isNull()) {
        m_query.bindValue(placeholder, QString(QLatin1String("")));
        return *this;
    }
    m_query.bindValue(placeholder, value);
    return *this;
}

Sql &Sql::exec()
{
    if (!m_query.exec())
        throw StorageError(
            QStringLiteral("query failed: %1 [%2]").arg(describeError(m_query.lastError()), m_statement));
    return *this;
}

void execSql(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        throw StorageError(
            QStringLiteral("statement failed: %1 [%2]").arg(describeError(query.lastError()), statement));
}

} // namespace portico::server
