#pragma once

// Shared fixture of the cart tests: a cache with two price types, two customers and a few
// products (one without a price, one no longer sold), filled through the sync page writer as
// the sync engine fills it.

#include "cache/cachedatabase.h"
#include "cache/catalogcache.h"
#include "cache/catalogqueries.h"
#include "protocol/codecs.h"

#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace portico::client::cartfixture {

inline QString idText(const Id &id)
{
    return id.toString(QUuid::WithoutBraces);
}

inline Money rub(qint64 minor)
{
    return Money::fromMinor(minor, Currency::rub());
}

// Holds the cache thread until opened (or destroyed), so the jobs queued meanwhile are still
// running when the test looks: a fast machine would otherwise finish a save before its caller
// has even attached the continuation.
class CacheGate final
{
public:
    explicit CacheGate(CacheDatabase &cache)
        : m_gate(std::make_shared<QSemaphore>())
    {
        auto gate = m_gate;
        cache.submit([gate](QSqlDatabase &) { gate->acquire(); });
    }
    ~CacheGate() { open(); }
    CacheGate(const CacheGate &) = delete;
    CacheGate &operator=(const CacheGate &) = delete;

    void open()
    {
        if (!m_open)
            m_gate->release();
        m_open = true;
    }

private:
    std::shared_ptr<QSemaphore> m_gate;
    bool m_open = false;
};

struct CartCatalog
{
    QTemporaryDir dir;
    std::unique_ptr<CacheDatabase> cache;
    PriceType wholesale {Id::createUuid(), {}, QStringLiteral("Оптовая"), Currency::rub(), true};
    PriceType retail {Id::createUuid(), {}, QStringLiteral("Розничная"), Currency::rub(), true};
    Customer romashka; // wholesale, 5 % discount
    Customer vasilek; // retail, no discount
    // BOLT-8 (barcode 4600000000018), NUT-10, ГАЙКА-5: priced; WASHER-12: no price;
    // OLD-1: no longer sold.
    QList<Product> products;
    QString error;

    const Product &bySku(const QString &sku) const
    {
        for (const Product &product : products) {
            if (product.sku == sku)
                return product;
        }
        qFatal("no product %s in the fixture", qPrintable(sku));
    }

    bool open()
    {
        if (!dir.isValid())
            return false;
        cache = std::make_unique<CacheDatabase>(dir.filePath(QStringLiteral("cache.sqlite")));
        if (!cache->open(&error))
            return false;

        romashka.id = Id::createUuid();
        romashka.name = QStringLiteral("Ромашка");
        romashka.legalName = QStringLiteral("ООО «Ромашка»");
        romashka.inn = QStringLiteral("7707083893");
        romashka.priceTypeId = wholesale.id;
        romashka.discount = 500;
        romashka.creditLimit = rub(100000'00);
        romashka.creditLimitSet = true;
        vasilek.id = Id::createUuid();
        vasilek.name = QStringLiteral("Василёк");
        vasilek.legalName = QStringLiteral("ИП Васильев");
        vasilek.inn = QStringLiteral("500100732259");
        vasilek.priceTypeId = retail.id;

        SyncPage page;
        page.epoch = QStringLiteral("e.1");
        qint64 seq = 0;
        auto change = [&](const QString &entity, const QString &key, const QJsonObject &data) {
            page.changes.append(SyncChange {++seq, entity, key, false, data, {}, {}});
        };
        change(QStringLiteral("price_type"), idText(wholesale.id), protocol::toJson(wholesale));
        change(QStringLiteral("price_type"), idText(retail.id), protocol::toJson(retail));
        change(QStringLiteral("customer"), idText(romashka.id), protocol::toJson(romashka));
        change(QStringLiteral("customer"), idText(vasilek.id), protocol::toJson(vasilek));
        struct Sample
        {
            QString sku;
            QString name;
            QString barcode;
            qint64 wholesale; // minor; 0: no price
            qint64 retail;
            bool active;
        };
        const QList<Sample> samples {
            {QStringLiteral("BOLT-8"), QStringLiteral("Болт М8"), QStringLiteral("4600000000018"), 100'00,
             150'00, true},
            {QStringLiteral("NUT-10"), QStringLiteral("Гайка М10"), {}, 200'00, 250'00, true},
            {QStringLiteral("ГАЙКА-5"), QStringLiteral("Гайка М5"), {}, 10'00, 12'00, true},
            {QStringLiteral("WASHER-12"), QStringLiteral("Шайба 12"), {}, 0, 0, true},
            {QStringLiteral("OLD-1"), QStringLiteral("Старый болт"), {}, 50'00, 60'00, false},
        };
        for (const Sample &sample : samples) {
            Product product;
            product.id = Id::createUuid();
            product.sku = sample.sku;
            product.name = sample.name;
            if (!sample.barcode.isEmpty())
                product.barcodes = {sample.barcode};
            product.unit = Unit {QStringLiteral("796"), QStringLiteral("шт")};
            product.vatRate = VatRate::Twenty;
            product.active = sample.active;
            products.append(product);
            change(QStringLiteral("product"), idText(product.id), protocol::toJson(product));
            const QList<std::pair<const PriceType *, qint64>> prices {{&wholesale, sample.wholesale},
                                                                      {&retail, sample.retail}};
            for (const auto &[type, minor] : prices) {
                if (minor == 0)
                    continue;
                const Price price {product.id, type->id, rub(minor), {}};
                change(QStringLiteral("price"), idText(product.id) + QLatin1Char('/') + idText(type->id),
                       protocol::toJson(price));
            }
        }
        page.cursor = seq;
        page.head = seq;
        cache->run([&](QSqlDatabase &db) {
            CatalogCache::applyPage(db, page, QDateTime::currentDateTimeUtc().addSecs(-600));
        });
        return true;
    }

    CustomerRow row(const Customer &customer)
    {
        const auto rows = cache->run([](QSqlDatabase &db) { return CatalogQueries::customers(db); });
        for (const CustomerRow &row : rows) {
            if (row.id == customer.id)
                return row;
        }
        qFatal("no customer row");
    }

    qint64 count(const QString &sql)
    {
        return cache->run([&](QSqlDatabase &db) {
            QSqlQuery query(db);
            if (!query.exec(sql) || !query.next())
                return qint64(-1);
            return query.value(0).toLongLong();
        });
    }
};

} // namespace portico::client::cartfixture
