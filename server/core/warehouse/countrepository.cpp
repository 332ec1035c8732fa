#include "warehouse/countrepository.h"

#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "warehouse/picklist.h"

#include <QJsonArray>
#include <QSqlDriver>

namespace portico::server {

CountRepository::CountRepository(const QSqlDatabase &tx)
    : m_tx(tx)
    , m_postgres(tx.driver()->dbmsType() == QSqlDriver::PostgreSQL)
{ }

std::optional<CountSession> CountRepository::find(const Id &id) const
{
    Sql head(m_tx,
             QStringLiteral(
                 "SELECT number, warehouse_id, status, created_at, updated_at, bins_json FROM count_sessions "
                 "WHERE id = :id"));
    head.bind(QStringLiteral(":id"), idText(id)).exec();
    if (!head.next())
        return std::nullopt;
    CountSession session;
    session.id = id;
    session.number = head.value(0).toString();
    session.warehouseId = idFrom(head.value(1));
    session.status = head.value(2).toString();
    session.createdAt = head.value(3).toLongLong();
    session.updatedAt = head.value(4).toLongLong();
    for (const auto &bin : jsonArrayFrom(head.value(5)))
        session.bins.append(bin.toString());
    Sql lines(m_tx,
              QStringLiteral("SELECT product_id, bin, counted_milli, expected_milli FROM count_lines "
                             "WHERE count_id = :id ORDER BY bin, product_id"));
    lines.bind(QStringLiteral(":id"), idText(id)).exec();
    while (lines.next()) {
        CountLine line {idFrom(lines.value(0)), lines.value(1).toString(),
                        Quantity::fromMilli(lines.value(2).toLongLong()), std::nullopt};
        if (!lines.value(3).isNull())
            line.expected = Quantity::fromMilli(lines.value(3).toLongLong());
        session.lines.append(line);
    }
    return session;
}

std::optional<CountSession> CountRepository::lockForUpdate(const Id &id)
{
    if (m_postgres) {
        Sql lock(m_tx, QStringLiteral("SELECT id FROM count_sessions WHERE id = :id FOR UPDATE"));
        lock.bind(QStringLiteral(":id"), idText(id)).exec();
        if (!lock.next())
            return std::nullopt;
    }
    return find(id);
}

void CountRepository::insert(const CountSession &session, const Id &byUser)
{
    QJsonArray bins;
    for (const auto &bin : session.bins)
        bins.append(bin);
    Sql q(m_tx,
          QStringLiteral(
              "INSERT INTO count_sessions (id, number, warehouse_id, status, created_at, updated_at, "
              "bins_json, created_by, decided_by) VALUES (:id, :number, :wh, :status, :created, :updated, "
              ":bins, :by, NULL)"));
    q.bind(QStringLiteral(":id"), idText(session.id))
        .bind(QStringLiteral(":number"), session.number)
        .bind(QStringLiteral(":wh"), idText(session.warehouseId))
        .bind(QStringLiteral(":status"), session.status)
        .bind(QStringLiteral(":created"), session.createdAt)
        .bind(QStringLiteral(":updated"), session.updatedAt)
        .bind(QStringLiteral(":bins"), compactJson(bins))
        .bind(QStringLiteral(":by"), idValue(byUser))
        .exec();
}

void CountRepository::putLine(const Id &countId, const CountLine &line, const Id &byUser, qint64 nowMs)
{
    Sql q(m_tx,
          QStringLiteral(
              "INSERT INTO count_lines (count_id, product_id, bin, counted_milli, expected_milli, by_user, "
              "at) VALUES (:count, :product, :bin, :counted, NULL, :by, :at) "
              "ON CONFLICT (count_id, product_id, bin) DO UPDATE SET counted_milli = excluded.counted_milli, "
              "by_user = excluded.by_user, at = excluded.at"));
    q.bind(QStringLiteral(":count"), idText(countId))
        .bind(QStringLiteral(":product"), idText(line.productId))
        .bind(QStringLiteral(":bin"), line.bin)
        .bind(QStringLiteral(":counted"), line.counted.milli())
        .bind(QStringLiteral(":by"), idValue(byUser))
        .bind(QStringLiteral(":at"), nowMs)
        .exec();
}

void CountRepository::setExpected(const Id &countId, const Id &productId, const QString &bin,
                                  Quantity expected)
{
    Sql q(m_tx,
          QStringLiteral("UPDATE count_lines SET expected_milli = :expected WHERE count_id = :count AND "
                         "product_id = :product AND bin = :bin"));
    q.bind(QStringLiteral(":expected"), expected.milli())
        .bind(QStringLiteral(":count"), idText(countId))
        .bind(QStringLiteral(":product"), idText(productId))
        .bind(QStringLiteral(":bin"), bin)
        .exec();
}

void CountRepository::setStatus(const Id &countId, const QString &status, qint64 nowMs, const Id &decidedBy)
{
    Sql q(m_tx,
          QStringLiteral("UPDATE count_sessions SET status = :status, updated_at = :now, "
                         "decided_by = COALESCE(:by, decided_by) WHERE id = :id"));
    q.bind(QStringLiteral(":status"), status)
        .bind(QStringLiteral(":now"), nowMs)
        .bind(QStringLiteral(":by"), idValue(decidedBy))
        .bind(QStringLiteral(":id"), idText(countId))
        .exec();
}

QJsonObject CountRepository::json(const CountSession &session)
{
    QJsonArray bins;
    for (const auto &bin : session.bins)
        bins.append(bin);
    QJsonArray lines;
    for (const auto &line : session.lines)
        lines.append(QJsonObject {{QStringLiteral("product_id"), idText(line.productId)},
                                  {QStringLiteral("bin"), line.bin},
                                  {QStringLiteral("counted"), quantityText(line.counted)}});
    return {{QStringLiteral("id"), idText(session.id)},
            {QStringLiteral("number"), session.number},
            {QStringLiteral("warehouse_id"), idText(session.warehouseId)},
            {QStringLiteral("status"), session.status},
            {QStringLiteral("created_at"), timeText(session.createdAt)},
            {QStringLiteral("updated_at"), timeText(session.updatedAt)},
            {QStringLiteral("bins"), bins},
            {QStringLiteral("lines"), lines}};
}

void CountRepository::publish(const CountSession &session, FeedBatch &feed)
{
    feed.upsert(entity::CountSession, idText(session.id), Audience::warehouse(idText(session.warehouseId)),
                json(session));
}

} // namespace portico::server
