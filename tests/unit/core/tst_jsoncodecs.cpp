#include "protocol/codecs.h"

#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace portico;
using namespace portico::protocol;

using Check = std::function<void()>;
Q_DECLARE_METATYPE(Check)

namespace {

Currency currency(const char16_t *code)
{
    return Currency::fromCode(QStringView(code)).value();
}

Money rub(qint64 minor)
{
    return Money::fromMinor(minor, Currency::rub());
}

Quantity qty(qint64 milli)
{
    return Quantity::fromMilli(milli);
}

QDateTime utc(int year, int month, int day, int hour, int minute, int second, int msec = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, msec), Qt::UTC);
}

Id fixedId()
{
    return QUuid::fromString(QStringLiteral("0B7E6D3C-59A1-4F7E-9C1E-2F4A8D5B6C7E"));
}

QByteArray compact(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

// value -> JSON object -> text -> JSON object -> value, and the result encodes the same.
template<typename T, typename... Context>
void checkRoundTrip(const T &value, const Context &...context)
{
    const QJsonObject json = toJson(value);
    const QByteArray text = compact(json);
    const QJsonDocument reparsed = QJsonDocument::fromJson(text);
    QVERIFY(reparsed.isObject());
    const DecodeResult<T> decoded = fromJson<T>(reparsed.object(), context...);
    QVERIFY2(decoded.ok(),
             qPrintable(decoded.ok() ? QString()
                                     : decoded.error().path + QLatin1String(": ") + decoded.error().message
                                + QLatin1String(" in ") + QString::fromUtf8(text)));
    QCOMPARE(compact(toJson(decoded.value())), text);
    QVERIFY(decoded.value() == value);
}

// A default-constructed row with only its id set.
template<typename T>
T withId()
{
    T row;
    row.id = QUuid::createUuid();
    return row;
}

ProductGroup fullGroup()
{
    ProductGroup group;
    group.id = QUuid::createUuid();
    group.externalId = QStringLiteral("bd72d8f8-5c8a-11e2-b0b2-0015e9b8c48d");
    group.parentId = QUuid::createUuid();
    group.name = QStringLiteral(u"Крепёж");
    group.sortOrder = -3;
    return group;
}

PropertyValue fullPropertyValue(const QString &text)
{
    return PropertyValue {QUuid::createUuid(), QStringLiteral("c1#") + text, text};
}

Property fullProperty()
{
    Property property;
    property.id = QUuid::createUuid();
    property.externalId = QStringLiteral("prop-7");
    property.name = QStringLiteral(u"Цвет");
    property.type = PropertyType::Reference;
    property.values
        = {fullPropertyValue(QStringLiteral(u"Красный")), fullPropertyValue(QStringLiteral(u"Синий"))};
    return property;
}

Product fullProduct()
{
    Product product;
    product.id = QUuid::createUuid();
    product.externalId = QStringLiteral("f3a1c2d4-0000-11ee-8000-000000000001#a7");
    product.sku = QStringLiteral(u"БМ-8х40");
    product.barcodes = {QStringLiteral("4600000000017"), QStringLiteral("46000017")};
    product.name = QStringLiteral(u"Болт М8×40 оцинкованный");
    product.description = QStringLiteral("Line one\nLine two \"quoted\" \\ backslash");
    product.groupId = QUuid::createUuid();
    product.unit = Unit::piece();
    product.vatRate = VatRate::Ten;
    product.weightKg = qty(1250);
    product.volumeM3 = qty(4);
    product.properties
        = {ProductPropertyValue {QUuid::createUuid(), QUuid::createUuid(), QStringLiteral(u"Красный")},
           ProductPropertyValue {QUuid::createUuid(), Id(), QStringLiteral("12.5")}};
    product.imageRef
        = QStringLiteral("sha256-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    product.active = false;
    return product;
}

Price fullPrice()
{
    const Currency usd = currency(u"USD");
    return Price {QUuid::createUuid(),
                  QUuid::createUuid(),
                  Money::fromMinor(123456, usd),
                  {VolumeTier {qty(10000), Money::fromMinor(120000, usd)},
                   VolumeTier {qty(100500), Money::fromMinor(99, usd)}}};
}

Customer fullCustomer()
{
    Customer customer;
    customer.id = QUuid::createUuid();
    customer.externalId = QStringLiteral("cp-0001");
    customer.name = QStringLiteral(u"Ромашка");
    customer.legalName = QStringLiteral(u"ООО «Ромашка»");
    customer.inn = QStringLiteral("7701234567");
    customer.kpp = QStringLiteral("770101001");
    customer.addresses
        = {Address {AddressKind::Legal, QStringLiteral(u"Москва, ул. Ленина, 1"), QStringLiteral("101000")},
           Address {AddressKind::Actual, QStringLiteral(u"Москва, ул. Мира, 5"), QString()},
           Address {AddressKind::Delivery, QStringLiteral(u"Тула, склад 3"), QStringLiteral("300000")}};
    customer.contacts = {Contact {QStringLiteral(u"Иванов И. И."), QStringLiteral("+7 495 000-00-00"),
                                  QStringLiteral("ivanov@example.ru")}};
    customer.priceTypeId = QUuid::createUuid();
    customer.discount = 750;
    customer.creditLimit = rub(50000000);
    customer.creditLimitSet = true;
    customer.paymentTermsDays = 30;
    customer.assignedRepId = QUuid::createUuid();
    customer.blocked = true;
    return customer;
}

Document fullDocument()
{
    Document document;
    document.id = QUuid::createUuid();
    document.externalId = QStringLiteral("doc-17");
    document.kind = DocumentKind::ReconciliationStatement;
    document.number = QStringLiteral(u"АС-000017");
    document.date = QDate(2026, 11, 30);
    document.amount = Money::fromMinor(-12345, currency(u"KWD"));
    document.customerId = QUuid::createUuid();
    document.orderId = QUuid::createUuid();
    document.fileRef = QStringLiteral("sha256-00ff");
    document.fileName = QStringLiteral(u"Акт сверки.pdf");
    return document;
}

OrderLine fullLine(int lineNo)
{
    OrderLine line;
    line.lineNo = lineNo;
    line.productId = QUuid::createUuid();
    line.quantity = qty(12500);
    line.unitPrice = rub(10000);
    line.discount = 500;
    line.vatRate = VatRate::Twenty;
    line.amount = rub(118750);
    line.vatAmount = rub(19792);
    line.total = rub(118750);
    return line;
}

OrderTotals fullTotals()
{
    return OrderTotals {rub(101958), rub(19792), rub(121750), rub(6250)};
}

StatusChange fullChange()
{
    return StatusChange {OrderStatus::Submitted, OrderStatus::AcceptedWithChanges,
                         utc(2026, 11, 29, 9, 0, 1, 7), QUuid::createUuid(),
                         QStringLiteral(u"Цена изменилась")};
}

Order fullOrder()
{
    Order order;
    order.id = QUuid::createUuid();
    order.number = QStringLiteral(u"ЗК-000123");
    order.clientNumber = QStringLiteral("R1-000042");
    order.externalId = QStringLiteral("1c-order-123");
    order.customerId = QUuid::createUuid();
    order.createdBy = QUuid::createUuid();
    order.priceTypeId = QUuid::createUuid();
    order.warehouseId = QUuid::createUuid();
    order.currency = Currency::rub();
    order.status = OrderStatus::AcceptedWithChanges;
    order.createdAt = utc(2026, 11, 29, 8, 30, 0, 250);
    // Moscow time: written and read back as the same instant in UTC.
    order.pricesAsOf = QDateTime(QDate(2026, 11, 29), QTime(11, 0), Qt::OffsetFromUTC, 3 * 3600);
    order.deliveryDate = QDate(2026, 12, 3);
    order.comment = QStringLiteral(u"Позвонить за час до доставки");
    order.lines = {fullLine(1), fullLine(2)};
    order.totals = fullTotals();
    order.history = {StatusChange {OrderStatus::Draft, OrderStatus::Submitted, utc(2026, 11, 29, 8, 31, 0),
                                   order.createdBy, QString()},
                     fullChange()};
    return order;
}

// `names` are the wire names in the enum's declaration order, separated by spaces.
template<typename E, typename ToString, typename FromString>
void checkWireNames(const char *names, ToString toString, FromString fromString)
{
    const QStringList expected = QString::fromLatin1(names).split(QLatin1Char(' '));
    for (int i = 0; i < expected.size(); ++i) {
        const auto value = static_cast<E>(i);
        QCOMPARE(toString(value), expected.at(i));
        QVERIFY(fromString(expected.at(i)) == std::optional(value));
        QVERIFY(!fromString(expected.at(i).toUpper()) || expected.at(i).front().isDigit());
        QVERIFY(!fromString(QString(QLatin1Char(' ') + expected.at(i))));
    }
    QVERIFY(!fromString(QString()));
}

} // namespace

class TestJsonCodecs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void idsAreLowerCaseWithoutBraces();
    void nullIdsAreNull();
    void moneyShape();
    void customerWithoutCreditLimit();
    void timestamps();
    void orderWireShape();
    void unknownKeysAreIgnored();
    void listsKeepElementPaths();
    void enumWireNames();
    void vatBasisPoints();
};

