#pragma once

#include "warehouse/warehousetypes.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace portico::client {

// A product a code names, from the cached catalog.
struct ScannedProduct
{
    QString productId;
    QString sku;
    QString name;
};

// Blind counts on the terminal: the open count sessions, a bin scanned then its products, the
// counted quantity typed, and the session submitted. Each step goes to the outbox in the same
// transaction as the local row. Functions of the cache connection.
namespace Counting {

// Count sessions still open on this terminal, oldest first.
QList<CountSession> openSessions(QSqlDatabase &db);
// A session with its lines: the server's, overridden by what this terminal counted.
std::optional<CountSession> session(QSqlDatabase &db, const QString &id);
// Whether a scanned code is one of the session's bins (or a bin the warehouse knows).
bool isBin(QSqlDatabase &db, const CountSession &session, const QString &code);
// The product a barcode or SKU names; nullopt when the catalog does not know it.
std::optional<ScannedProduct> product(QSqlDatabase &db, const QString &code);
// The quantity counted of a product in a bin (replacing an earlier count of the same pair).
// Throws WarehouseError when the session is no longer open or the quantity is negative.
void record(QSqlDatabase &db, const QString &sessionId, const QString &productId, const QString &bin,
            qint64 countedMilli, const QDateTime &now);
// The count handed in for approval. Throws WarehouseError when nothing was counted.
void submit(QSqlDatabase &db, const QString &sessionId, const QDateTime &now);

} // namespace Counting

} // namespace portico::client
