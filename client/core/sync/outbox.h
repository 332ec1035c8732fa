#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace portico::client {

// What waits to be uploaded, in the cache database, written in the same transaction as the local
// change it carries. Each item has its own client-generated UUID; the server treats a repeated
// upload of the same item as the same request, so retrying after any failure is safe. Items
// upload in order; one that the server refuses for good is set aside ("failed") with the reason
// and never blocks the ones behind it.
struct OutboxItem
{
    enum class Kind {
        SubmitOrder, // POST /api/v1/orders, payload: the order
        CancelOrder, // POST /api/v1/orders/{target}/cancel, payload: {"reason": ...}
        ConfirmOrder, // POST /api/v1/orders/{target}/confirm
        // The warehouse terminal (target: the pick list or the count session; every payload
        // carries "client_id", the item's id, by which the server recognises a repeat).
        PickScan, // POST /api/v1/warehouse/pick-lists/{target}/scans
        ConfirmPick, // POST /api/v1/warehouse/pick-lists/{target}/confirm
        PackPackages, // POST /api/v1/warehouse/pick-lists/{target}/packages
        Ship, // POST /api/v1/warehouse/pick-lists/{target}/ship
        CountLines, // POST /api/v1/warehouse/counts/{target}/lines
        SubmitCount, // POST /api/v1/warehouse/counts/{target}/submit
    };
    qint64 seq = 0;
    QString id; // UUID
    Kind kind = Kind::SubmitOrder;
    QString targetId; // the order
    QByteArray payload; // the request body, frozen when the item was written
    QDateTime createdAt;
    int attempts = 0;
    QString lastError;
};

QString outboxKindToString(OutboxItem::Kind kind);
std::optional<OutboxItem::Kind> outboxKindFromString(QStringView text);

// Functions of the cache connection: call them inside a CacheDatabase job. They do not open
// transactions of their own, so the caller writes the item together with its local change.
namespace Outbox {

// Appends an item and returns it (id generated when empty).
OutboxItem enqueue(QSqlDatabase &db, OutboxItem::Kind kind, const QString &targetId,
                   const QByteArray &payload, const QDateTime &now);
// The same with the item's id chosen by the caller, for a payload that names its own item.
OutboxItem enqueue(QSqlDatabase &db, const QString &id, OutboxItem::Kind kind, const QString &targetId,
                   const QByteArray &payload, const QDateTime &now);
// Pending items in upload order.
QList<OutboxItem> pending(QSqlDatabase &db, int limit = 100);
int pendingCount(QSqlDatabase &db);
int failedCount(QSqlDatabase &db);
std::optional<OutboxItem> find(QSqlDatabase &db, const QString &id);
// Uploaded: the item leaves the outbox.
void remove(QSqlDatabase &db, const QString &id);
// A transient failure: counted, stays pending.
void noteAttempt(QSqlDatabase &db, const QString &id, const QString &error);
// Refused for good: kept as "failed" with the reason, no longer uploaded.
void setAside(QSqlDatabase &db, const QString &id, const QString &error);

} // namespace Outbox

} // namespace portico::client