void TestJsonCodecs::roundTrip_data()
{
    QTest::addColumn<Check>("check");

    const auto row = [](const char *name, Check check) {
        QTest::newRow(name) << std::move(check);
    };

    row("product group/full", [] { checkRoundTrip(fullGroup()); });
    row("product group/minimal", [] {
        checkRoundTrip(ProductGroup {QUuid::createUuid(), {}, {}, QStringLiteral("Bolts"), 0});
    });
    row("property value/full", [] { checkRoundTrip(fullPropertyValue(QStringLiteral(u"Зелёный"))); });
    row("property value/minimal", [] { checkRoundTrip(PropertyValue {QUuid::createUuid(), {}, {}}); });
    row("property/full", [] { checkRoundTrip(fullProperty()); });
    row("property/minimal", [] { checkRoundTrip(withId<Property>()); });
    row("property/number", [] {
        Property property = fullProperty();
        property.type = PropertyType::Number;
        property.values.clear();
        checkRoundTrip(property);
    });
    row("product property value/full", [] {
        checkRoundTrip(
            ProductPropertyValue {QUuid::createUuid(), QUuid::createUuid(), QStringLiteral("Red")});
    });
    row("product property value/minimal", [] {
        checkRoundTrip(ProductPropertyValue {QUuid::createUuid(), {}, {}});
    });
    row("unit/full", [] { checkRoundTrip(Unit::piece()); });
    row("unit/minimal", [] { checkRoundTrip(Unit {}); });
    row("product/full", [] { checkRoundTrip(fullProduct()); });
    row("product/minimal", [] {
        Product product;
        product.id = QUuid::createUuid();
        product.name = QStringLiteral("Bolt");
        checkRoundTrip(product);
    });
    row("price type/full", [] {
        checkRoundTrip(PriceType {QUuid::createUuid(), QStringLiteral("pt-1"), QStringLiteral(u"Оптовая"),
                                  currency(u"EUR"), false});
    });
    row("price type/minimal", [] { checkRoundTrip(withId<PriceType>()); });
    row("volume tier/full", [] {
        checkRoundTrip(VolumeTier {qty(999999), rub(123456789)}, Currency::rub());
    });
    row("volume tier/minimal", [] { checkRoundTrip(VolumeTier {}, Currency::rub()); });
    row("price/full", [] { checkRoundTrip(fullPrice()); });
    row("price/minimal", [] { checkRoundTrip(Price {QUuid::createUuid(), QUuid::createUuid(), {}, {}}); });
    row("price/no minor unit", [] {
        const Currency jpy = currency(u"JPY");
        checkRoundTrip(Price {QUuid::createUuid(),
                              QUuid::createUuid(),
                              Money::fromMinor(1500, jpy),
                              {VolumeTier {qty(5000), Money::fromMinor(1400, jpy)}}});
    });
    row("warehouse/full", [] {
        checkRoundTrip(Warehouse {QUuid::createUuid(), QStringLiteral("wh-1"),
                                  QStringLiteral(u"Основной склад"),
                                  QStringLiteral(u"Тула, ул. Складская, 3")});
    });
    row("warehouse/minimal", [] { checkRoundTrip(Warehouse {QUuid::createUuid(), {}, {}, {}}); });
    row("stock level/full", [] {
        checkRoundTrip(StockLevel {QUuid::createUuid(), QUuid::createUuid(), qty(-2500), qty(1000),
                                   utc(2026, 11, 29, 23, 59, 59, 999)});
    });
    row("stock level/minimal", [] {
        checkRoundTrip(
            StockLevel {QUuid::createUuid(), QUuid::createUuid(), {}, {}, utc(2026, 1, 1, 0, 0, 0)});
    });
    row("address/full", [] {
        checkRoundTrip(Address {AddressKind::Legal, QStringLiteral(u"Москва"), QStringLiteral("101000")});
    });
    row("address/minimal", [] { checkRoundTrip(Address {}); });
    row("contact/full", [] {
        checkRoundTrip(
            Contact {QStringLiteral("Ann"), QStringLiteral("+7 900 000-00-00"), QStringLiteral("a@b.ru")});
    });
    row("contact/minimal", [] { checkRoundTrip(Contact {}); });
    row("customer/full", [] { checkRoundTrip(fullCustomer()); });
    row("customer/minimal", [] { checkRoundTrip(withId<Customer>()); });
    row("customer/zero credit limit", [] {
        Customer customer = fullCustomer();
        customer.creditLimit = rub(0);
        checkRoundTrip(customer);
    });
    row("customer balance/full", [] {
        checkRoundTrip(CustomerBalance {QUuid::createUuid(), Money::fromMinor(-5000, currency(u"USD")),
                                        Money::fromMinor(1, currency(u"USD"))});
    });
    row("customer balance/minimal", [] { checkRoundTrip(CustomerBalance {QUuid::createUuid(), {}, {}}); });
    row("user/full", [] {
        checkRoundTrip(User {QUuid::createUuid(), QStringLiteral("warehouse1"),
                             QStringLiteral(u"Пётр Кладовщиков"), Role::Warehouse, QUuid::createUuid(),
                             QUuid::createUuid(), false});
    });
    row("user/minimal", [] { checkRoundTrip(withId<User>()); });
    row("document/full", [] { checkRoundTrip(fullDocument()); });
    row("document/minimal", [] {
        Document document;
        document.id = QUuid::createUuid();
        document.customerId = QUuid::createUuid();
        document.date = QDate(2026, 1, 31);
        checkRoundTrip(document);
    });
    row("order line/full", [] { checkRoundTrip(fullLine(7), Currency::rub()); });
    row("order line/minimal", [] {
        OrderLine line;
        line.lineNo = 1;
        line.productId = QUuid::createUuid();
        line.quantity = qty(1);
        checkRoundTrip(line, Currency::rub());
    });
    row("order totals/full", [] { checkRoundTrip(fullTotals(), Currency::rub()); });
    row("order totals/minimal", [] { checkRoundTrip(OrderTotals {}, Currency::rub()); });
    row("status change/full", [] { checkRoundTrip(fullChange()); });
    row("status change/minimal", [] {
        StatusChange change;
        change.at = utc(2026, 11, 29, 8, 0, 0);
        checkRoundTrip(change);
    });
    row("order/full", [] { checkRoundTrip(fullOrder()); });
    row("order/minimal", [] {
        Order order;
        order.id = QUuid::createUuid();
        order.customerId = QUuid::createUuid();
        order.createdAt = utc(2026, 11, 29, 8, 30, 0);
        checkRoundTrip(order);
    });
    row("order/every status", [] {
        Order order = fullOrder();
        for (int status = static_cast<int>(OrderStatus::Draft);
             status <= static_cast<int>(OrderStatus::Cancelled); ++status) {
            order.status = static_cast<OrderStatus>(status);
            checkRoundTrip(order);
            if (QTest::currentTestFailed())
                return;
        }
    });
}

