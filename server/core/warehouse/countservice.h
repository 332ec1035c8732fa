#pragma once

#include "domain/ids.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>

namespace portico::server {

struct Caller;
struct Services;
class CountRepository;
struct CountSession;
class FeedBatch;

namespace warehouseinput {
struct TerminalWrite;
}

// Blind stock counts: a manager opens a session for a warehouse (or some of its bins); its
// staff send what they count, never seeing what the system expects; once submitted, the
// manager reads the variance (expected as of submission against counted, per product) and
// approves it, which adjusts on hand by count_adjustment movements, or rejects it. Sessions
// reach the warehouse's terminals through the feed (entity count_session).
//
// The journal of stock movements is read here too.
class CountService final
{
public:
    using Published = std::function<void(const QStringList &audiences)>;
    CountService(Services &services, Published published);

    struct Reply
    {
        int status = 200;
        QByteArray json;
    };

    // POST /api/v1/warehouse/counts
    Reply open(const Caller &caller, const QByteArray &body);
    // POST /api/v1/warehouse/counts/{id}/lines
    Reply addLines(const Caller &caller, const Id &countId, const QByteArray &body);
    // POST /api/v1/warehouse/counts/{id}/submit
    Reply submit(const Caller &caller, const Id &countId);
    // GET /api/v1/warehouse/counts/{id}/variance
    Reply variance(const Caller &caller, const Id &countId);
    // POST /api/v1/warehouse/counts/{id}/approve and /reject
    Reply decide(const Caller &caller, const Id &countId, bool approve);

    struct MovementQuery
    {
        Id warehouseId;
        Id productId;
        int limit = 100;
        qint64 before = 0; // movement id; 0: the newest
    };
    // GET /api/v1/warehouse/movements, newest first.
    Reply movements(const Caller &caller, const MovementQuery &query);

private:
    // A change to one session, in one transaction: the session locked (404 outside the caller's
    // warehouse), a repeat of a terminal's request answered from the request log, otherwise
    // `change` run; when it changed something (false: a repeated step, answered with the session
    // as it is) the session as it then stands goes to the feed and into the answer, which is
    // stored for repeats of the request.
    using SessionChange = std::function<bool(QSqlDatabase &tx, CountRepository &counts,
                                             const CountSession &session, qint64 nowMs, FeedBatch &feed)>;
    Reply changeSession(const Caller &caller, const Id &countId, const warehouseinput::TerminalWrite *request,
                        const SessionChange &change);
    void published(const QStringList &audiences);

    Services &m_services;
    Published m_published;
};

} // namespace portico::server
