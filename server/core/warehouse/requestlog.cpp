#include "warehouse/requestlog.h"

#include "http/apierror.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"

namespace portico::server {

std::optional<RequestLog::Answer> RequestLog::repeat(const Id &clientId, const QString &kind,
                                                     const Id &target, const QString &userId,
                                                     const QString &requestHash) const
{
    Sql q(m_tx,
          QStringLiteral(
              "SELECT kind, target_id, user_id, request_hash, status, response FROM warehouse_requests "
              "WHERE client_id = :id"));
    q.bind(QStringLiteral(":id"), idText(clientId)).exec();
    if (!q.next())
        return std::nullopt;
    if (q.value(0).toString() != kind || q.value(1).toString() != idText(target)
        || q.value(2).toString() != userId || q.value(3).toString() != requestHash)
        throw ApiError(ApiErrorCode::Conflict,
                       QStringLiteral("This client_id was already used for another request"),
                       QStringLiteral("$.client_id"));
    return Answer {q.value(4).toInt(), q.value(5).toString().toUtf8()};
}

void RequestLog::store(const Id &clientId, const QString &kind, const Id &target, const QString &userId,
                       const QString &requestHash, const Answer &answer, qint64 nowMs)
{
    Sql q(m_tx,
          QStringLiteral(
              "INSERT INTO warehouse_requests (client_id, kind, target_id, user_id, request_hash, status, "
              "response, at) VALUES (:id, :kind, :target, :user, :hash, :status, :response, :at)"));
    q.bind(QStringLiteral(":id"), idText(clientId))
        .bind(QStringLiteral(":kind"), kind)
        .bind(QStringLiteral(":target"), idText(target))
        .bind(QStringLiteral(":user"), userId)
        .bind(QStringLiteral(":hash"), requestHash)
        .bind(QStringLiteral(":status"), answer.status)
        .bind(QStringLiteral(":response"), QString::fromUtf8(answer.body))
        .bind(QStringLiteral(":at"), nowMs)
        .exec();
}

} // namespace portico::server