void TestJsonCodecs::roundTrip()
{
    QFETCH(Check, check);
    check();
}

void TestJsonCodecs::idsAreLowerCaseWithoutBraces()
{
    ProductGroup group = fullGroup();
    group.id = fixedId();
    const QJsonObject json = toJson(group);
    QCOMPARE(json.value(u"id").toString(), QStringLiteral("0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e"));
    QCOMPARE(toJsonValue(fixedId()), QJsonValue(QStringLiteral("0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e")));
}

void TestJsonCodecs::nullIdsAreNull()
{
    ProductGroup group = fullGroup();
    group.parentId = Id();
    const QJsonObject json = toJson(group);
    QVERIFY(json.contains(u"parent_id"));
    QVERIFY(json.value(u"parent_id").isNull());

    QJsonObject omitted = json;
    omitted.remove(u"parent_id");
    const DecodeResult<ProductGroup> decoded = fromJson<ProductGroup>(omitted);
    QVERIFY(decoded.ok());
    QVERIFY(decoded.value().parentId.isNull());
}

void TestJsonCodecs::moneyShape()
{
    const QJsonObject price = toJson(fullPrice());
    QCOMPARE(price.value(u"currency").toString(), QStringLiteral("USD"));
    QCOMPARE(price.value(u"unit_price"), QJsonValue(QStringLiteral("1234.56")));
    QCOMPARE(price.value(u"tiers").toArray().at(0).toObject().value(u"min_quantity"),
             QJsonValue(QStringLiteral("10")));
    QCOMPARE(price.value(u"tiers").toArray().at(1).toObject().value(u"unit_price"),
             QJsonValue(QStringLiteral("0.99")));
    QCOMPARE(price.value(u"tiers").toArray().at(1).toObject().value(u"min_quantity"),
             QJsonValue(QStringLiteral("100.5")));
    QVERIFY(!price.value(u"tiers").toArray().at(0).toObject().contains(u"currency"));

    const QJsonObject document = toJson(fullDocument());
    QCOMPARE(document.value(u"currency").toString(), QStringLiteral("KWD"));
    QCOMPARE(document.value(u"amount").toString(), QStringLiteral("-12.345"));

    // A money-less default object is written in rubles.
    const QJsonObject balance = toJson(CustomerBalance {QUuid::createUuid(), {}, {}});
    QCOMPARE(balance.value(u"currency").toString(), QStringLiteral("RUB"));
    QCOMPARE(balance.value(u"balance").toString(), QStringLiteral("0.00"));

    const QJsonObject customer = toJson(fullCustomer());
    QCOMPARE(customer.value(u"credit_limit").toString(), QStringLiteral("500000.00"));
    QCOMPARE(customer.value(u"currency").toString(), QStringLiteral("RUB"));
    QCOMPARE(customer.value(u"discount_bp").toInt(), 750);
}

