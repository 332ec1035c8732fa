#include "warehouse/warehousejson.h"

#include "domain/quantity.h"

#include <QJsonArray>

#include <algorithm>

namespace portico::client {

QString milliText(qint64 milli)
{
    const QString sign = milli < 0 ? QStringLiteral("-") : QString();
    const qint64 magnitude = milli < 0 ? -milli : milli;
    return sign + QString::number(magnitude / 1000) + QLatin1Char('.')
        + QStringLiteral("%1").arg(magnitude % 1000, 3, 10, QLatin1Char('0'));
}

qint64 milliFrom(const QString &text)
{
    const std::optional<Quantity> quantity = Quantity::parse(text.trimmed());
    return quantity ? quantity->milli() : -1;
}

int PickList::linesComplete() const
{
    return int(
        std::count_if(lines.cbegin(), lines.cend(), [](const PickLine &line) { return line.complete(); }));
}

namespace WarehouseJson {

namespace {

QString text(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1StringView(key)).toString();
}

qint64 milli(const QJsonObject &object, const char *key)
{
    const qint64 value = milliFrom(text(object, key));
    return value < 0 ? 0 : value;
}

} // namespace

PickList pickList(const QJsonObject &json)
{
    PickList list;
    list.id = text(json, "id");
    list.number = text(json, "number");
    list.warehouseId = text(json, "warehouse_id");
    list.status = text(json, "status");
    list.createdAt = QDateTime::fromString(text(json, "created_at"), Qt::ISODateWithMs);
    list.version = json.value(QLatin1StringView("version")).toInt();
    const QJsonArray lines = json.value(QLatin1StringView("lines")).toArray();
    for (const QJsonValue &value : lines) {
        const QJsonObject object = value.toObject();
        PickLine line;
        line.lineId = text(object, "line_id");
        line.orderId = text(object, "order_id");
        line.orderNumber = text(object, "order_number");
        line.customerName = text(object, "customer_name");
        line.productId = text(object, "product_id");
        line.sku = text(object, "sku");
        line.name = text(object, "name");
        line.unit = text(object, "unit");
        line.bin = text(object, "bin");
        line.quantityMilli = milli(object, "quantity");
        line.pickedMilli = milli(object, "picked");
        line.reason = text(object, "reason");
        list.lines.append(line);
    }
    std::stable_sort(list.lines.begin(), list.lines.end(), [](const PickLine &a, const PickLine &b) {
        return std::tie(a.bin, a.sku) < std::tie(b.bin, b.sku);
    });
    const QJsonArray packages = json.value(QLatin1StringView("packages")).toArray();
    for (const QJsonValue &value : packages) {
        const QJsonObject object = value.toObject();
        Package package;
        package.id = text(object, "id");
        package.number = object.value(QLatin1StringView("number")).toInt();
        package.weightGrams = milli(object, "weight");
        const QJsonArray packageLines = object.value(QLatin1StringView("lines")).toArray();
        for (const QJsonValue &lineValue : packageLines) {
            const QJsonObject lineObject = lineValue.toObject();
            package.lines.append({text(lineObject, "line_id"), milli(lineObject, "quantity")});
        }
        list.packages.append(package);
    }
    const QJsonObject shipment = json.value(QLatin1StringView("shipment")).toObject();
    if (!shipment.isEmpty()) {
        list.shipment = Shipment {text(shipment, "id"), text(shipment, "number"),
                                  QDateTime::fromString(text(shipment, "shipped_at"), Qt::ISODateWithMs),
                                  text(shipment, "carrier"), text(shipment, "tracking")};
    }
    return list;
}

CountSession countSession(const QJsonObject &json)
{
    CountSession session;
    session.id = text(json, "id");
    session.number = text(json, "number");
    session.warehouseId = text(json, "warehouse_id");
    session.status = text(json, "status");
    session.createdAt = QDateTime::fromString(text(json, "created_at"), Qt::ISODateWithMs);
    for (const QJsonValue &bin : json.value(QLatin1StringView("bins")).toArray())
        session.bins.append(bin.toString());
    for (const QJsonValue &value : json.value(QLatin1StringView("lines")).toArray()) {
        const QJsonObject object = value.toObject();
        CountLine line;
        line.productId = text(object, "product_id");
        line.bin = text(object, "bin");
        line.countedMilli = milli(object, "counted");
        session.lines.append(line);
    }
    return session;
}

} // namespace WarehouseJson

} // namespace portico::client
