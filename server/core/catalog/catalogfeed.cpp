#include "catalog/catalogfeed.h"

#include "catalog/catalogrepository.h"
#include "catalog/feedjson.h"
#include "storage/sqlvalues.h"

namespace portico::server {

namespace {

// The pull reads thousands of rows in a row that mostly share their currency and time: the
// last of each is kept, per thread (pulls run on several workers).
Currency currencyOf(QByteArrayView code)
{
    thread_local QByteArray lastCode;
    thread_local Currency last = Currency::rub();
    if (code != QByteArrayView(lastCode)) {
        last = Currency::fromCode(QString::fromLatin1(code)).value_or(Currency::rub());
        lastCode = code.toByteArray();
    }
    return last;
}

const QByteArray &timeJson(qint64 msecs)
{
    thread_local qint64 lastMsecs = 0;
    thread_local QByteArray last;
    if (last.isEmpty() || msecs != lastMsecs) {
        last.clear();
        FeedJson::appendTime(last, utcFromMsecs(msecs));
        lastMsecs = msecs;
    }
    return last;
}

// The volume tiers of a price as stored (catalog/catalogrepository.cpp, tiersJson): a compact
// array of [minimum quantity in thousandths, unit price in minor units] pairs, read here without
// a JSON document for each of the pull's rows; anything else goes through the repository's
// reader.
QList<VolumeTier> storedTiers(QByteArrayView json, Currency currency)
{
    QList<VolumeTier> tiers;
    qsizetype at = 0;
    const auto take = [&](char c) {
        if (at < json.size() && json.at(at) == c) {
            ++at;
            return true;
        }
        return false;
    };
    const auto number = [&](qint64 &value) {
        const qsizetype start = at;
        if (at < json.size() && json.at(at) == '-')
            ++at;
        while (at < json.size() && json.at(at) >= '0' && json.at(at) <= '9')
            ++at;
        bool ok = false;
        value = json.sliced(start, at - start).toLongLong(&ok);
        return ok;
    };
    bool ok = take('[');
    for (bool first = true; ok && !take(']'); first = false) {
        qint64 quantity = 0;
        qint64 price = 0;
        ok = (first || take(',')) && take('[') && number(quantity) && take(',') && number(price) && take(']');
        if (ok)
            tiers.append({Quantity::fromMilli(quantity), Money::fromMinor(price, currency)});
    }
    if (!ok || at != json.size())
        return tiersFrom(QVariant(QString::fromUtf8(json)), currency);
    return tiers;
}

RowTable makePrices()
{
    return RowTable {
        .entity = entity::Price,
        .table = QStringLiteral("prices"),
        .firstKey = QStringLiteral("product_id"),
        .secondKey = QStringLiteral("price_type_id"),
        .audiencePrefix = Audience::priceType(QString()),
        .columns
        = QStringLiteral("unit_price_minor, tiers_json, "
                         "(SELECT currency FROM price_types WHERE price_types.id = prices.price_type_id)"),
        .payload =
            [](const PulledRow &row) {
                const Currency currency = currencyOf(row.text(5));
                return FeedJson::priceRow(row.text(0), row.text(1),
                                          Money::fromMinor(row.integer(3), currency),
                                          storedTiers(row.text(4), currency));
            },
    };
}

RowTable makeStock()
{
    return RowTable {
        .entity = entity::Stock,
        .table = QStringLiteral("stock"),
        .firstKey = QStringLiteral("product_id"),
        .secondKey = QStringLiteral("warehouse_id"),
        .audiencePrefix = {}, // everyone
        .columns = QStringLiteral("on_hand_milli, reserved_milli, as_of"),
        .payload =
            [](const PulledRow &row) {
                return FeedJson::stockRow(row.text(0), row.text(1), Quantity::fromMilli(row.integer(3)),
                                          Quantity::fromMilli(row.integer(4)), timeJson(row.integer(5)));
            },
    };
}

} // namespace

const RowTable &CatalogFeed::prices()
{
    return ChangeFeed::rowTables().at(0);
}

const RowTable &CatalogFeed::stock()
{
    return ChangeFeed::rowTables().at(1);
}

const QList<RowTable> &ChangeFeed::rowTables()
{
    static const QList<RowTable> tables {makePrices(), makeStock()};
    return tables;
}

} // namespace portico::server