void TestJsonCodecs::customerWithoutCreditLimit()
{
    Customer customer = fullCustomer();
    customer.creditLimitSet = false;
    customer.creditLimit = Money();
    const QJsonObject json = toJson(customer);
    QVERIFY(json.value(u"credit_limit").isNull());
    QVERIFY(!json.contains(u"currency"));
    const DecodeResult<Customer> decoded = fromJson<Customer>(json);
    QVERIFY(decoded.ok());
    QVERIFY(!decoded.value().creditLimitSet);
    QVERIFY(decoded.value().creditLimit.isZero());
}

void TestJsonCodecs::timestamps()
{
    QCOMPARE(toJsonValue(utc(2026, 11, 29, 8, 30, 0)), QJsonValue(QStringLiteral("2026-11-29T08:30:00Z")));
    QCOMPARE(toJsonValue(utc(2026, 11, 29, 8, 30, 0, 5)),
             QJsonValue(QStringLiteral("2026-11-29T08:30:00.005Z")));
    const QDateTime moscow(QDate(2026, 11, 29), QTime(11, 30), Qt::OffsetFromUTC, 3 * 3600);
    QCOMPARE(toJsonValue(moscow), QJsonValue(QStringLiteral("2026-11-29T08:30:00Z")));
    QVERIFY(toJsonValue(QDateTime()).isNull());
    QCOMPARE(toJsonValue(QDate(2026, 2, 1)), QJsonValue(QStringLiteral("2026-02-01")));
    QVERIFY(toJsonValue(QDate()).isNull());
}

