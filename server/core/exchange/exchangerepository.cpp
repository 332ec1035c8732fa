#include "exchange/exchangerepository.h"

#include "storage/database.h"
#include "storage/sqlvalues.h"

#include <QJsonDocument>

#include <algorithm>

namespace portico::server {

namespace {

ExchangeSession sessionFrom(const Sql &q)
{
    ExchangeSession s;
    s.id = q.value(0).toString();
    s.userId = idFrom(q.value(1));
    s.login = q.value(2).toString();
    s.remote = q.value(3).toString();
    s.startedAt = q.value(4).toLongLong();
    s.lastSeen = q.value(5).toLongLong();
    s.outcome = q.value(6).toString();
    s.pendingOrders = jsonArrayFrom(q.value(7));
    return s;
}

const QString SessionColumns
    = QStringLiteral("id, user_id, login, remote, started_at, last_seen, outcome, pending_orders");

} // namespace

void ExchangeRepository::createSession(const ExchangeSession &session)
{
    Sql(m_tx,
        QStringLiteral("INSERT INTO exchange_sessions (") + SessionColumns
            + QStringLiteral(") VALUES (:id, :user, :login, :remote, :started, :seen, 'open', '[]')"))
        .bind(QStringLiteral(":id"), session.id)
        .bind(QStringLiteral(":user"), idText(session.userId))
        .bind(QStringLiteral(":login"), session.login)
        .bind(QStringLiteral(":remote"), session.remote)
        .bind(QStringLiteral(":started"), session.startedAt)
        .bind(QStringLiteral(":seen"), session.startedAt)
        .exec();
}

std::optional<ExchangeSession> ExchangeRepository::session(const QString &id) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT ") + SessionColumns
              + QStringLiteral(" FROM exchange_sessions WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return sessionFrom(q);
}

std::optional<ExchangeSession> ExchangeRepository::latestOpenSession(const Id &userId) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT ") + SessionColumns
              + QStringLiteral(" FROM exchange_sessions WHERE user_id = :user AND outcome = 'open' "
                               "ORDER BY last_seen DESC LIMIT 1"));
    q.bind(QStringLiteral(":user"), idText(userId)).exec();
    if (!q.next())
        return std::nullopt;
    return sessionFrom(q);
}

void ExchangeRepository::touchSession(const QString &id, qint64 now)
{
    Sql(m_tx, QStringLiteral("UPDATE exchange_sessions SET last_seen = :now WHERE id = :id"))
        .bind(QStringLiteral(":now"), now)
        .bind(QStringLiteral(":id"), id)
        .exec();
}

void ExchangeRepository::finishSession(const QString &id, const QString &outcome, qint64 now)
{
    Sql(m_tx,
        QStringLiteral("UPDATE exchange_sessions SET outcome = :outcome, last_seen = :now WHERE id = :id"))
        .bind(QStringLiteral(":outcome"), outcome)
        .bind(QStringLiteral(":now"), now)
        .bind(QStringLiteral(":id"), id)
        .exec();
}

void ExchangeRepository::setPendingOrders(const QString &id, const QJsonArray &orders)
{
    Sql(m_tx, QStringLiteral("UPDATE exchange_sessions SET pending_orders = :orders WHERE id = :id"))
        .bind(QStringLiteral(":orders"), compactJson(orders))
        .bind(QStringLiteral(":id"), id)
        .exec();
}

