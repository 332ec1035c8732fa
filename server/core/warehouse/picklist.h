#pragma once

#include "domain/ids.h"
#include "domain/quantity.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace portico::server {

namespace entity {
inline const QString PickList = QStringLiteral("pick_list"); // id: the pick list's id
inline const QString CountSession = QStringLiteral("count_session"); // id: the session's id
inline const QString Bin = QStringLiteral("bin"); // id "<product>/<warehouse>"
} // namespace entity

// Pick list states: open (made), picking (first scan), picked (confirmed), packed, shipped;
// cancelled when every order on it was cancelled.
namespace pickstatus {
inline const QString Open = QStringLiteral("open");
inline const QString Picking = QStringLiteral("picking");
inline const QString Picked = QStringLiteral("picked");
inline const QString Packed = QStringLiteral("packed");
inline const QString Shipped = QStringLiteral("shipped");
inline const QString Cancelled = QStringLiteral("cancelled");
} // namespace pickstatus

struct PickLine
{
    Id id;
    Id orderId;
    int lineNo = 0;
    QString orderNumber;
    QString customerName;
    Id productId;
    QString sku;
    QString name;
    QString unit;
    QString bin;
    Quantity quantity;
    Quantity picked;
    QString reason;
};

struct PickPackage
{
    Id id;
    int number = 0;
    Quantity weight;
    QList<std::pair<Id, Quantity>> lines; // line id, packed quantity
};

struct Shipment
{
    Id id;
    QString number;
    qint64 shippedAt = 0;
    QString carrier;
    QString tracking;
};

// A pick list: the lines of a batch of orders of one warehouse, in bin order.
struct PickList
{
    Id id;
    QString number;
    Id warehouseId;
    QString status;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    int version = 0;
    QList<Id> orderIds;
    QList<PickLine> lines;
    QList<PickPackage> packages;
    std::optional<Shipment> shipment;

    const PickLine *line(const Id &lineId) const;
    // Active lists hold their picked goods in the warehouse until they ship.
    bool isActive() const { return status != pickstatus::Shipped && status != pickstatus::Cancelled; }
};

// Quantities on the wire: decimal text with three places ("3.000").
QString quantityText(Quantity quantity);
// ISO 8601 UTC ("2026-11-30T10:15:00Z"); null for 0.
QString timeText(qint64 msecs);

// The pick list as the API and the feed carry it (the `pick_list` entity).
QJsonObject pickListJson(const PickList &list);

} // namespace portico::server