void TestJsonCodecs::orderWireShape()
{
    Order order = fullOrder();
    order.priceTypeId = Id();
    const QJsonObject json = toJson(order);
    QCOMPARE(json.value(u"currency").toString(), QStringLiteral("RUB"));
    QCOMPARE(json.value(u"status").toString(), QStringLiteral("accepted_with_changes"));
    QCOMPARE(json.value(u"created_at").toString(), QStringLiteral("2026-11-29T08:30:00.250Z"));
    QCOMPARE(json.value(u"prices_as_of").toString(), QStringLiteral("2026-11-29T08:00:00Z"));
    QCOMPARE(json.value(u"delivery_date").toString(), QStringLiteral("2026-12-03"));
    QVERIFY(json.value(u"price_type_id").isNull());
    QCOMPARE(json.value(u"id").toString(), order.id.toString(QUuid::WithoutBraces));

    const QJsonObject line = json.value(u"lines").toArray().at(0).toObject();
    QCOMPARE(line.value(u"line_no"), QJsonValue(1));
    QCOMPARE(line.value(u"quantity"), QJsonValue(QStringLiteral("12.5")));
    QCOMPARE(line.value(u"unit_price"), QJsonValue(QStringLiteral("100.00")));
    QCOMPARE(line.value(u"vat_rate"), QJsonValue(QStringLiteral("20")));
    QCOMPARE(line.value(u"discount_bp"), QJsonValue(500));
    QVERIFY(!line.contains(u"currency"));

    const QJsonObject totals = json.value(u"totals").toObject();
    QCOMPARE(totals.value(u"total"), QJsonValue(QStringLiteral("1217.50")));

    const QJsonObject change = json.value(u"history").toArray().at(1).toObject();
    QCOMPARE(change.value(u"from"), QJsonValue(QStringLiteral("submitted")));
    QCOMPARE(change.value(u"to"), QJsonValue(QStringLiteral("accepted_with_changes")));
    QCOMPARE(change.value(u"at"), QJsonValue(QStringLiteral("2026-11-29T09:00:01.007Z")));

    const QStringList expectedKeys {
        QStringLiteral("client_number"), QStringLiteral("comment"),
        QStringLiteral("created_at"),    QStringLiteral("created_by"),
        QStringLiteral("currency"),      QStringLiteral("customer_id"),
        QStringLiteral("delivery_date"), QStringLiteral("external_id"),
        QStringLiteral("history"),       QStringLiteral("id"),
        QStringLiteral("lines"),         QStringLiteral("number"),
        QStringLiteral("price_type_id"), QStringLiteral("prices_as_of"),
        QStringLiteral("status"),        QStringLiteral("totals"),
        QStringLiteral("warehouse_id"),
    };
    QCOMPARE(json.keys(), expectedKeys);
}

