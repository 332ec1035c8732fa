#pragma once

#include "warehouse/warehousetypes.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <stdexcept>

class QSqlDatabase;

namespace portico::client {

// Work the terminal refuses before anything is written (a short line without a reason, a pick
// list in the wrong state); the message is for the user.
class WarehouseError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// What one scan did to a pick list.
struct ScanResult
{
    enum class Outcome {
        Picked, // the right item: counted (locally at once, uploaded through the outbox)
        WrongItem, // a known product that is not on this pick list
        OverPick, // on the list, but the quantity would exceed what is to be picked
        Unknown, // no product has this barcode or SKU
        NotPickable, // the pick list is not open for picking (picked, shipped, cancelled, gone)
    };
    Outcome outcome = Outcome::Unknown;
    QString code; // as scanned or typed
    QString lineId; // the line counted or the line that would overflow
    QString productName;
    QString sku;
    QString bin;
    qint64 quantityMilli = 0; // how many this scan stood for
    qint64 pickedMilli = 0; // the line's picked quantity after the scan
    qint64 lineQuantityMilli = 0;
    QString outboxId; // Picked: the outbox item carrying the scan
};

struct ConfirmLine
{
    QString lineId;
    qint64 pickedMilli = 0;
    QString reason; // damaged, not_found, short, other:<text>; required where picked != quantity
};

// Picking on the terminal: the cached pick lists and the terminal's own steps on them. Every
// step is written with its outbox item in one transaction, so the local view moves at once,
// offline too, and the server hears of each step exactly once. Functions of the cache
// connection: call them inside a CacheDatabase job.
namespace Picking {

// Pick lists still to work on (open, picking, picked, packed), oldest first.
QList<PickListSummary> pickLists(QSqlDatabase &db);
std::optional<PickList> pickList(QSqlDatabase &db, const QString &id);

// The rules of a scan, without the cache: which line of `list` the code names (by the line's SKU
// or by one of `products`, the products the code is a barcode or SKU of) and whether it fits.
// Picked means "would be counted"; nothing is written. With no line matching, the outcome is
// WrongItem when `products` is not empty, else Unknown.
ScanResult classify(const PickList &list, const QStringList &products, const QString &code,
                    qint64 quantityMilli);
// The barcodes of the products on the list, each with its product: the terminal classifies
// most scans from these without a query.
QHash<QString, QString> barcodesOf(QSqlDatabase &db, const PickList &list);

// What the cached catalog knows of a code: the products it is a barcode or SKU of, and the
// first one's name and SKU. A read, no transaction: the terminal asks it for codes its list
// does not know, to tell a wrong item from an unknown barcode.
struct CodeLookup
{
    QStringList products;
    QString name;
    QString sku;
};
CodeLookup lookUp(QSqlDatabase &db, const QString &code);

// A product barcode or SKU scanned (or typed) for `quantityMilli` units on a pick list: classified
// against the cached list and catalog and, when Picked, written with its outbox item.
ScanResult scan(QSqlDatabase &db, const QString &pickListId, const QString &code, qint64 quantityMilli,
                const QDateTime &now);

// Whether `reason` is one the server takes: damaged, not_found, short, other:<text>.
bool isValidReason(const QString &reason);
// The pick list picked with these quantities (every line named once). Throws WarehouseError when
// a line differs from its quantity without a valid reason or the list is not being picked.
void confirm(QSqlDatabase &db, const QString &pickListId, const QList<ConfirmLine> &lines,
             const QDateTime &now);
// Packages of a picked pick list, each with its weight and lines.
void pack(QSqlDatabase &db, const QString &pickListId, const QList<Package> &packages, const QDateTime &now);
// The packed pick list handed to a carrier.
void ship(QSqlDatabase &db, const QString &pickListId, const QString &carrier, const QString &tracking,
          const QDateTime &now);
// The user has seen the conflict the server reported.
void dismissConflict(QSqlDatabase &db, const QString &pickListId);

} // namespace Picking

} // namespace portico::client
