#include "demo/democatalog.h"

#include "catalog/catalogrepository.h"
#include "storage/database.h"
#include "sync/feedbatch.h"

#include <QDateTime>

#include <numeric>

namespace portico::server {

namespace {

enum PropertyIndex { Material, Color, Size, Brand, Country, Warranty, PropertyCount };

constexpr int FirstSku = 10001;

Unit unitOf(DemoUnit unit)
{
    switch (unit) {
    case DemoUnit::Piece:
        return Unit::piece();
    case DemoUnit::Kilogram:
        return {QStringLiteral("166"), QStringLiteral(u"кг")};
    case DemoUnit::Metre:
        return {QStringLiteral("006"), QStringLiteral(u"м")};
    case DemoUnit::Pack:
        return {QStringLiteral("778"), QStringLiteral(u"упак")};
    }
    return Unit::piece();
}

bool colorsPerVariant(const DemoLeaf &leaf)
{
    return leaf.colors.size() == leaf.variants.size();
}

bool colorsAsRange(const DemoLeaf &leaf)
{
    return leaf.colors.size() > 1 && !colorsPerVariant(leaf);
}

qint64 combinationsOf(const DemoLeaf &leaf, std::size_t brands)
{
    const std::size_t colors = colorsAsRange(leaf) ? leaf.colors.size() : 1;
    return static_cast<qint64>(leaf.variants.size() * leaf.sizes.size() * brands * colors);
}

// A step through [0, n) that visits every index once and keeps neighbours apart.
qint64 strideFor(qint64 n)
{
    qint64 stride = n * 5 / 8 + 1;
    while (std::gcd(stride, n) != 1)
        ++stride;
    return stride;
}

// Rounds a retail price the way price lists show it: to 10 roubles above 1000, to roubles
// above 100, to 10 kopecks below.
qint64 roundRetail(qint64 kopecks)
{
    const qint64 step = kopecks >= 100000 ? 1000 : kopecks >= 10000 ? 100 : 10;
    return std::max<qint64>(step, (kopecks + step / 2) / step * step);
}

// The net price of a VAT-included amount, rounded half up.
qint64 withoutVat(qint64 gross, VatRate rate)
{
    const qint64 bp = vatBasisPoints(rate);
    return (gross * FullPercent + (FullPercent + bp) / 2) / (FullPercent + bp);
}

QString ean13(const QString &twelveDigits)
{
    int sum = 0;
    for (qsizetype i = 0; i < 12; ++i)
        sum += (twelveDigits.at(i).unicode() - u'0') * (i % 2 == 0 ? 1 : 3);
    return twelveDigits + QString::number((10 - sum % 10) % 10);
}

// The lowest tier quantities for a unit of sale, with their prices in percent of the base.
struct TierStep
{
    qint64 minUnits;
    int percent;
};

std::vector<TierStep> tierStepsFor(DemoUnit unit)
{
    switch (unit) {
    case DemoUnit::Metre:
        return {{100, 96}, {500, 92}};
    case DemoUnit::Kilogram:
        return {{25, 96}, {100, 93}};
    case DemoUnit::Piece:
    case DemoUnit::Pack:
        break;
    }
    return {{10, 97}, {50, 95}, {100, 92}};
}

QString joined(std::initializer_list<QStringView> parts)
{
    QString text;
    for (const QStringView part : parts) {
        if (part.isEmpty())
            continue;
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        text += part;
    }
    return text;
}

} // namespace

DemoCatalog::DemoCatalog(const DemoSeed &seed, qint64 nowMs)
    : m_seed(seed)
    , m_nowMs(nowMs)
    , m_random(seed.random(1))
{
    buildGroups();
    buildProperties();
    buildPriceTypesAndWarehouses();
}

void DemoCatalog::buildGroups()
{
    const auto &categories = demoCatalogTemplates();
    const std::size_t brands = categories.front().brands.size();
    int n = 0;
    auto group = [&](const Id &parent, QStringView name, int sortOrder) {
        ProductGroup g {m_seed.id(u"group", n), m_seed.externalId(u"group", n), parent, name.toString(),
                        sortOrder};
        ++n;
        m_groups.append(g);
        return g.id;
    };
    for (std::size_t c = 0; c < categories.size(); ++c) {
        const DemoCategory &category = categories[c];
        const Id top = group({}, category.name, static_cast<int>(c + 1) * 100);
        for (std::size_t s = 0; s < category.subcategories.size(); ++s) {
            const DemoSubcategory &sub = category.subcategories[s];
            const Id middle = group(top, sub.name, static_cast<int>(s + 1) * 10);
            for (std::size_t l = 0; l < sub.leaves.size(); ++l) {
                const DemoLeaf &leaf = sub.leaves[l];
                const Id id = group(middle, leaf.name, static_cast<int>(l + 1));
                m_leaves.push_back({&category, &leaf, static_cast<int>(c), id, combinationsOf(leaf, brands)});
            }
        }
    }
    m_skuCounters.assign(categories.size(), FirstSku - 1);
}

void DemoCatalog::buildProperties()
{
    static const std::array<QStringView, PropertyCount> names {
        u"Материал", u"Цвет", u"Размер", u"Бренд", u"Страна происхождения", u"Гарантия, мес"};
    std::array<QStringList, PropertyCount> values;
    auto add = [&values](int property, QStringView value) {
        const QString text = value.toString();
        if (!values[static_cast<std::size_t>(property)].contains(text))
            values[static_cast<std::size_t>(property)].append(text);
    };
    for (const DemoCategory &category : demoCatalogTemplates()) {
        for (const QStringView brand : category.brands)
            add(Brand, brand);
        for (const DemoSubcategory &sub : category.subcategories) {
            for (const DemoLeaf &leaf : sub.leaves) {
                for (const QStringView material : leaf.materials)
                    add(Material, material);
                for (const QStringView color : leaf.colors)
                    add(Color, color);
            }
        }
    }
    for (const QStringView country : demoCountries())
        add(Country, country);

    m_valueIds.resize(PropertyCount);
    int valueNumber = 0;
    for (int p = 0; p < PropertyCount; ++p) {
        Property property;
        property.id = m_seed.id(u"property", p);
        property.externalId = m_seed.externalId(u"property", p);
        property.name = names[static_cast<std::size_t>(p)].toString();
        property.type = p == Size ? PropertyType::String
            : p == Warranty       ? PropertyType::Number
                                  : PropertyType::Reference;
        for (const QString &value : values[static_cast<std::size_t>(p)]) {
            PropertyValue v {m_seed.id(u"property-value", valueNumber),
                             m_seed.externalId(u"property-value", valueNumber), value};
            ++valueNumber;
            property.values.append(v);
            m_valueIds[static_cast<std::size_t>(p)].insert(value, v.id);
        }
        m_properties.append(property);
    }
}

void DemoCatalog::buildPriceTypesAndWarehouses()
{
    const std::array<std::pair<QStringView, bool>, 3> priceTypes {
        {{u"Розничная", true}, {u"Оптовая", true}, {u"Дилерская", false}}};
    for (int i = 0; i < 3; ++i) {
        const auto &[name, vatIncluded] = priceTypes[static_cast<std::size_t>(i)];
        m_priceTypes.append({m_seed.id(u"price-type", i), m_seed.externalId(u"price-type", i),
                             name.toString(), Currency::rub(), vatIncluded});
    }
    m_warehouses.append({m_seed.id(u"warehouse", Moscow), m_seed.externalId(u"warehouse", Moscow),
                         QStringLiteral(u"Склад Москва"),
                         QStringLiteral(u"109316, г. Москва, Волгоградский пр-т, д. 42, корп. 5")});
    m_warehouses.append({m_seed.id(u"warehouse", SaintPetersburg),
                         m_seed.externalId(u"warehouse", SaintPetersburg),
                         QStringLiteral(u"Склад Санкт-Петербург"),
                         QStringLiteral(u"192102, г. Санкт-Петербург, ул. Самойловой, д. 5, лит. В")});
}

void DemoCatalog::write(Database &database, int productCount, DemoDataSet::Summary &summary)
{
    qint64 total = 0;
    for (const Leaf &leaf : m_leaves)
        total += leaf.combinations;
    // Each leaf gets products in proportion to its range, so that no name repeats before the
    // whole range is used; the rounding remainder goes to the first leaves.
    std::vector<qint64> counts(m_leaves.size());
    qint64 assigned = 0;
    for (std::size_t i = 0; i < m_leaves.size(); ++i) {
        counts[i] = productCount * m_leaves[i].combinations / total;
        assigned += counts[i];
    }
    for (std::size_t i = 0; assigned < productCount; i = (i + 1) % m_leaves.size(), ++assigned)
        ++counts[i];

    m_products.reserve(static_cast<std::size_t>(productCount));
    Chunk chunk;
    bool first = true;
    for (std::size_t i = 0; i < m_leaves.size(); ++i) {
        for (qint64 n = 0; n < counts[i]; ++n) {
            addProduct(m_leaves[i], n, chunk);
            if (chunk.products.size() >= ChunkSize) {
                flush(database, chunk, first, summary);
                first = false;
            }
        }
    }
    if (first || !chunk.products.isEmpty())
        flush(database, chunk, first, summary);
}

void DemoCatalog::addProduct(const Leaf &ref, qint64 localIndex, Chunk &chunk)
{
    const DemoLeaf &leaf = *ref.leaf;
    const DemoCategory &category = *ref.category;
    const qint64 combinations = ref.combinations;
    qint64 k = (localIndex % combinations * strideFor(combinations) + 7) % combinations;
    const qint64 round = localIndex / combinations;
    const auto brandIndex = static_cast<std::size_t>(k % static_cast<qint64>(category.brands.size()));
    k /= static_cast<qint64>(category.brands.size());
    const auto sizeIndex = static_cast<std::size_t>(k % static_cast<qint64>(leaf.sizes.size()));
    k /= static_cast<qint64>(leaf.sizes.size());
    const auto variantIndex = static_cast<std::size_t>(k % static_cast<qint64>(leaf.variants.size()));
    k /= static_cast<qint64>(leaf.variants.size());

    const QStringView brand = category.brands[brandIndex];
    const DemoSize &size = leaf.sizes[sizeIndex];
    const QStringView variant = leaf.variants[variantIndex];
    QStringView color;
    if (colorsPerVariant(leaf))
        color = leaf.colors[variantIndex];
    else if (colorsAsRange(leaf))
        color = leaf.colors[static_cast<std::size_t>(k)];
    else if (!leaf.colors.empty())
        color = leaf.colors.front();
    QStringView material;
    if (leaf.materials.size() == leaf.variants.size())
        material = leaf.materials[variantIndex];
    else if (!leaf.materials.empty())
        material = m_random.pick(leaf.materials);
    const std::size_t countryIndex = brandIndex < 5
        ? 0
        : 1 + (static_cast<std::size_t>(ref.categoryIndex) + brandIndex) % (demoCountries().size() - 1);
    const QStringView country = demoCountries()[countryIndex];

    const auto index = static_cast<qint64>(m_products.size());
    DemoProduct demo;
    demo.id = m_seed.id(u"product", index);
    demo.unit = leaf.unit;
    const int vatRoll = m_random.between(0, 999);
    demo.vatRate = vatRoll < 20 ? VatRate::None : vatRoll < 80 ? VatRate::Ten : VatRate::Twenty;
    demo.active = !m_random.chancePerMille(8);

    Product p;
    p.id = demo.id;
    p.externalId = m_seed.externalId(u"product", index);
    const int sku = ++m_skuCounters[static_cast<std::size_t>(ref.categoryIndex)];
    p.sku = category.skuPrefix.toString() + QLatin1Char('-') + QString::number(sku);
    p.barcodes = barcodesFor(index);
    const QString model = joined({leaf.base, variant, size.text});
    p.name = joined({leaf.base, variant, brand, size.text});
    if (colorsAsRange(leaf))
        p.name += QStringLiteral(u", цвет ") + color.toString().toLower();
    if (round > 0)
        p.name += QStringLiteral(u" (исп. ") + QString::number(round + 1) + QLatin1Char(')');
    p.description = model + QStringLiteral(u". Назначение: ") + leaf.purpose.toString() + QLatin1Char('.');
    if (!material.isEmpty())
        p.description += QStringLiteral(u" Материал: ") + material.toString().toLower() + QLatin1Char('.');
    p.description += QStringLiteral(u" Производитель: ") + brand.toString() + QStringLiteral(" (")
        + country.toString() + QStringLiteral(").");
    if (leaf.warrantyMonths > 0)
        p.description += QStringLiteral(u" Гарантия ") + QString::number(leaf.warrantyMonths)
            + QStringLiteral(u" мес.");
    if (leaf.unit == DemoUnit::Kilogram)
        p.description += QStringLiteral(u" Отпускается на вес, цена за 1 кг.");
    else if (leaf.unit == DemoUnit::Metre)
        p.description += QStringLiteral(u" Отпускается в нарезку, цена за 1 м.");
    p.groupId = ref.groupId;
    p.unit = unitOf(leaf.unit);
    p.vatRate = demo.vatRate;
    const qint64 grams
        = leaf.unit == DemoUnit::Kilogram ? 1000 : size.grams * m_random.between(97, 103) / 100;
    p.weightKg = Quantity::fromMilli(std::max<qint64>(1, grams));
    p.volumeM3 = Quantity::fromMilli(grams * leaf.litresPerTonne / 1000000);
    if (!material.isEmpty())
        p.properties.append(referenceValue(Material, material));
    if (!color.isEmpty())
        p.properties.append(referenceValue(Color, color));
    p.properties.append({m_properties.at(Size).id, {}, size.text.toString()});
    p.properties.append(referenceValue(Brand, brand));
    p.properties.append(referenceValue(Country, country));
    if (leaf.warrantyMonths > 0)
        p.properties.append({m_properties.at(Warranty).id, {}, QString::number(leaf.warrantyMonths)});
    p.active = demo.active;

    addPrices(leaf, size, static_cast<int>(brandIndex), ref.categoryIndex, demo, chunk);
    addStock(demo, chunk);
    chunk.products.append(std::move(p));
    m_products.push_back(std::move(demo));
}

void DemoCatalog::addPrices(const DemoLeaf &leaf, const DemoSize &size, int brandIndex, int categoryIndex,
                            DemoProduct &product, Chunk &chunk)
{
    const qint64 brandPercent = 85 + (brandIndex * 37 + categoryIndex * 11) % 41;
    const qint64 retail = roundRetail(leaf.basePrice * size.pricePercent * brandPercent
                                      * m_random.between(qint64 {95}, qint64 {105}) / 1000000);
    const qint64 wholesale = retail * m_random.between(qint64 {84}, qint64 {90}) / 100;
    const qint64 dealer
        = withoutVat(retail * m_random.between(qint64 {72}, qint64 {78}) / 100, product.vatRate);
    const std::array<qint64, 3> base {retail, wholesale, dealer};
    const bool tiered = m_random.chance(25);
    const Currency rub = Currency::rub();
    for (int t = 0; t < 3; ++t) {
        Price &price = product.prices[static_cast<std::size_t>(t)];
        price.productId = product.id;
        price.priceTypeId = m_priceTypes.at(t).id;
        price.unitPrice = Money::fromMinor(base[static_cast<std::size_t>(t)], rub);
        if (tiered && t != Retail) {
            for (const TierStep &step : tierStepsFor(leaf.unit)) {
                price.tiers.append(
                    {Quantity::fromInt(step.minUnits),
                     Money::fromMinor(base[static_cast<std::size_t>(t)] * step.percent / 100, rub)});
            }
        }
        chunk.prices.append(price);
    }
}

void DemoCatalog::addStock(const DemoProduct &product, Chunk &chunk)
{
    // Units of stock in thousandths: metres in half metres, kilograms in 100 g.
    const qint64 unit = Quantity::Scale;
    auto fraction = [this, &product]() -> qint64 {
        if (product.unit == DemoUnit::Metre)
            return m_random.chance(30) ? 500 : 0;
        if (product.unit == DemoUnit::Kilogram)
            return m_random.between(qint64 {0}, qint64 {9}) * 100;
        return 0;
    };
    const qint64 bulk = product.unit == DemoUnit::Metre ? 8 : product.unit == DemoUnit::Kilogram ? 3 : 1;
    for (int w = 0; w < 2; ++w) {
        const bool moscow = w == Moscow;
        qint64 onHand = 0;
        if (m_random.chance(moscow ? 10 : 25)) {
            onHand = 0;
        } else if (m_random.chance(15)) {
            onHand = m_random.between(qint64 {1}, qint64 {5}) * unit;
        } else {
            const qint64 units = m_random.between(qint64 {10}, moscow ? qint64 {800} : qint64 {300});
            onHand = units * bulk * unit + fraction();
        }
        qint64 reserved = 0;
        if (onHand >= unit && m_random.chance(20))
            reserved = m_random.between(qint64 {1}, std::max<qint64>(1, onHand / unit / 4)) * unit;
        const qint64 asOf = (m_nowMs - m_random.between(qint64 {0}, qint64 {180}) * 60000) / 1000 * 1000;
        chunk.stock.append({product.id, m_warehouses.at(w).id, Quantity::fromMilli(onHand),
                            Quantity::fromMilli(reserved), QDateTime::fromMSecsSinceEpoch(asOf, Qt::UTC)});
    }
}

QStringList DemoCatalog::barcodesFor(qint64 index)
{
    // Distinct products get distinct numbers: index -> index * 7919 + offset is one-to-one
    // modulo 10^10 (7919 is coprime to 10), and each barcode kind has its own prefix.
    constexpr qint64 Modulus = 10000000000;
    const qint64 offset = static_cast<qint64>(m_seed.value() % static_cast<quint64>(Modulus));
    const QString serial
        = QString::number((index % Modulus * 7919 + offset) % Modulus).rightJustified(10, QLatin1Char('0'));
    QStringList codes {ean13(QStringLiteral("46") + serial)};
    if (m_random.chance(15))
        codes.append(ean13(QStringLiteral("48") + serial));
    if (m_random.chance(4))
        codes.append(ean13(QStringLiteral("29") + serial));
    return codes;
}

ProductPropertyValue DemoCatalog::referenceValue(int property, QStringView value) const
{
    const QString text = value.toString();
    return {m_properties.at(property).id, m_valueIds[static_cast<std::size_t>(property)].value(text), text};
}

void DemoCatalog::flush(Database &database, Chunk &chunk, bool first, DemoDataSet::Summary &summary)
{
    database.write([&](QSqlDatabase &tx) {
        CatalogRepository catalog(tx);
        FeedBatch feed;
        if (first) {
            catalog.upsertPriceTypes(m_priceTypes, feed);
            catalog.upsertWarehouses(m_warehouses, feed);
            catalog.upsertGroups(m_groups, feed);
            catalog.upsertProperties(m_properties, feed);
        }
        catalog.upsertProducts(chunk.products, feed);
        catalog.upsertPrices(chunk.prices, feed);
        catalog.upsertStock(chunk.stock, feed);
        feed.append(tx);
        summary.feedChanges += feed.size();
    });
    if (first) {
        summary.priceTypes = static_cast<int>(m_priceTypes.size());
        summary.warehouses = static_cast<int>(m_warehouses.size());
        summary.groups = static_cast<int>(m_groups.size());
        summary.properties = static_cast<int>(m_properties.size());
    }
    summary.products += static_cast<int>(chunk.products.size());
    for (const Product &product : std::as_const(chunk.products))
        summary.barcodes += static_cast<int>(product.barcodes.size());
    summary.prices += static_cast<int>(chunk.prices.size());
    summary.stockLevels += static_cast<int>(chunk.stock.size());
    chunk = Chunk {};
}

} // namespace portico::server