void TestJsonCodecs::unknownKeysAreIgnored()
{
    const Product product = fullProduct();
    QJsonObject json = toJson(product);
    json.insert(u"added_in_v2", QJsonObject {{QStringLiteral("anything"), QJsonArray {1, 2}}});
    json.insert(u"Name", 17);
    QJsonObject unit = json.value(u"unit").toObject();
    unit.insert(u"precision", 3);
    json.insert(u"unit", unit);
    const DecodeResult<Product> decoded = fromJson<Product>(json);
    QVERIFY(decoded.ok());
    QVERIFY(decoded.value() == product);
}

void TestJsonCodecs::listsKeepElementPaths()
{
    const QList<Product> products {fullProduct(), fullProduct(), fullProduct()};
    QJsonObject page {{QStringLiteral("products"), toJsonArray(products)}};

    {
        JsonReader reader(page);
        QList<Product> decoded;
        readList(reader, u"products", decoded, Presence::Required);
        QVERIFY(reader.ok());
        QCOMPARE(decoded.size(), 3);
        QVERIFY(decoded == products);
    }

    QJsonArray array = page.value(u"products").toArray();
    QJsonObject broken = array.at(2).toObject();
    QJsonArray properties = broken.value(u"properties").toArray();
    QJsonObject property = properties.at(1).toObject();
    property.insert(u"property_id", QStringLiteral("{0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e}"));
    properties.replace(1, property);
    broken.insert(u"properties", properties);
    array.replace(2, broken);
    page.insert(u"products", array);

    JsonReader reader(page);
    QList<Product> decoded;
    readList(reader, u"products", decoded, Presence::Required);
    QVERIFY(!reader.ok());
    QCOMPARE(reader.error()->path, QStringLiteral("$.products[2].properties[1].property_id"));
    QCOMPARE(reader.error()->reason, Reason::Malformed);
}

