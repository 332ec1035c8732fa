#include "warehouse/picklist.h"

#include "storage/sqlvalues.h"

#include <QJsonArray>

namespace portico::server {

const PickLine *PickList::line(const Id &lineId) const
{
    for (const auto &l : lines) {
        if (l.id == lineId)
            return &l;
    }
    return nullptr;
}

QString quantityText(Quantity quantity)
{
    const qint64 milli = quantity.milli();
    const quint64 magnitude
        = milli < 0 ? quint64 {0} - static_cast<quint64>(milli) : static_cast<quint64>(milli);
    return (milli < 0 ? QStringLiteral("-") : QString()) + QString::number(magnitude / 1000)
        + QLatin1Char('.') + QStringLiteral("%1").arg(magnitude % 1000, 3, 10, QLatin1Char('0'));
}

QString timeText(qint64 msecs)
{
    return msecs == 0 ? QString() : utcFromMsecs(msecs).toString(Qt::ISODate);
}

QJsonObject pickListJson(const PickList &list)
{
    QJsonArray orderIds;
    for (const auto &id : list.orderIds)
        orderIds.append(idText(id));
    QJsonArray lines;
    for (const auto &l : list.lines) {
        lines.append(QJsonObject {{QStringLiteral("line_id"), idText(l.id)},
                                  {QStringLiteral("order_id"), idText(l.orderId)},
                                  {QStringLiteral("order_number"), l.orderNumber},
                                  {QStringLiteral("customer_name"), l.customerName},
                                  {QStringLiteral("product_id"), idText(l.productId)},
                                  {QStringLiteral("sku"), l.sku},
                                  {QStringLiteral("name"), l.name},
                                  {QStringLiteral("unit"), l.unit},
                                  {QStringLiteral("bin"), l.bin},
                                  {QStringLiteral("quantity"), quantityText(l.quantity)},
                                  {QStringLiteral("picked"), quantityText(l.picked)},
                                  {QStringLiteral("reason"), l.reason}});
    }
    QJsonArray packages;
    for (const auto &p : list.packages) {
        QJsonArray packed;
        for (const auto &[lineId, quantity] : p.lines)
            packed.append(QJsonObject {{QStringLiteral("line_id"), idText(lineId)},
                                       {QStringLiteral("quantity"), quantityText(quantity)}});
        packages.append(QJsonObject {{QStringLiteral("id"), idText(p.id)},
                                     {QStringLiteral("number"), p.number},
                                     {QStringLiteral("weight"), quantityText(p.weight)},
                                     {QStringLiteral("lines"), packed}});
    }
    QJsonValue shipment = QJsonValue::Null;
    if (list.shipment)
        shipment = QJsonObject {{QStringLiteral("id"), idText(list.shipment->id)},
                                {QStringLiteral("number"), list.shipment->number},
                                {QStringLiteral("shipped_at"), timeText(list.shipment->shippedAt)},
                                {QStringLiteral("carrier"), list.shipment->carrier},
                                {QStringLiteral("tracking"), list.shipment->tracking}};
    return {{QStringLiteral("id"), idText(list.id)},
            {QStringLiteral("number"), list.number},
            {QStringLiteral("warehouse_id"), idText(list.warehouseId)},
            {QStringLiteral("status"), list.status},
            {QStringLiteral("created_at"), timeText(list.createdAt)},
            {QStringLiteral("updated_at"), timeText(list.updatedAt)},
            {QStringLiteral("version"), list.version},
            {QStringLiteral("order_ids"), orderIds},
            {QStringLiteral("lines"), lines},
            {QStringLiteral("packages"), packages},
            {QStringLiteral("shipment"), shipment}};
}

} // namespace portico::server