void ExchangeRepository::appendStep(const ExchangeStep &step)
{
    Sql next(m_tx,
             QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM exchange_steps WHERE session_id = :id"));
    next.bind(QStringLiteral(":id"), step.sessionId).exec();
    const int seq = next.next() ? next.value(0).toInt() : 1;
    Sql(m_tx,
        QStringLiteral("INSERT INTO exchange_steps (session_id, seq, at, kind, mode, file_name, bytes, "
                       "counts_json, duration_ms, outcome, error) VALUES (:id, :seq, :at, :kind, :mode, "
                       ":file, :bytes, :counts, :duration, :outcome, :error)"))
        .bind(QStringLiteral(":id"), step.sessionId)
        .bind(QStringLiteral(":seq"), seq)
        .bind(QStringLiteral(":at"), step.at)
        .bind(QStringLiteral(":kind"), step.kind)
        .bind(QStringLiteral(":mode"), step.mode)
        .bind(QStringLiteral(":file"), step.fileName)
        .bind(QStringLiteral(":bytes"), step.bytes)
        .bind(QStringLiteral(":counts"),
              QString::fromUtf8(QJsonDocument(step.counts).toJson(QJsonDocument::Compact)))
        .bind(QStringLiteral(":duration"), step.durationMs)
        .bind(QStringLiteral(":outcome"), step.outcome)
        .bind(QStringLiteral(":error"), step.error)
        .exec();
    touchSession(step.sessionId, step.at);
}

void ExchangeRepository::pruneBefore(qint64 ms)
{
    Sql(m_tx,
        QStringLiteral("DELETE FROM exchange_steps WHERE session_id IN (SELECT id FROM exchange_sessions "
                       "WHERE last_seen < :before)"))
        .bind(QStringLiteral(":before"), ms)
        .exec();
    Sql(m_tx, QStringLiteral("DELETE FROM exchange_sessions WHERE last_seen < :before"))
        .bind(QStringLiteral(":before"), ms)
        .exec();
}

QList<std::pair<ExchangeSession, QList<ExchangeStep>>> ExchangeRepository::recent(int limit) const
{
    QList<std::pair<ExchangeSession, QList<ExchangeStep>>> result;
    {
        Sql q(m_tx,
              QStringLiteral("SELECT ") + SessionColumns
                  + QStringLiteral(" FROM exchange_sessions ORDER BY started_at DESC, id LIMIT :limit"));
        q.bind(QStringLiteral(":limit"), limit).exec();
        while (q.next())
            result.append({sessionFrom(q), {}});
    }
    Sql steps(
        m_tx,
        QStringLiteral("SELECT at, kind, mode, file_name, bytes, counts_json, duration_ms, outcome, error "
                       "FROM exchange_steps WHERE session_id = :id ORDER BY seq"));
    for (auto &[session, list] : result) {
        steps.bind(QStringLiteral(":id"), session.id).exec();
        while (steps.next()) {
            ExchangeStep step;
            step.sessionId = session.id;
            step.at = steps.value(0).toLongLong();
            step.kind = steps.value(1).toString();
            step.mode = steps.value(2).toString();
            step.fileName = steps.value(3).toString();
            step.bytes = steps.value(4).toLongLong();
            step.counts = QJsonDocument::fromJson(steps.value(5).toString().toUtf8()).object();
            step.durationMs = steps.value(6).toLongLong();
            step.outcome = steps.value(7).toString();
            step.error = steps.value(8).toString();
            list.append(step);
        }
    }
    return result;
}

void ExchangeRepository::markProducts(const QList<Id> &productIds, const QString &sessionId)
{
    // Hundreds of rows a statement: the importer marks every product of a catalog.
    constexpr qsizetype Chunk = 400;
    for (qsizetype start = 0; start < productIds.size(); start += Chunk) {
        const qsizetype count = std::min(Chunk, productIds.size() - start);
        QStringList rows;
        rows.reserve(count);
        for (qsizetype i = 0; i < count; ++i)
            rows << QStringLiteral("(?,?)");
        Sql q(
            m_tx,
            QStringLiteral("INSERT INTO exchange_product_marks (product_id, session_id) VALUES ")
                + rows.join(QLatin1Char(','))
                + QStringLiteral(" ON CONFLICT (product_id) DO UPDATE SET session_id = excluded.session_id"));
        int at = 0;
        for (qsizetype i = 0; i < count; ++i) {
            q.bind(at, idText(productIds.at(start + i))).bind(at + 1, sessionId);
            at += 2;
        }
        q.exec();
    }
}

QList<Id> ExchangeRepository::productsNotImportedBy(const QString &sessionId, int limit) const
{
    Sql q(m_tx,
          QStringLiteral(
              "SELECT p.id FROM products p LEFT JOIN exchange_product_marks m ON m.product_id = p.id "
              "WHERE p.external_id IS NOT NULL AND p.active = :active "
              "AND (m.session_id IS NULL OR m.session_id <> :s) ORDER BY p.id LIMIT :limit"));
    q.bind(QStringLiteral(":active"), true)
        .bind(QStringLiteral(":s"), sessionId)
        .bind(QStringLiteral(":limit"), limit)
        .exec();
    QList<Id> ids;
    while (q.next())
        ids << idFrom(q.value(0));
    return ids;
}

QList<std::pair<Id, qint64>> ExchangeRepository::ordersToExport(int limit) const
{
    // Orders the company has taken on (accepted and onwards); a cancelled or rejected one only
    // when 1C has seen it before, so that 1C learns it is off.
    Sql q(m_tx,
          QStringLiteral(
              "SELECT o.id, o.updated_at FROM orders o LEFT JOIN exchange_order_marks m ON m.order_id = o.id "
              "WHERE o.author_only = :no AND ((m.order_id IS NULL AND o.status IN ('accepted', 'exported', "
              "'in_production', 'picking', 'picked', 'shipped', 'delivered', 'completed')) "
              "OR (m.order_id IS NOT NULL AND o.updated_at > m.exported_version)) "
              "ORDER BY o.created_at, o.id LIMIT :limit"));
    q.bind(QStringLiteral(":no"), false).bind(QStringLiteral(":limit"), limit).exec();
    QList<std::pair<Id, qint64>> result;
    while (q.next())
        result.append({idFrom(q.value(0)), q.value(1).toLongLong()});
    return result;
}

void ExchangeRepository::markOrderExported(const Id &orderId, qint64 version, qint64 now)
{
    Sql(m_tx,
        QStringLiteral("INSERT INTO exchange_order_marks (order_id, exported_version, exported_at) "
                       "VALUES (:id, :v, :now) ON CONFLICT (order_id) DO UPDATE SET "
                       "exported_version = excluded.exported_version, exported_at = excluded.exported_at"))
        .bind(QStringLiteral(":id"), idText(orderId))
        .bind(QStringLiteral(":v"), version)
        .bind(QStringLiteral(":now"), now)
        .exec();
}

} // namespace portico::server
