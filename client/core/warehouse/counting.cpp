#include "warehouse/counting.h"

#include "cache/cachedatabase.h"
#include "cache/cachesql.h"
#include "cache/searchtext.h"
#include "sync/outbox.h"
#include "warehouse/picking.h"
#include "warehouse/warehousejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

namespace portico::client::Counting {

namespace {

QSqlQuery run(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q = CacheSql::prepare(db, sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    CacheSql::exec(q);
    return q;
}

void enqueue(QSqlDatabase &db, OutboxItem::Kind kind, const QString &sessionId, QJsonObject body,
             const QDateTime &now)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    body.insert(QStringLiteral("client_id"), id);
    Outbox::enqueue(db, id, kind, sessionId, QJsonDocument(body).toJson(QJsonDocument::Compact), now);
}

} // namespace

QList<CountSession> openSessions(QSqlDatabase &db)
{
    QSqlQuery q
        = run(db,
              QStringLiteral("SELECT id FROM count_session WHERE COALESCE(local_status, status) = 'open' "
                             "ORDER BY created_at, number"),
              {});
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    QList<CountSession> sessions;
    for (const QString &id : std::as_const(ids)) {
        if (auto found = session(db, id))
            sessions.append(*found);
    }
    return sessions;
}

std::optional<CountSession> session(QSqlDatabase &db, const QString &id)
{
    QSqlQuery q = run(
        db, QStringLiteral("SELECT CAST(data AS BLOB), local_status FROM count_session WHERE id = ?"), {id});
    if (!q.next())
        return std::nullopt;
    CountSession session
        = WarehouseJson::countSession(QJsonDocument::fromJson(CacheSql::bytes(q.value(0))).object());
    if (const QString local = q.value(1).toString(); !local.isEmpty())
        session.status = local;
    QSqlQuery local = run(
        db, QStringLiteral("SELECT product_id, bin, counted_milli FROM count_local WHERE session_id = ?"),
        {id});
    while (local.next()) {
        const QString productId = local.value(0).toString();
        const QString bin = local.value(1).toString();
        auto it = std::find_if(session.lines.begin(), session.lines.end(), [&](const CountLine &line) {
            return line.productId == productId && line.bin == bin;
        });
        if (it == session.lines.end())
            it = session.lines.insert(session.lines.end(), CountLine {productId, bin, {}, {}, 0});
        it->countedMilli = local.value(2).toLongLong();
    }
    QSqlQuery names = CacheSql::prepare(db, QStringLiteral("SELECT sku, name FROM product WHERE id = ?"));
    for (CountLine &line : session.lines) {
        names.bindValue(0, line.productId);
        CacheSql::exec(names);
        if (names.next()) {
            line.sku = names.value(0).toString();
            line.name = names.value(1).toString();
        }
    }
    std::stable_sort(session.lines.begin(), session.lines.end(), [](const CountLine &a, const CountLine &b) {
        return std::tie(a.bin, a.sku) < std::tie(b.bin, b.sku);
    });
    return session;
}

bool isBin(QSqlDatabase &db, const CountSession &session, const QString &code)
{
    const QString trimmed = code.trimmed();
    if (session.bins.contains(trimmed))
        return true;
    QSqlQuery q
        = run(db, QStringLiteral("SELECT 1 FROM bin_location WHERE warehouse_id = ? AND bin = ? LIMIT 1"),
              {session.warehouseId, trimmed});
    return q.next();
}

std::optional<ScannedProduct> product(QSqlDatabase &db, const QString &code)
{
    const QString trimmed = code.trimmed();
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT p.id, p.sku, p.name FROM product_barcode b JOIN product p "
                                     "ON p.id = b.product_id WHERE b.barcode = ? "
                                     "UNION ALL SELECT id, sku, name FROM product WHERE sku_key = ? LIMIT 1"),
                      {trimmed, SearchText::fold(trimmed)});
    if (!q.next())
        return std::nullopt;
    return ScannedProduct {q.value(0).toString(), q.value(1).toString(), q.value(2).toString()};
}

void record(QSqlDatabase &db, const QString &sessionId, const QString &productId, const QString &bin,
            qint64 countedMilli, const QDateTime &now)
{
    CacheTransaction transaction(db);
    const std::optional<CountSession> found = session(db, sessionId);
    if (!found || found->status != QLatin1String("open"))
        throw WarehouseError("This count is no longer open.");
    if (countedMilli < 0)
        throw WarehouseError("A counted quantity cannot be negative.");
    if (bin.isEmpty())
        throw WarehouseError("Scan the bin first.");
    run(db,
        QStringLiteral("INSERT OR REPLACE INTO count_local (session_id, product_id, bin, counted_milli) "
                       "VALUES (?, ?, ?, ?)"),
        {sessionId, productId, bin, countedMilli});
    QJsonObject line;
    line.insert(QStringLiteral("product_id"), productId);
    line.insert(QStringLiteral("bin"), bin);
    line.insert(QStringLiteral("counted"), milliText(countedMilli));
    QJsonObject body;
    body.insert(QStringLiteral("lines"), QJsonArray {line});
    enqueue(db, OutboxItem::Kind::CountLines, sessionId, body, now);
    transaction.commit();
}

void submit(QSqlDatabase &db, const QString &sessionId, const QDateTime &now)
{
    CacheTransaction transaction(db);
    const std::optional<CountSession> found = session(db, sessionId);
    if (!found || found->status != QLatin1String("open"))
        throw WarehouseError("This count is no longer open.");
    if (found->lines.isEmpty())
        throw WarehouseError("Nothing has been counted yet.");
    enqueue(db, OutboxItem::Kind::SubmitCount, sessionId, {}, now);
    run(db, QStringLiteral("UPDATE count_session SET local_status = 'submitted' WHERE id = ?"), {sessionId});
    transaction.commit();
}

} // namespace portico::client::Counting
