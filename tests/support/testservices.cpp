#include "testservices.h"

namespace portico::test {

TestServices::~TestServices() = default;

bool TestServices::create()
{
    if (!m_database.create())
        return false;
    auto &database = m_database.database();
    m_notifier = std::make_unique<server::FeedNotifier>(server::FeedNotifier::headReader(database));
    m_blobs = std::make_unique<server::BlobStore>(database, m_dataDir.path());
    m_services = std::make_unique<server::Services>(server::Services {
        database, m_dataDir.path(), [this] { return clock; }, {}, *m_notifier, m_metrics, *m_blobs});
    return true;
}

} // namespace portico::test
