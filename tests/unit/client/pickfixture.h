#pragma once

// Shared fixture of the warehouse terminal's tests: pick lists, count sessions and bins shaped
// as the server's feed sends them, over the catalog fixture's products.

#include "catalogfixture.h"

#include <QJsonArray>
#include <QJsonObject>

namespace portico::client::pickfixture {

using catalogfixture::uuid;

inline QString warehouseId()
{
    return uuid(QStringLiteral("main-warehouse"));
}

inline QJsonObject pickLine(const QString &lineKey, const QString &orderKey, const QString &orderNumber,
                            const QString &customer, const QString &productKey, const QString &sku,
                            const QString &name, const QString &bin, const QString &quantity,
                            const QString &picked = QStringLiteral("0.000"))
{
    QJsonObject line;
    line.insert(QStringLiteral("line_id"), uuid(lineKey));
    line.insert(QStringLiteral("order_id"), uuid(orderKey));
    line.insert(QStringLiteral("order_number"), orderNumber);
    line.insert(QStringLiteral("customer_name"), customer);
    line.insert(QStringLiteral("product_id"), uuid(productKey));
    line.insert(QStringLiteral("sku"), sku);
    line.insert(QStringLiteral("name"), name);
    line.insert(QStringLiteral("unit"), QStringLiteral("шт"));
    line.insert(QStringLiteral("bin"), bin);
    line.insert(QStringLiteral("quantity"), quantity);
    line.insert(QStringLiteral("picked"), picked);
    line.insert(QStringLiteral("reason"), QString());
    return line;
}

inline QJsonObject pickListJson(const QString &key, const QString &number, const QString &status, int version,
                                const QJsonArray &lines, const QJsonArray &packages = {})
{
    QJsonObject list;
    list.insert(QStringLiteral("id"), uuid(key));
    list.insert(QStringLiteral("number"), number);
    list.insert(QStringLiteral("warehouse_id"), warehouseId());
    list.insert(QStringLiteral("status"), status);
    list.insert(QStringLiteral("created_at"), QStringLiteral("2026-11-30T08:00:00.000Z"));
    list.insert(QStringLiteral("updated_at"), QStringLiteral("2026-11-30T08:00:00.000Z"));
    list.insert(QStringLiteral("version"), version);
    QJsonArray orders;
    for (const QJsonValue &line : lines) {
        const QJsonValue order = line.toObject().value(QStringLiteral("order_id"));
        if (!orders.contains(order))
            orders.append(order);
    }
    list.insert(QStringLiteral("order_ids"), orders);
    list.insert(QStringLiteral("lines"), lines);
    list.insert(QStringLiteral("packages"), packages);
    list.insert(QStringLiteral("shipment"), QJsonValue::Null);
    return list;
}

// PL-000123: bolts (3, bin A-01-02), nuts (2, bin A-01-01), plaster (1, bin B-02-01) for two orders.
inline QJsonObject samplePickList(const QString &status = QStringLiteral("open"), int version = 1,
                                  const QString &boltsPicked = QStringLiteral("0.000"))
{
    return pickListJson(
        QStringLiteral("pl-123"), QStringLiteral("PL-000123"), status, version,
        {pickLine(QStringLiteral("line-bolt"), QStringLiteral("order-1"), QStringLiteral("ORD-000041"),
                  QStringLiteral("ООО Ромашка"), QStringLiteral("bolt"), QStringLiteral("КР-0001"),
                  QStringLiteral("Болт М8х40 оцинкованный"), QStringLiteral("A-01-02"),
                  QStringLiteral("3.000"), boltsPicked),
         pickLine(QStringLiteral("line-nut"), QStringLiteral("order-1"), QStringLiteral("ORD-000041"),
                  QStringLiteral("ООО Ромашка"), QStringLiteral("nut"), QStringLiteral("КР-0002"),
                  QStringLiteral("Гайка М8"), QStringLiteral("A-01-01"), QStringLiteral("2.000")),
         pickLine(QStringLiteral("line-plaster"), QStringLiteral("order-2"), QStringLiteral("ORD-000042"),
                  QStringLiteral("АО Стройторг"), QStringLiteral("plaster"), QStringLiteral("СМ-10001"),
                  QStringLiteral("Штукатурка гипсовая Уралсмесь 5 кг"), QStringLiteral("B-02-01"),
                  QStringLiteral("1.000"))});
}

inline QJsonObject countSessionJson(const QString &key, const QString &number, const QStringList &bins,
                                    const QString &status = QStringLiteral("open"))
{
    QJsonObject session;
    session.insert(QStringLiteral("id"), uuid(key));
    session.insert(QStringLiteral("number"), number);
    session.insert(QStringLiteral("warehouse_id"), warehouseId());
    session.insert(QStringLiteral("status"), status);
    session.insert(QStringLiteral("created_at"), QStringLiteral("2026-11-30T07:00:00.000Z"));
    session.insert(QStringLiteral("bins"), QJsonArray::fromStringList(bins));
    session.insert(QStringLiteral("lines"), QJsonArray());
    return session;
}

inline QJsonObject binJson(const QString &productKey, const QString &bin)
{
    QJsonObject json;
    json.insert(QStringLiteral("product_id"), uuid(productKey));
    json.insert(QStringLiteral("warehouse_id"), warehouseId());
    json.insert(QStringLiteral("bin"), bin);
    return json;
}

// The catalog fixture's products and the warehouse's rows as one initial page.
inline SyncPage warehousePage(const QString &epoch = QStringLiteral("e1"))
{
    QList<SyncChange> changes = catalogfixture::catalogChanges();
    qint64 seq = changes.isEmpty() ? 0 : changes.last().seq;
    changes.append(catalogfixture::upsert(++seq, QStringLiteral("pick_list"), uuid(QStringLiteral("pl-123")),
                                          samplePickList()));
    changes.append(
        catalogfixture::upsert(++seq, QStringLiteral("count_session"), uuid(QStringLiteral("count-7")),
                               countSessionJson(QStringLiteral("count-7"), QStringLiteral("INV-000007"),
                                                {QStringLiteral("A-01-01"), QStringLiteral("A-01-02")})));
    changes.append(catalogfixture::upsert(++seq, QStringLiteral("bin"),
                                          uuid(QStringLiteral("bolt")) + QLatin1Char('/') + warehouseId(),
                                          binJson(QStringLiteral("bolt"), QStringLiteral("A-01-02"))));
    return catalogfixture::page(epoch, seq, false, changes);
}

} // namespace portico::client::pickfixture
