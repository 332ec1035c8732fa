#pragma once

#include "blobs/blobstore.h"
#include "events/feednotifier.h"
#include "metrics/metrics.h"
#include "services.h"
#include "testdatabase.h"

#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace portico::test {

// Everything a handler or service needs, on a fresh database of the selected backend
// (TestDatabase), with a clock the test moves by hand.
//
//   TestServices env;
//   QVERIFY2(env.create(), qPrintable(env.errorString()));
//   OrderService orders(env.services(), ...);
class TestServices final
{
public:
    TestServices() = default;
    ~TestServices();
    TestServices(const TestServices &) = delete;
    TestServices &operator=(const TestServices &) = delete;

    [[nodiscard]] bool create();
    QString errorString() const { return m_database.errorString(); }

    server::Services &services() { return *m_services; }
    server::Database &database() { return m_database.database(); }
    TestDatabase &testDatabase() { return m_database; }
    server::FeedNotifier &notifier() { return *m_notifier; }
    server::BlobStore &blobs() { return *m_blobs; }
    // The data directory of services(): the blob files on SQLite.
    QString dataDir() const { return m_dataDir.path(); }

    qint64 clock = 1'780'000'000'000; // ms since the epoch; services().now() reads it

private:
    TestDatabase m_database;
    QTemporaryDir m_dataDir;
    std::unique_ptr<server::FeedNotifier> m_notifier;
    std::unique_ptr<server::BlobStore> m_blobs;
    server::Metrics m_metrics;
    std::unique_ptr<server::Services> m_services;
};

} // namespace portico::test
