#pragma once

#include "domain/ids.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace portico::server {

// Terminals' writes (scans, confirmations, packing, shipping, counts) carry a client-generated
// id, so that a retried upload counts once: the first answer is stored with the request's hash
// and given again for a repeat; the same id with another request is a conflict.
class RequestLog final
{
public:
    explicit RequestLog(const QSqlDatabase &tx)
        : m_tx(tx)
    { }

    struct Answer
    {
        int status = 200;
        QByteArray body;
    };

    // The stored answer for a repeat of this request; ApiError(Conflict) when the id was used
    // for another request (another body, target, kind or user); nullopt for a new id.
    std::optional<Answer> repeat(const Id &clientId, const QString &kind, const Id &target,
                                 const QString &userId, const QString &requestHash) const;
    void store(const Id &clientId, const QString &kind, const Id &target, const QString &userId,
               const QString &requestHash, const Answer &answer, qint64 nowMs);

private:
    QSqlDatabase m_tx;
};

} // namespace portico::server
