#pragma once

#include "domain/ids.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace portico::server {

// One exchange session as the log keeps it: who, from where, when, how it ended, and (for a
// `sale` exchange) the orders handed out by `query` and waiting for `success`.
struct ExchangeSession
{
    QString id;
    Id userId;
    QString login;
    QString remote;
    qint64 startedAt = 0;
    qint64 lastSeen = 0;
    QString outcome; // "open", "success", "failure"
    QJsonArray pendingOrders; // [{"id": uuid, "version": updated_at}]
};

// One step of an exchange (a request of the protocol, or one file of `portico-server import`).
struct ExchangeStep
{
    QString sessionId;
    qint64 at = 0;
    QString kind; // "catalog", "sale", "cli"
    QString mode; // "checkauth", "init", "file", "import", ...
    QString fileName;
    qint64 bytes = 0;
    QJsonObject counts;
    qint64 durationMs = 0;
    QString outcome; // "success", "progress", "failure"
    QString error;
};

// The exchange's own tables: sessions and their steps (the exchange log), which products an
// exchange touched (for `deactivate`), which order versions 1C has confirmed.
class ExchangeRepository final
{
public:
    explicit ExchangeRepository(const QSqlDatabase &tx)
        : m_tx(tx)
    { }

    void createSession(const ExchangeSession &session);
    std::optional<ExchangeSession> session(const QString &id) const;
    // The user's newest session still open (for a client that signs every step with Basic
    // credentials and keeps no cookie).
    std::optional<ExchangeSession> latestOpenSession(const Id &userId) const;
    void touchSession(const QString &id, qint64 now);
    void finishSession(const QString &id, const QString &outcome, qint64 now);
    void setPendingOrders(const QString &id, const QJsonArray &orders);

    void appendStep(const ExchangeStep &step);
    // Forgets sessions (with their steps) last seen before `ms`.
    void pruneBefore(qint64 ms);
    // The latest sessions, newest first, with their steps.
    QList<std::pair<ExchangeSession, QList<ExchangeStep>>> recent(int limit) const;

    // Products the session imported (for `deactivate`).
    void markProducts(const QList<Id> &productIds, const QString &sessionId);
    // Active products from the accounting system that the session did not import.
    QList<Id> productsNotImportedBy(const QString &sessionId, int limit) const;

    // Orders 1C has not seen in their current version: (id, version), oldest first.
    QList<std::pair<Id, qint64>> ordersToExport(int limit) const;
    void markOrderExported(const Id &orderId, qint64 version, qint64 now);

private:
    QSqlDatabase m_tx;
};

} // namespace portico::server
