#pragma once

#include "auth/accesstokencache.h"
#include "auth/authsettings.h"
#include "exchange/exchangesettings.h"
#include "orders/ordercustomercache.h"
#include "orders/ordertermscache.h"
#include "warehouse/reservationpolicy.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace portico::server {

class BlobStore;
class Database;
class FeedNotifier;
class Metrics;

// What handlers get to work with. Created once by the composition root (server/app) and
// passed by reference; no globals.
struct Services
{
    Database &database;
    QString dataDir; // the data directory (SQLite deployments keep the database and blob files here)
    // Milliseconds since the epoch, UTC; tests substitute a controllable clock.
    std::function<qint64()> now;
    // Token lifetimes, login rate limits and the password hashing cost.
    AuthSettings auth {};
    // Wakes connected clients when the feed has news: code that commits feed changes calls
    // notifier.published(audiences) after the commit (see events/feednotifier.h).
    FeedNotifier &notifier;
    // Request counters and gauges for /metrics; whether the server is draining for /readyz.
    Metrics &metrics;
    // Files by content hash (product images, documents, installers): files in dataDir with
    // SQLite, rows of the database with PostgreSQL (see blobs/blobstore.h).
    BlobStore &blobs;
    // Limits and encodings of the accounting exchange (/exchange/1c).
    ExchangeSettings exchange {};
    // The release root public key (32 raw bytes) that uploaded releases' key lists must be
    // signed with: the built-in one, or --release-root-key. Empty: uploads are refused.
    QByteArray releaseRootKey {};
    // What accepting an order does to stock it cannot have in full (warehouse/reservationpolicy.h).
    ReservationPolicy reservationPolicy = ReservationPolicy::Backorder;
    // What order pricing reads of the catalog, kept between orders (orders/ordertermscache.h).
    std::shared_ptr<OrderTermsCache> orderTerms = std::make_shared<OrderTermsCache>();
    // The customers order pricing reads, kept between orders (orders/ordercustomercache.h).
    std::shared_ptr<OrderCustomerCache> orderCustomers = std::make_shared<OrderCustomerCache>();
    // The callers behind access tokens, kept between requests on SQLite (auth/accesstokencache.h).
    std::shared_ptr<AccessTokenCache> accessTokens = std::make_shared<AccessTokenCache>();
};

} // namespace portico::server
