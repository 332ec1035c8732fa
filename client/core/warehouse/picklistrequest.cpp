#include "warehouse/picklistrequest.h"

#include "cache/cachedatabase.h"
#include "net/apiclient.h"
#include "sync/session.h"
#include "warehouse/warehousefeed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace portico::client {

PickListRequest::PickListRequest(CacheDatabase &cache, QNetworkAccessManager &network, Session &session,
                                 QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_network(network)
    , m_session(session)
{ }

PickListRequest::~PickListRequest() = default;

void PickListRequest::start(const QString &warehouseId)
{
    if (isRunning())
        return;
    send(warehouseId, QUuid::createUuid().toString(QUuid::WithoutBraces), false);
}

void PickListRequest::send(const QString &warehouseId, const QString &clientId, bool refreshed)
{
    m_session.withAccessToken(this, [this, warehouseId, clientId, refreshed](const ApiError &tokenError) {
        if (!tokenError.ok()) {
            Q_EMIT finished(0, tokenError);
            return;
        }
        QJsonObject body;
        body.insert(QStringLiteral("warehouse_id"), warehouseId);
        body.insert(QStringLiteral("client_id"), clientId);
        auto *job = new JsonPostJob(m_network, m_session.server(), m_session.accessToken(),
                                    QStringLiteral("/api/v1/warehouse/pick-lists"),
                                    QJsonDocument(body).toJson(QJsonDocument::Compact), this);
        m_job = job;
        connect(job, &ApiJob::finished, this, [this, warehouseId, clientId, refreshed](ApiJob *done) {
            m_job = nullptr;
            const ApiError error = done->error();
            if (error.kind == ApiError::Kind::Http && error.httpStatus == 401 && !refreshed) {
                m_session.invalidateAccessToken();
                send(warehouseId, clientId, true);
                return;
            }
            if (!error.ok()) {
                Q_EMIT finished(0, error);
                return;
            }
            const QJsonArray lists
                = static_cast<JsonPostJob *>(done)->result().value(QLatin1StringView("pick_lists")).toArray();
            m_cache.submitThen(
                [lists](QSqlDatabase &db) {
                    CacheTransaction transaction(db);
                    for (const QJsonValue &list : lists)
                        WarehouseFeed::storePickList(db, list.toObject());
                    transaction.commit();
                },
                this,
                [this, count = int(lists.size())](QFuture<void> future) {
                    ApiError stored;
                    try {
                        future.waitForFinished();
                    } catch (const std::exception &e) {
                        stored.kind = ApiError::Kind::Protocol;
                        stored.message = QString::fromStdString(e.what());
                    }
                    Q_EMIT finished(count, stored);
                });
        });
        job->start();
    });
}

} // namespace portico::client
