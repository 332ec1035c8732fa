#pragma once

#include "domain/ids.h"
#include "exchange/commercemlrecords.h"
#include "exchange/importcounts.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace portico::server {

class FeedBatch;
class OrderChangesImport;

// Writes what the CommerceML reader finds into the catalog and customer repositories, inside
// the caller's write transaction, with every change in the feed so desktops get it on their
// next pull. Rows are matched by the accounting system's id (external_id); a new one gets a
// Portico id. Fields a file leaves out keep their stored values, so changes-only packages
// and split files (import, offers, prices, rests) each update their part.
//
// Products are written in batches and the feed is appended every few thousand changes, so
// memory stays flat in the file's size. Anything that cannot be imported throws ImportError.
class CatalogImport final : public CommerceMLSink
{
public:
    struct Context
    {
        QSqlDatabase tx;
        QString sessionId; // products imported are marked with it (for `deactivate`)
        QHash<QString, QString> images; // exchange-folder path -> blob hash
        qint64 now = 0;
        Id userId; // who the stock movements of backorders filled by the import name
    };

    CatalogImport(Context context, ImportCounts &counts, FeedBatch &feed, OrderChangesImport *orders);
    ~CatalogImport() override;

    // Writes what is still batched and appends the feed; call before the commit.
    void finish();
    // The feed audiences written so far, for the notifier after the commit.
    QStringList audiences() const;

    void package(bool changesOnly) override;
    void group(const CmlGroup &group) override;
    void property(const CmlProperty &property) override;
    void product(const CmlProduct &product) override;
    void priceType(const CmlPriceType &priceType) override;
    void warehouse(const CmlWarehouse &warehouse) override;
    void offer(const CmlOffer &offer) override;
    void counterparty(const CmlCounterparty &counterparty) override;
    void document(const CmlDocument &document) override;

    // Sets every active product from the accounting system that this session did not import
    // inactive (the `deactivate` step after a full catalog).
    int deactivateOthers();

private:
    std::optional<Id> groupFor(const QString &externalId);
    const PriceType &priceTypeFor(const QString &externalId);
    Id warehouseFor(const QString &externalId);
    Id defaultWarehouse();
    const Property *propertyFor(const QString &externalId);
    Currency currencyFrom(const QString &text, const QString &what) const;
    // The stored product (or a new one) with what the file says of it.
    Product merged(const CmlProduct &cml, std::optional<Product> stored, const Id &id);
    void flushProducts();
    void flushOffers();
    // Portico's ids of a batch's products by their accounting-system ids; ids not stored are
    // left out.
    QHash<QString, Id> productIds(const QStringList &externalIds);
    void flushFeed(bool force);

    Context m_context;
    ImportCounts &m_counts;
    FeedBatch &m_feed;
    OrderChangesImport *m_orders;
    QList<CmlProduct> m_pendingProducts; // merged with their stored rows a batch at a time
    QList<CmlOffer> m_pendingOffers; // their products' ids are looked up a batch at a time
    qsizetype m_pendingOfferRows = 0; // prices and stock levels of m_pendingOffers
    QHash<QString, Id> m_groups;
    QHash<QString, PriceType> m_priceTypes;
    QHash<QString, Id> m_warehouses;
    QHash<QString, Property> m_properties;
    std::optional<Id> m_defaultWarehouse;
    QSet<QString> m_audiences;
};

} // namespace portico::server
