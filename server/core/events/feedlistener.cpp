#include "events/feedlistener.h"

#include "events/feednotifier.h"
#include "log/structuredlog.h"
#include "storage/database.h"
#include "storage/feednotification.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

namespace portico::server {

FeedListener::FeedListener(Database &database, FeedNotifier &notifier,
                           std::chrono::milliseconds checkInterval)
    : m_database(database)
    , m_notifier(notifier)
    , m_checkInterval(checkInterval)
{ }

FeedListener::~FeedListener()
{
    stop();
}

bool FeedListener::start(std::chrono::milliseconds timeout)
{
    if (m_thread)
        return isListening();
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("portico-listen"));
    m_thread->start();
    if (m_firstAttempt.tryAcquire(1, static_cast<int>(timeout.count())))
        m_firstAttempt.release();
    return isListening();
}

void FeedListener::stop()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_listening = false;
}

void FeedListener::run()
{
    QEventLoop loop;
    QTimer check;
    QSqlDatabase db;
    bool firstAttempt = true;

    const auto drop = [&] {
        if (db.isValid() && db.driver())
            QObject::disconnect(db.driver(), nullptr, &loop, nullptr);
        db = QSqlDatabase();
        m_database.releaseThreadConnection();
        m_listening = false;
    };
    const auto listen = [&] {
        try {
            db = m_database.connection();
            QSqlDriver *driver = db.driver();
            QObject::connect(
                driver, &QSqlDriver::notification, &loop,
                [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                    if (name == FeedNotification::channel())
                        m_notifier.notified(FeedNotification::audiences(payload.toString()));
                });
            if (!driver->subscribeToNotification(FeedNotification::channel()))
                throw StorageError(QStringLiteral("LISTEN failed: ") + driver->lastError().text());
            m_listening = true;
            StructuredLog::info(QStringLiteral("listening for feed notifications"),
                                {{QStringLiteral("channel"), FeedNotification::channel()}});
            m_notifier.notified({FeedNotification::everyone()});
        } catch (const std::exception &e) {
            StructuredLog::warning(QStringLiteral("feed notifications unavailable, retrying"),
                                   {{QStringLiteral("error"), QString::fromUtf8(e.what())}});
            drop();
        }
        if (firstAttempt) {
            firstAttempt = false;
            m_firstAttempt.release();
        }
    };

    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (m_listening) {
            QSqlQuery probe(db);
            if (probe.exec(QStringLiteral("SELECT 1")))
                return;
            StructuredLog::warning(QStringLiteral("feed notification connection lost, reconnecting"),
                                   {{QStringLiteral("error"), probe.lastError().text()}});
            probe = QSqlQuery();
            drop();
        }
        listen();
    });
    listen();
    check.start(m_checkInterval);
    loop.exec();
    check.stop();
    if (m_listening && db.driver())
        db.driver()->unsubscribeFromNotification(FeedNotification::channel());
    drop();
}

} // namespace portico::server
