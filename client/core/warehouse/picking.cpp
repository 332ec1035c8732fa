#include "warehouse/picking.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "cache/searchtext.h"
#include "sync/outbox.h"
#include "warehouse/warehousejson.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>

namespace portico::client::Picking {

namespace {

QSqlQuery run(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q = CacheSql::prepare(db, sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    CacheSql::exec(q);
    return q;
}

// What this terminal scanned on each line of a pick list that the server has not answered yet.
QHash<QString, qint64> pendingByLine(QSqlDatabase &db, const QString &pickListId)
{
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT line_id, SUM(quantity_milli) FROM pick_pending "
                                     "WHERE pick_list_id = ? GROUP BY line_id"),
                      {pickListId});
    QHash<QString, qint64> pending;
    while (q.next())
        pending.insert(q.value(0).toString(), q.value(1).toLongLong());
    return pending;
}

QString enqueue(QSqlDatabase &db, OutboxItem::Kind kind, const QString &pickListId, QJsonObject body,
                const QDateTime &now)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    body.insert(QStringLiteral("client_id"), id);
    Outbox::enqueue(db, id, kind, pickListId, QJsonDocument(body).toJson(QJsonDocument::Compact), now);
    return id;
}

void setLocalStatus(QSqlDatabase &db, const QString &pickListId, const QString &status)
{
    run(db, QStringLiteral("UPDATE pick_list SET local_status = ?, conflict = NULL WHERE id = ?"),
        {status, pickListId});
}

PickList requireList(QSqlDatabase &db, const QString &pickListId)
{
    std::optional<PickList> list = pickList(db, pickListId);
    if (!list)
        throw WarehouseError("This pick list is no longer on this terminal.");
    return *list;
}

// The products a scanned code names: an exact barcode, else an exact (folded) SKU.
QStringList productsFor(QSqlDatabase &db, const QString &code)
{
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT product_id FROM product_barcode WHERE barcode = ? "
                                     "UNION SELECT id FROM product WHERE sku_key = ?"),
                      {code, SearchText::fold(code)});
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

std::optional<std::pair<QString, QString>> productNameAndSku(QSqlDatabase &db, const QString &productId)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT name, sku FROM product WHERE id = ?"), {productId});
    if (!q.next())
        return std::nullopt;
    return std::pair {q.value(0).toString(), q.value(1).toString()};
}

} // namespace

QList<PickListSummary> pickLists(QSqlDatabase &db)
{
    QSqlQuery q
        = run(db,
              QStringLiteral("SELECT id, number, status, local_status, created_at, CAST(data AS BLOB) "
                             "FROM pick_list WHERE COALESCE(local_status, status) IN "
                             "('open', 'picking', 'picked', 'packed') ORDER BY created_at, number"),
              {});
    QList<PickListSummary> lists;
    while (q.next()) {
        PickListSummary summary;
        summary.id = q.value(0).toString();
        summary.number = q.value(1).toString();
        const QString local = q.value(3).toString();
        summary.status = local.isEmpty() ? q.value(2).toString() : local;
        summary.createdAt = CacheSql::timestampFrom(q.value(4));
        const PickList list
            = WarehouseJson::pickList(QJsonDocument::fromJson(CacheSql::bytes(q.value(5))).object());
        summary.lines = int(list.lines.size());
        QSet<QString> orders;
        for (const PickLine &line : list.lines)
            orders.insert(line.orderId);
        summary.orders = int(orders.size());
        summary.firstBin = list.lines.isEmpty() ? QString() : list.lines.first().bin;
        lists.append(summary);
    }
    // Lines complete counts need the pending scans: one query per list is fine for the handful
    // of lists a warehouse works on at a time.
    for (PickListSummary &summary : lists) {
        if (const auto list = pickList(db, summary.id))
            summary.linesComplete = list->linesComplete();
    }
    return lists;
}

std::optional<PickList> pickList(QSqlDatabase &db, const QString &id)
{
    QSqlQuery q = run(
        db, QStringLiteral("SELECT CAST(data AS BLOB), local_status, conflict FROM pick_list WHERE id = ?"),
        {id});
    if (!q.next())
        return std::nullopt;
    PickList list = WarehouseJson::pickList(QJsonDocument::fromJson(CacheSql::bytes(q.value(0))).object());
    list.localStatus = q.value(1).toString();
    list.conflict = q.value(2).toString();
    const QHash<QString, qint64> pending = pendingByLine(db, id);
    for (PickLine &line : list.lines) {
        line.pendingMilli = pending.value(line.lineId);
        line.pickedMilli += line.pendingMilli;
    }
    return list;
}

