#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace portico::client {

// Quantities on the warehouse's wire are decimal strings with three places ("3.000"); here they
// are thousandths, as everywhere else in the cache.
QString milliText(qint64 milli);
// "3.000", "3", "0,5" -> thousandths; -1 when the text is not a quantity.
qint64 milliFrom(const QString &text);

// One line of a pick list as the terminal shows it: the server's picked quantity plus this
// terminal's scans that still wait in the outbox.
struct PickLine
{
    QString lineId;
    QString orderId;
    QString orderNumber;
    QString customerName;
    QString productId;
    QString sku;
    QString name;
    QString unit;
    QString bin;
    qint64 quantityMilli = 0;
    qint64 pickedMilli = 0; // server's + pending
    qint64 pendingMilli = 0; // of pickedMilli, what has not reached the server yet
    QString reason;

    qint64 remainingMilli() const { return quantityMilli - pickedMilli; }
    bool complete() const { return pickedMilli >= quantityMilli; }
};

struct PackageLine
{
    QString lineId;
    qint64 quantityMilli = 0;
};

struct Package
{
    QString id;
    int number = 0;
    qint64 weightGrams = 0; // weight in kg thousandths
    QList<PackageLine> lines;
};

struct Shipment
{
    QString id;
    QString number;
    QDateTime shippedAt;
    QString carrier;
    QString tracking;
};

struct PickList
{
    QString id;
    QString number;
    QString warehouseId;
    QString status; // the server's: open, picking, picked, packed, shipped, cancelled
    QString localStatus; // the terminal's own step waiting to upload (picked, packed, shipped)
    QString conflict; // the server's last refusal of this terminal's work, for the user
    QDateTime createdAt;
    int version = 0;
    QList<PickLine> lines; // sorted by bin, then SKU
    QList<Package> packages;
    std::optional<Shipment> shipment;

    // What the user sees: the local step when one waits, else the server's.
    QString effectiveStatus() const { return localStatus.isEmpty() ? status : localStatus; }
    int linesComplete() const;
};

struct PickListSummary
{
    QString id;
    QString number;
    QString status; // effective
    int lines = 0;
    int linesComplete = 0;
    int orders = 0;
    QString firstBin;
    QDateTime createdAt;
};

// A blind count: the bins to count and what this terminal counted (the server's lines plus the
// local ones that wait to upload, the local ones winning).
struct CountLine
{
    QString productId;
    QString bin;
    QString sku; // from the cached catalog, when known
    QString name;
    qint64 countedMilli = 0;
};

struct CountSession
{
    QString id;
    QString number;
    QString warehouseId;
    QString status; // effective: open, submitted, approved, rejected
    QDateTime createdAt;
    QStringList bins;
    QList<CountLine> lines;
};

} // namespace portico::client
