#pragma once

#include "net/apierror.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace portico::client {

class ApiJob;
class CacheDatabase;
class Session;

// "New pick list" on the terminal: asks the server to make pick lists from the accepted orders
// of a warehouse (POST /api/v1/warehouse/pick-lists) and stores the lists it answers with, so
// they show at once without waiting for the next pull. This needs the server: offline it fails
// with the network error, and the terminal says so.
class PickListRequest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PickListRequest)

public:
    PickListRequest(CacheDatabase &cache, QNetworkAccessManager &network, Session &session,
                    QObject *parent = nullptr);
    ~PickListRequest() override;

    bool isRunning() const { return !m_job.isNull(); }
    void start(const QString &warehouseId);

Q_SIGNALS:
    // `created`: how many pick lists the server made (0 when no accepted order waits).
    void finished(int created, const portico::client::ApiError &error);

private:
    void send(const QString &warehouseId, const QString &clientId, bool refreshed);

    CacheDatabase &m_cache;
    QNetworkAccessManager &m_network;
    Session &m_session;
    QPointer<ApiJob> m_job;
};

} // namespace portico::client