ScanResult classify(const PickList &list, const QStringList &products, const QString &code,
                    qint64 quantityMilli)
{
    ScanResult result;
    result.code = code.trimmed();
    result.quantityMilli = quantityMilli > 0 ? quantityMilli : 1000;
    const QString status = list.effectiveStatus();
    if (status != QLatin1String("open") && status != QLatin1String("picking")) {
        result.outcome = ScanResult::Outcome::NotPickable;
        return result;
    }
    const QString folded = SearchText::fold(result.code);
    QList<const PickLine *> matching;
    for (const PickLine &line : list.lines) {
        if (products.contains(line.productId)
            || (!line.sku.isEmpty() && SearchText::fold(line.sku) == folded))
            matching.append(&line);
    }
    if (matching.isEmpty()) {
        result.outcome = products.isEmpty() ? ScanResult::Outcome::Unknown : ScanResult::Outcome::WrongItem;
        return result;
    }
    // The first line (in bin order) still short takes the scan; when every line of the product
    // is complete the scan is an over-pick of the last one.
    const PickLine *target = matching.last();
    for (const PickLine *line : std::as_const(matching)) {
        if (!line->complete()) {
            target = line;
            break;
        }
    }
    result.lineId = target->lineId;
    result.productName = target->name;
    result.sku = target->sku;
    result.bin = target->bin;
    result.lineQuantityMilli = target->quantityMilli;
    result.pickedMilli = target->pickedMilli;
    if (target->pickedMilli + result.quantityMilli > target->quantityMilli) {
        result.outcome = ScanResult::Outcome::OverPick;
        return result;
    }
    result.outcome = ScanResult::Outcome::Picked;
    result.pickedMilli += result.quantityMilli;
    return result;
}

QHash<QString, QString> barcodesOf(QSqlDatabase &db, const PickList &list)
{
    QSqlQuery q
        = CacheSql::prepare(db, QStringLiteral("SELECT barcode FROM product_barcode WHERE product_id = ?"));
    QHash<QString, QString> barcodes;
    for (const PickLine &line : list.lines) {
        q.bindValue(0, line.productId);
        CacheSql::exec(q);
        while (q.next())
            barcodes.insert(q.value(0).toString(), line.productId);
    }
    return barcodes;
}

CodeLookup lookUp(QSqlDatabase &db, const QString &code)
{
    CodeLookup found;
    found.products = productsFor(db, code.trimmed());
    if (!found.products.isEmpty()) {
        if (const auto product = productNameAndSku(db, found.products.first())) {
            found.name = product->first;
            found.sku = product->second;
        }
    }
    return found;
}

ScanResult scan(QSqlDatabase &db, const QString &pickListId, const QString &code, qint64 quantityMilli,
                const QDateTime &now)
{
    CacheTransaction transaction(db);
    const std::optional<PickList> list = pickList(db, pickListId);
    if (!list) {
        ScanResult gone;
        gone.code = code.trimmed();
        gone.outcome = ScanResult::Outcome::NotPickable;
        return gone;
    }
    const QStringList products = productsFor(db, code.trimmed());
    ScanResult result = classify(*list, products, code, quantityMilli);
    if (result.outcome == ScanResult::Outcome::WrongItem) {
        if (const auto product = productNameAndSku(db, products.first())) {
            result.productName = product->first;
            result.sku = product->second;
        }
    }
    if (result.outcome != ScanResult::Outcome::Picked)
        return result;
    QJsonObject body;
    body.insert(QStringLiteral("line_id"), result.lineId);
    body.insert(QStringLiteral("quantity"), milliText(result.quantityMilli));
    result.outboxId = enqueue(db, OutboxItem::Kind::PickScan, pickListId, body, now);
    run(db,
        QStringLiteral("INSERT INTO pick_pending (outbox_id, pick_list_id, line_id, quantity_milli) "
                       "VALUES (?, ?, ?, ?)"),
        {result.outboxId, pickListId, result.lineId, result.quantityMilli});
    run(db, QStringLiteral("UPDATE pick_list SET conflict = NULL WHERE id = ?"), {pickListId});
    transaction.commit();
    return result;
}