void TestJsonCodecs::enumWireNames()
{
    checkWireNames<OrderStatus>(
        "draft submitted accepted accepted_with_changes needs_approval rejected exported "
        "in_production picking picked shipped delivered completed cancelled",
        orderStatusToString, orderStatusFromString);
    checkWireNames<Role>("admin manager sales_rep warehouse buyer exchange", roleToString, roleFromString);
    checkWireNames<DocumentKind>("invoice waybill act payment reconciliation_statement contract other",
                                 documentKindToString, documentKindFromString);
    checkWireNames<VatRate>("none 0 5 7 10 20 22", vatRateToString, vatRateFromString);
    checkWireNames<PropertyType>("string number reference", propertyTypeToString, propertyTypeFromString);
    checkWireNames<AddressKind>("legal actual delivery", addressKindToString, addressKindFromString);
    QVERIFY(!vatRateFromString(u"18"));
    QVERIFY(!vatRateFromString(u"20%"));
}

void TestJsonCodecs::vatBasisPoints()
{
    QCOMPARE(portico::vatBasisPoints(VatRate::None), 0);
    QCOMPARE(portico::vatBasisPoints(VatRate::Zero), 0);
    QCOMPARE(portico::vatBasisPoints(VatRate::Five), 500);
    QCOMPARE(portico::vatBasisPoints(VatRate::Seven), 700);
    QCOMPARE(portico::vatBasisPoints(VatRate::Ten), 1000);
    QCOMPARE(portico::vatBasisPoints(VatRate::Twenty), 2000);
    QCOMPARE(portico::vatBasisPoints(VatRate::TwentyTwo), 2200);
}

QTEST_APPLESS_MAIN(TestJsonCodecs)

#include "tst_jsoncodecs.moc"
