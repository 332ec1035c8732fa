#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace portico::client {

// What the cache stores beside a product's data: its folded search columns
// (SearchText::productColumns), the sort key of its name and its barcodes as a compact JSON array.
// The page parser works them out on its pool thread, so that the cache thread does not.
struct PreparedProduct
{
    QString searchName;
    QString searchSku;
    QString searchBarcodes;
    QString searchProperties;
    QString sortKey;
    QByteArray barcodes;
};

// A product's PreparedProduct; nothing, with *error, when its barcodes are not an array of texts.
std::optional<PreparedProduct> prepareProduct(const QJsonObject &product, QString *error);

// One row of GET /api/v1/sync (docs/api/openapi.yaml, Change): the latest version of a row the
// caller may see, or its tombstone.
struct SyncChange
{
    qint64 seq = 0;
    QString
        entity; // group, property, product, price_type, price, warehouse, stock, customer, order, document
    QString id; // "<product>/<price type>" for prices, "<product>/<warehouse>" for stock
    bool deleted = false;
    // The data object; empty for a tombstone, and left empty by parseSyncPage for prices, stock
    // levels and bin locations, which the cache reads from dataJson.
    QJsonObject data;
    // The data object's JSON text as the page carried it (parseSyncPage fills it), for the cache
    // to store as it is; empty when unknown (the cache then serialises `data`).
    QByteArray dataJson;
    // For a product, from parseSyncPage; null when it left the work to the cache.
    std::shared_ptr<const PreparedProduct> product;
};

// One page of the pull (SyncPage in the API description).
struct SyncPage
{
    QString epoch;
    qint64 cursor = 0; // where the next pull starts
    qint64 head = 0;
    bool hasMore = false;
    bool resync = false; // drop the cached server data (never the outbox) and pull from 0
    QList<SyncChange> changes;
    qint64 bytes = 0; // size of the body as received (for progress and benchmarks)
};

// Strict parse of a SyncPage body; nullopt with *error set ("$.changes[3].seq: expected an
// integer") on anything malformed.
std::optional<SyncPage> parseSyncPage(const QByteArray &body, QString *error = nullptr);

// Parses the pages of one pull: its buffers, sized by the largest page so far, are reused from
// page to page and freed with it. Not for two threads at once.
class SyncPageParser final
{
public:
    SyncPageParser();
    ~SyncPageParser();
    SyncPageParser(const SyncPageParser &) = delete;
    SyncPageParser &operator=(const SyncPageParser &) = delete;

    // As parseSyncPage.
    std::optional<SyncPage> parse(const QByteArray &body, QString *error = nullptr);

private:
    struct Buffers;
    std::unique_ptr<Buffers> m_buffers;
};

} // namespace portico::client