bool isValidReason(const QString &reason)
{
    if (reason == QLatin1String("damaged") || reason == QLatin1String("not_found")
        || reason == QLatin1String("short"))
        return true;
    return reason.startsWith(QLatin1String("other:")) && !reason.mid(6).trimmed().isEmpty();
}

void confirm(QSqlDatabase &db, const QString &pickListId, const QList<ConfirmLine> &lines,
             const QDateTime &now)
{
    CacheTransaction transaction(db);
    const PickList list = requireList(db, pickListId);
    const QString status = list.effectiveStatus();
    if (status != QLatin1String("open") && status != QLatin1String("picking"))
        throw WarehouseError("Only a pick list being picked can be confirmed.");
    QHash<QString, const ConfirmLine *> byLine;
    for (const ConfirmLine &line : lines)
        byLine.insert(line.lineId, &line);
    QJsonArray body;
    for (const PickLine &line : list.lines) {
        const ConfirmLine *confirmed = byLine.value(line.lineId);
        if (!confirmed)
            throw WarehouseError("Every line of the pick list must be confirmed.");
        if (confirmed->pickedMilli < 0 || confirmed->pickedMilli > line.quantityMilli)
            throw WarehouseError("A confirmed quantity cannot exceed the quantity to pick.");
        QJsonObject object;
        object.insert(QStringLiteral("line_id"), line.lineId);
        object.insert(QStringLiteral("picked"), milliText(confirmed->pickedMilli));
        if (confirmed->pickedMilli != line.quantityMilli) {
            if (!isValidReason(confirmed->reason))
                throw WarehouseError("Every short line needs a reason.");
            object.insert(QStringLiteral("reason"), confirmed->reason);
        }
        body.append(object);
    }
    QJsonObject payload;
    payload.insert(QStringLiteral("lines"), body);
    enqueue(db, OutboxItem::Kind::ConfirmPick, pickListId, payload, now);
    setLocalStatus(db, pickListId, QStringLiteral("picked"));
    transaction.commit();
}

void pack(QSqlDatabase &db, const QString &pickListId, const QList<Package> &packages, const QDateTime &now)
{
    CacheTransaction transaction(db);
    const PickList list = requireList(db, pickListId);
    if (list.effectiveStatus() != QLatin1String("picked"))
        throw WarehouseError("Only a picked pick list can be packed.");
    if (packages.isEmpty())
        throw WarehouseError("Pack at least one package.");
    QJsonArray body;
    for (const Package &package : packages) {
        if (package.weightGrams <= 0)
            throw WarehouseError("Every package needs its weight.");
        QJsonArray lines;
        for (const PackageLine &line : package.lines) {
            QJsonObject object;
            object.insert(QStringLiteral("line_id"), line.lineId);
            object.insert(QStringLiteral("quantity"), milliText(line.quantityMilli));
            lines.append(object);
        }
        QJsonObject object;
        object.insert(QStringLiteral("weight"), milliText(package.weightGrams));
        object.insert(QStringLiteral("lines"), lines);
        body.append(object);
    }
    QJsonObject payload;
    payload.insert(QStringLiteral("packages"), body);
    enqueue(db, OutboxItem::Kind::PackPackages, pickListId, payload, now);
    setLocalStatus(db, pickListId, QStringLiteral("packed"));
    transaction.commit();
}

void ship(QSqlDatabase &db, const QString &pickListId, const QString &carrier, const QString &tracking,
          const QDateTime &now)
{
    CacheTransaction transaction(db);
    const PickList list = requireList(db, pickListId);
    if (list.effectiveStatus() != QLatin1String("packed"))
        throw WarehouseError("Only a packed pick list can be shipped.");
    if (carrier.trimmed().isEmpty())
        throw WarehouseError("Name the carrier.");
    QJsonObject payload;
    payload.insert(QStringLiteral("carrier"), carrier.trimmed());
    payload.insert(QStringLiteral("tracking"), tracking.trimmed());
    enqueue(db, OutboxItem::Kind::Ship, pickListId, payload, now);
    setLocalStatus(db, pickListId, QStringLiteral("shipped"));
    transaction.commit();
}

void dismissConflict(QSqlDatabase &db, const QString &pickListId)
{
    run(db, QStringLiteral("UPDATE pick_list SET conflict = NULL WHERE id = ?"), {pickListId});
}

} // namespace portico::client::Picking
