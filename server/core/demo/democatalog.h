#pragma once

#include "demo/democatalogtemplates.h"
#include "demo/demodataset.h"
#include "demo/demoseed.h"
#include "domain/catalog.h"

#include <QHash>
#include <QList>

#include <array>
#include <vector>

namespace portico::server {

class Database;

// What the order history needs to know of a generated product.
struct DemoProduct
{
    Id id;
    VatRate vatRate = VatRate::Twenty;
    DemoUnit unit = DemoUnit::Piece;
    bool active = true;
    std::array<Price, 3> prices; // by DemoCatalog::Retail, Wholesale, Dealer
};

// The demo catalog: the group tree, properties, price types, warehouses, and products with
// their prices and stock, written in transactions of at most ChunkSize products.
class DemoCatalog final
{
public:
    static constexpr int Retail = 0; // "Розничная", VAT included
    static constexpr int Wholesale = 1; // "Оптовая", VAT included
    static constexpr int Dealer = 2; // "Дилерская", VAT excluded
    static constexpr int Moscow = 0;
    static constexpr int SaintPetersburg = 1;
    static constexpr int ChunkSize = 5000;

    DemoCatalog(const DemoSeed &seed, qint64 nowMs);

    void write(Database &database, int productCount, DemoDataSet::Summary &summary);

    const QList<PriceType> &priceTypes() const { return m_priceTypes; }
    const QList<Warehouse> &warehouses() const { return m_warehouses; }
    const std::vector<DemoProduct> &products() const { return m_products; }

private:
    struct Leaf
    {
        const DemoCategory *category = nullptr;
        const DemoLeaf *leaf = nullptr;
        int categoryIndex = 0;
        Id groupId;
        qint64 combinations = 0;
    };

    struct Chunk
    {
        QList<Product> products;
        QList<Price> prices;
        QList<StockLevel> stock;
    };

    void buildGroups();
    void buildProperties();
    void buildPriceTypesAndWarehouses();
    void addProduct(const Leaf &leaf, qint64 localIndex, Chunk &chunk);
    void addPrices(const DemoLeaf &leaf, const DemoSize &size, int brandIndex, int categoryIndex,
                   DemoProduct &product, Chunk &chunk);
    void addStock(const DemoProduct &product, Chunk &chunk);
    QStringList barcodesFor(qint64 index);
    ProductPropertyValue referenceValue(int property, QStringView value) const;
    void flush(Database &database, Chunk &chunk, bool first, DemoDataSet::Summary &summary);

    DemoSeed m_seed;
    qint64 m_nowMs;
    DemoRandom m_random;
    QList<ProductGroup> m_groups;
    QList<Property> m_properties;
    std::vector<QHash<QString, Id>> m_valueIds; // per property: value text -> value id
    QList<PriceType> m_priceTypes;
    QList<Warehouse> m_warehouses;
    std::vector<Leaf> m_leaves;
    std::vector<DemoProduct> m_products;
    std::vector<int> m_skuCounters; // per category: the last SKU number given
};

} // namespace portico::server
