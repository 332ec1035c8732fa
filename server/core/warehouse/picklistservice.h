#pragma once

#include "domain/ids.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <stdexcept>

namespace portico::server {

struct Caller;
struct Services;
class FeedBatch;
class PickListRepository;
struct PickList;

namespace warehouseinput {
struct TerminalWrite;
}

// A refusal that comes with the pick list as it stands, so that the terminal shows the fresh
// view at once: 409 {"error": {"code": "over_pick" | "stock_conflict" | "pick_list_closed",
// "message": ..., "field": ...}, "pick_list": {...}}.
class PickConflict final : public std::runtime_error
{
public:
    PickConflict(QString code, QString message, QString field, QJsonObject pickList);

    QByteArray body() const;

private:
    QString m_code;
    QString m_message;
    QString m_field;
    QJsonObject m_pickList;
};

// Pick lists from accepted orders, scans, confirmation, packing and shipment, for the staff
// of the list's warehouse and managers. Every change reaches the warehouse's terminals through
// the feed (entity pick_list, audience warehouse:<id>), moves the orders along their lifecycle
// and journals its stock movements.
class PickListService final
{
public:
    using Published = std::function<void(const QStringList &audiences)>;
    PickListService(Services &services, Published published);

    struct Reply
    {
        int status = 200;
        QByteArray json;
    };

    // POST /api/v1/warehouse/pick-lists
    Reply create(const Caller &caller, const QByteArray &body);
    // POST /api/v1/warehouse/pick-lists/{id}/scans
    Reply scan(const Caller &caller, const Id &listId, const QByteArray &body);
    // POST /api/v1/warehouse/pick-lists/{id}/confirm
    Reply confirm(const Caller &caller, const Id &listId, const QByteArray &body);
    // POST /api/v1/warehouse/pick-lists/{id}/packages
    Reply pack(const Caller &caller, const Id &listId, const QByteArray &body);
    // POST /api/v1/warehouse/pick-lists/{id}/ship
    Reply ship(const Caller &caller, const Id &listId, const QByteArray &body);
    // PUT /api/v1/warehouse/bins
    Reply putBin(const Caller &caller, const QByteArray &body);

private:
    // A terminal's write to one list, in one transaction: the list locked (404 outside the
    // caller's warehouse), a repeat of the request answered from the request log, otherwise
    // `change` run; the list as it then stands goes to the feed and, beside what `change`
    // returns, into the answer that is stored for repeats.
    using ListChange = std::function<QJsonObject(QSqlDatabase &tx, PickListRepository &lists,
                                                 const PickList &list, qint64 nowMs, FeedBatch &feed)>;
    Reply changeList(const Caller &caller, const Id &listId, const warehouseinput::TerminalWrite &request,
                     const ListChange &change);
    void published(const QStringList &audiences);

    Services &m_services;
    Published m_published;
};

// Whether the caller works in (or manages) the warehouse: managers and admins everywhere,
// warehouse staff in their own; every other role never.
bool worksIn(const Caller &caller, const Id &warehouseId);

} // namespace portico::server
