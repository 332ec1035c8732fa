#include "protocol/codecs.h"
#include "protocol/jsonreader.h"

#include <QJsonDocument>
#include <QTest>

using namespace portico;
using namespace portico::protocol;

Q_DECLARE_METATYPE(portico::protocol::Reason)

namespace {

// A valid order upload as a client sends it; the error rows patch one value in it.
const char kOrderJson[] = R"({
  "id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e",
  "number": "",
  "client_number": "R1-000042",
  "customer_id": "6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60",
  "created_by": "11111111-2222-4333-8444-555555555555",
  "price_type_id": null,
  "currency": "RUB",
  "status": "submitted",
  "created_at": "2026-11-29T08:30:00Z",
  "prices_as_of": "2026-11-29T08:00:00.250Z",
  "delivery_date": "2026-12-03",
  "comment": "Call before delivery",
  "lines": [
    {"line_no": 1, "product_id": "a1a1a1a1-b2b2-4c3c-8d4d-e5e5e5e5e5e5", "quantity": "12.5",
     "unit_price": "100.00", "discount_bp": 500, "vat_rate": "20",
     "amount": "1187.50", "vat_amount": "197.92", "total": "1187.50"},
    {"line_no": 2, "product_id": "b2b2b2b2-c3c3-4d4d-8e5e-f6f6f6f6f6f6", "quantity": "3",
     "unit_price": "10", "vat_rate": "none", "amount": "30.00", "vat_amount": "0.00", "total": "30.00"}
  ],
  "totals": {"net": "1019.58", "vat": "197.92", "total": "1217.50", "discount": "62.50"},
  "history": [
    {"from": "draft", "to": "submitted", "at": "2026-11-29T08:31:00Z", "reason": ""}
  ],
  "some_future_field": {"ignored": true}
})";

QJsonObject baseOrder()
{
    return QJsonDocument::fromJson(QByteArray(kOrderJson)).object();
}

// Replaces the value at a '/'-separated pointer ("lines/1/quantity"); an undefined
// replacement removes it.
QJsonValue patched(const QJsonValue &node, QStringList pointer, const QJsonValue &replacement)
{
    if (pointer.isEmpty())
        return replacement;
    const QString head = pointer.takeFirst();
    const bool remove = pointer.isEmpty() && replacement.isUndefined();
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const qsizetype index = head.toInt();
        if (remove)
            array.removeAt(index);
        else
            array.replace(index, patched(array.at(index), pointer, replacement));
        return array;
    }
    QJsonObject object = node.toObject();
    if (remove)
        object.remove(head);
    else
        object.insert(head, patched(object.value(head), pointer, replacement));
    return object;
}

QJsonValue undefined()
{
    return QJsonValue(QJsonValue::Undefined);
}

std::optional<DecodeError> decodeAs(const QString &type, const QJsonValue &value)
{
    const auto errorOf = [](const auto &result) -> std::optional<DecodeError> {
        if (result.ok())
            return std::nullopt;
        return result.error();
    };
    if (type == QLatin1String("product"))
        return errorOf(fromJson<Product>(value));
    if (type == QLatin1String("price"))
        return errorOf(fromJson<Price>(value));
    if (type == QLatin1String("customer"))
        return errorOf(fromJson<Customer>(value));
    if (type == QLatin1String("user"))
        return errorOf(fromJson<User>(value));
    if (type == QLatin1String("document"))
        return errorOf(fromJson<Document>(value));
    if (type == QLatin1String("stock"))
        return errorOf(fromJson<StockLevel>(value));
    if (type == QLatin1String("property"))
        return errorOf(fromJson<Property>(value));
    return DecodeError {QStringLiteral("?"), Reason::Malformed, QStringLiteral("unknown test type")};
}

} // namespace

class TestJsonReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void baseOrderDecodes();
    void orderErrors_data();
    void orderErrors();
    void dtoErrors_data();
    void dtoErrors();
    void acceptedForms_data();
    void acceptedForms();
    void firstErrorWins();
    void rootMustBeObject();
    void gettersAfterErrorReturnDefaults();
    void nestedReaderSharesError();
    void reasonWireNames();
};

void TestJsonReader::baseOrderDecodes()
{
    const DecodeResult<Order> result = fromJson<Order>(baseOrder());
    QVERIFY2(result.ok(),
             qPrintable(result.ok() ? QString()
                                    : result.error().path + QLatin1String(": ") + result.error().message));
    const Order &order = result.value();
    QCOMPARE(order.lines.size(), 2);
    QCOMPARE(order.lines.at(0).quantity, Quantity::fromMilli(12500));
    QCOMPARE(order.lines.at(1).unitPrice.minor(), 1000);
    QCOMPARE(order.lines.at(1).discount, 0);
    QCOMPARE(order.lines.at(1).vatRate, VatRate::None);
    QVERIFY(order.priceTypeId.isNull());
    QVERIFY(order.warehouseId.isNull());
    QCOMPARE(order.pricesAsOf.time().msec(), 250);
    QCOMPARE(order.pricesAsOf.timeSpec(), Qt::UTC);
    QCOMPARE(order.deliveryDate, QDate(2026, 12, 3));
    QCOMPARE(order.history.size(), 1);
    QCOMPARE(order.history.at(0).to, OrderStatus::Submitted);
}

void TestJsonReader::orderErrors_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QJsonValue>("replacement");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Reason>("reason");

    const auto row = [](const char *name, const char *pointer, const QJsonValue &replacement,
                        const char *path, Reason reason) {
        QTest::newRow(name) << QString::fromLatin1(pointer) << replacement << QString::fromLatin1(path)
                            << reason;
    };
    const auto text = [](const char *value) {
        return QJsonValue(QString::fromUtf8(value));
    };

    row("missing id", "id", undefined(), "$.id", Reason::Missing);
    row("null required id", "customer_id", QJsonValue::Null, "$.customer_id", Reason::Missing);
    row("id as number", "id", 42, "$.id", Reason::WrongType);
    row("comment as number", "comment", 42, "$.comment", Reason::WrongType);
    row("comment as array", "comment", QJsonArray(), "$.comment", Reason::WrongType);
    row("comment too long", "comment", QString(4001, QLatin1Char('x')), "$.comment", Reason::TooLong);
    row("uuid with braces", "id", text("{0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e}"), "$.id", Reason::Malformed);
    row("uuid garbage", "id", text("not-a-uuid"), "$.id", Reason::Malformed);
    row("uuid without dashes", "id", text("0b7e6d3c59a14f7e9c1e2f4a8d5b6c7e"), "$.id", Reason::Malformed);
    row("uuid non-hex", "id", text("0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7g"), "$.id", Reason::Malformed);
    row("uuid urn", "id", text("urn:uuid:0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e"), "$.id", Reason::Malformed);
    row("nil uuid for required id", "id", text("00000000-0000-0000-0000-000000000000"), "$.id",
        Reason::Malformed);
    row("unknown status", "status", text("teleported"), "$.status", Reason::UnknownEnum);
    row("status in wrong case", "status", text("Submitted"), "$.status", Reason::UnknownEnum);
    row("status as number", "status", 1, "$.status", Reason::WrongType);
    row("currency lower case", "currency", text("rub"), "$.currency", Reason::UnknownEnum);
    row("currency in Russian", "currency", text("руб"), "$.currency", Reason::UnknownEnum);
    row("missing currency", "currency", undefined(), "$.currency", Reason::Missing);
    row("created_at without Z", "created_at", text("2026-11-29T08:30:00"), "$.created_at", Reason::Malformed);
    row("created_at with offset", "created_at", text("2026-11-29T08:30:00+03:00"), "$.created_at",
        Reason::Malformed);
    row("created_at without seconds", "created_at", text("2026-11-29T08:30Z"), "$.created_at",
        Reason::Malformed);
    row("created_at February 30", "created_at", text("2026-02-30T08:30:00Z"), "$.created_at",
        Reason::Malformed);
    row("created_at hour 24", "created_at", text("2026-11-29T24:00:00Z"), "$.created_at", Reason::Malformed);
    row("created_at four fraction digits", "created_at", text("2026-11-29T08:30:00.1234Z"), "$.created_at",
        Reason::Malformed);
    row("created_at as epoch number", "created_at", 1795940000, "$.created_at", Reason::WrongType);
    row("delivery_date Russian format", "delivery_date", text("03.12.2026"), "$.delivery_date",
        Reason::Malformed);
    row("delivery_date with time", "delivery_date", text("2026-12-03T00:00:00Z"), "$.delivery_date",
        Reason::Malformed);
    row("lines missing", "lines", undefined(), "$.lines", Reason::Missing);
    row("lines not an array", "lines", QJsonObject(), "$.lines", Reason::WrongType);
    row("line not an object", "lines/1", text("x"), "$.lines[1]", Reason::WrongType);
    row("nested element path", "lines/1/product_id", undefined(), "$.lines[1].product_id", Reason::Missing);
    row("malformed uuid in line", "lines/1/product_id", text("b2b2"), "$.lines[1].product_id",
        Reason::Malformed);
    row("negative quantity", "lines/0/quantity", text("-1"), "$.lines[0].quantity", Reason::Negative);
    row("zero quantity", "lines/1/quantity", text("0"), "$.lines[1].quantity", Reason::OutOfRange);
    row("zero quantity with decimals", "lines/1/quantity", text("0.000"), "$.lines[1].quantity",
        Reason::OutOfRange);
    row("quantity as number", "lines/0/quantity", 12.5, "$.lines[0].quantity", Reason::WrongType);
    row("quantity with four decimals", "lines/0/quantity", text("1.2345"), "$.lines[0].quantity",
        Reason::Malformed);
    row("quantity with comma", "lines/0/quantity", text("1,5"), "$.lines[0].quantity", Reason::Malformed);
    row("quantity with spaces", "lines/0/quantity", text(" 1"), "$.lines[0].quantity", Reason::Malformed);
    row("quantity too large", "lines/0/quantity", text("99999999999999999999"), "$.lines[0].quantity",
        Reason::OutOfRange);
    row("money with too many decimals", "lines/0/unit_price", text("10.005"), "$.lines[0].unit_price",
        Reason::Malformed);
    row("money with comma", "lines/0/unit_price", text("10,50"), "$.lines[0].unit_price", Reason::Malformed);
    row("money with exponent", "lines/0/unit_price", text("1e3"), "$.lines[0].unit_price", Reason::Malformed);
    row("money with plus sign", "lines/0/unit_price", text("+10"), "$.lines[0].unit_price",
        Reason::Malformed);
    row("money empty", "lines/0/unit_price", text(""), "$.lines[0].unit_price", Reason::Malformed);
    row("money trailing dot", "lines/0/unit_price", text("10."), "$.lines[0].unit_price", Reason::Malformed);
    row("money as number", "lines/0/unit_price", 10.5, "$.lines[0].unit_price", Reason::WrongType);
    row("money too large", "lines/0/unit_price", text("999999999999999999999"), "$.lines[0].unit_price",
        Reason::OutOfRange);
    row("negative unit price", "lines/0/unit_price", text("-0.01"), "$.lines[0].unit_price",
        Reason::Negative);
    row("negative total", "totals/total", text("-1.00"), "$.totals.total", Reason::Negative);
    row("totals missing", "totals", undefined(), "$.totals", Reason::Missing);
    row("totals not an object", "totals", QJsonArray(), "$.totals", Reason::WrongType);
    row("totals field missing", "totals/vat", undefined(), "$.totals.vat", Reason::Missing);
    row("line_no zero", "lines/0/line_no", 0, "$.lines[0].line_no", Reason::OutOfRange);
    row("line_no above range", "lines/0/line_no", 100001, "$.lines[0].line_no", Reason::OutOfRange);
    row("line_no huge", "lines/0/line_no", 1e300, "$.lines[0].line_no", Reason::OutOfRange);
    row("line_no fractional", "lines/0/line_no", 1.5, "$.lines[0].line_no", Reason::WrongType);
    row("line_no as string", "lines/0/line_no", text("1"), "$.lines[0].line_no", Reason::WrongType);
    row("line_no as boolean", "lines/0/line_no", true, "$.lines[0].line_no", Reason::WrongType);
    row("discount above 100%", "lines/0/discount_bp", 10001, "$.lines[0].discount_bp", Reason::OutOfRange);
    row("negative discount", "lines/0/discount_bp", -5, "$.lines[0].discount_bp", Reason::Negative);
    row("vat rate as number", "lines/0/vat_rate", 20, "$.lines[0].vat_rate", Reason::WrongType);
    row("unknown vat rate", "lines/0/vat_rate", text("18"), "$.lines[0].vat_rate", Reason::UnknownEnum);
    row("history unknown status", "history/0/to", text("flying"), "$.history[0].to", Reason::UnknownEnum);
    row("history without time", "history/0/at", undefined(), "$.history[0].at", Reason::Missing);
}

void TestJsonReader::orderErrors()
{
    QFETCH(QString, pointer);
    QFETCH(QJsonValue, replacement);
    QFETCH(QString, path);
    QFETCH(Reason, reason);

    const QJsonValue input = patched(baseOrder(), pointer.split(QLatin1Char('/')), replacement);
    const DecodeResult<Order> result = fromJson<Order>(input);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().path, path);
    QCOMPARE(reasonToString(result.error().reason), reasonToString(reason));
    QVERIFY(!result.error().message.isEmpty());
}

void TestJsonReader::dtoErrors_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Reason>("reason");

    const auto row
        = [](const char *name, const char *type, const QByteArray &json, const char *path, Reason reason) {
              QTest::newRow(name) << QString::fromLatin1(type) << json << QString::fromLatin1(path) << reason;
          };
    // A valid product with `extra` members appended.
    const auto product = [](const QByteArray &extra) -> QByteArray {
        return QByteArray(
                   R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "name": "Bolt M8", "vat_rate": "20")")
            + extra + '}';
    };
    const QByteArray unit = R"(, "unit": {"okei_code": "796", "name": "pcs"})";

    row("product valid", "product", product(unit), "", Reason::Missing);
    row("product barcode not a string", "product",
        product(unit + R"(, "barcodes": ["4600000000001", 4600000000002])"), "$.barcodes[1]",
        Reason::WrongType);
    row("product barcode too long", "product",
        product(unit + R"(, "barcodes": [")" + QByteArray(65, '1') + R"("])"), "$.barcodes[0]",
        Reason::TooLong);
    row("product unit missing", "product", product(QByteArray()), "$.unit", Reason::Missing);
    row("product unit code missing", "product", product(R"(, "unit": {"name": "pcs"})"), "$.unit.okei_code",
        Reason::Missing);
    row("product negative weight", "product", product(unit + R"(, "weight_kg": "-0.5")"), "$.weight_kg",
        Reason::Negative);
    row("product active as string", "product", product(unit + R"(, "active": "true")"), "$.active",
        Reason::WrongType);
    row("product property value id", "product",
        product(
            unit
            + R"(, "properties": [{"property_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "value_id": "x", "value": "Red"}])"),
        "$.properties[0].value_id", Reason::Malformed);
    row("price valid", "price",
        R"({"product_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "price_type_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7f",
            "currency": "RUB", "unit_price": "10.00", "tiers": [{"min_quantity": "10", "unit_price": "9.99"}]})",
        "", Reason::Missing);
    row("customer valid", "customer",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "name": "Romashka", "kpp": "770101001",
            "addresses": [{"kind": "legal", "text": "Moscow"}], "currency": "RUB", "credit_limit": "100000.00"})",
        "", Reason::Missing);
    row("user valid", "user",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "login": "rep1", "role": "sales_rep"})", "",
        Reason::Missing);
    row("document valid", "document",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "kind": "invoice", "date": "2026-12-01",
            "currency": "RUB", "amount": "1.00", "customer_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7f"})",
        "", Reason::Missing);
    row("stock valid", "stock",
        R"({"product_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "warehouse_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7f",
            "on_hand": "-2", "reserved": "1", "as_of": "2026-11-29T08:30:00Z"})",
        "", Reason::Missing);
    row("property valid", "property",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "name": "Colour", "type": "reference",
            "values": [{"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7f", "value": "red"}]})",
        "", Reason::Missing);
    row("price tier money", "price",
        R"({"product_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "price_type_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7f",
            "currency": "RUB", "unit_price": "10.00", "tiers": [{"min_quantity": "10", "unit_price": "9.999"}]})",
        "$.tiers[0].unit_price", Reason::Malformed);
    row("price without currency", "price",
        R"({"product_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "price_type_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7f",
            "unit_price": "10.00"})",
        "$.currency", Reason::Missing);
    row("customer address kind", "customer",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "name": "Romashka",
            "addresses": [{"kind": "legal", "text": "Moscow"}, {"kind": "home", "text": "Tula"}]})",
        "$.addresses[1].kind", Reason::UnknownEnum);
    row("customer kpp too long", "customer",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "name": "Romashka", "kpp": "7701010010"})", "$.kpp",
        Reason::TooLong);
    row("customer credit limit without currency", "customer",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "name": "Romashka", "credit_limit": "100000.00"})",
        "$.currency", Reason::Missing);
    row("customer payment terms", "customer",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "name": "Romashka", "payment_terms_days": 3651})",
        "$.payment_terms_days", Reason::OutOfRange);
    row("user unknown role", "user",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "login": "rep1", "role": "SalesRep"})", "$.role",
        Reason::UnknownEnum);
    row("user missing login", "user", R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "role": "buyer"})",
        "$.login", Reason::Missing);
    row("document bad date", "document",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "kind": "invoice", "date": "2026-13-01",
            "currency": "RUB", "amount": "1.00", "customer_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7f"})",
        "$.date", Reason::Malformed);
    row("stock as_of local time", "stock",
        R"({"product_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "warehouse_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7f",
            "on_hand": "-2", "reserved": "1", "as_of": "2026-11-29 08:30:00"})",
        "$.as_of", Reason::Malformed);
    row("stock negative reserve", "stock",
        R"({"product_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "warehouse_id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7f",
            "on_hand": "2", "reserved": "-1", "as_of": "2026-11-29T08:30:00Z"})",
        "$.reserved", Reason::Negative);
    row("property values not objects", "property",
        R"({"id": "0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e", "name": "Colour", "type": "reference", "values": ["red"]})",
        "$.values[0]", Reason::WrongType);
}

void TestJsonReader::dtoErrors()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(Reason, reason);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const std::optional<DecodeError> error = decodeAs(type, document.object());
    if (path.isEmpty()) {
        // A control row ("... valid"): the document the other rows break is valid as it is.
        QVERIFY2(!error, qPrintable(error ? error->path + QLatin1String(": ") + error->message : QString()));
        return;
    }
    QVERIFY(error.has_value());
    QCOMPARE(error->path, path);
    QCOMPARE(reasonToString(error->reason), reasonToString(reason));
}

void TestJsonReader::acceptedForms_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QJsonValue>("replacement");

    const auto row = [](const char *name, const char *pointer, const QJsonValue &replacement) {
        QTest::newRow(name) << QString::fromLatin1(pointer) << replacement;
    };
    const auto text = [](const char *value) {
        return QJsonValue(QString::fromUtf8(value));
    };

    row("upper-case uuid", "id", text("0B7E6D3C-59A1-4F7E-9C1E-2F4A8D5B6C7E"));
    row("nil uuid for optional id", "created_by", text("00000000-0000-0000-0000-000000000000"));
    row("absent optional id", "created_by", undefined());
    row("null optional string", "comment", QJsonValue::Null);
    row("integral double", "lines/0/line_no", 1.0);
    row("money without decimals", "lines/0/unit_price", text("100"));
    row("money with one decimal", "lines/0/unit_price", text("100.5"));
    row("money zero", "lines/0/unit_price", text("0"));
    row("negative zero money", "lines/0/unit_price", text("-0.00"));
    row("quantity thousandths", "lines/0/quantity", text("0.001"));
    row("timestamp with one fraction digit", "created_at", text("2026-11-29T08:30:00.5Z"));
    row("leap day", "delivery_date", text("2028-02-29"));
    row("empty lines", "lines", QJsonArray());
    row("null history", "history", QJsonValue::Null);
    row("currency legacy ruble code", "currency", text("RUR"));
    row("comment at limit", "comment", QString(4000, QChar(u'Ж')));
}

void TestJsonReader::acceptedForms()
{
    QFETCH(QString, pointer);
    QFETCH(QJsonValue, replacement);

    const QJsonValue input = patched(baseOrder(), pointer.split(QLatin1Char('/')), replacement);
    const DecodeResult<Order> result = fromJson<Order>(input);
    QVERIFY2(result.ok(),
             qPrintable(result.ok() ? QString()
                                    : result.error().path + QLatin1String(": ") + result.error().message));
}

void TestJsonReader::firstErrorWins()
{
    QJsonObject order = baseOrder();
    order.insert(u"status", QStringLiteral("bogus"));
    order.insert(u"comment", 5);
    order.remove(u"id");
    const DecodeResult<Order> result = fromJson<Order>(order);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().path, QStringLiteral("$.id"));
    QCOMPARE(result.error().reason, Reason::Missing);
}

void TestJsonReader::rootMustBeObject()
{
    for (const QJsonValue &root : {QJsonValue(QJsonArray()), QJsonValue(QStringLiteral("x")), QJsonValue(1),
                                   QJsonValue(QJsonValue::Null), QJsonValue(QJsonValue::Undefined)}) {
        const DecodeResult<Order> result = fromJson<Order>(root);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().path, QStringLiteral("$"));
        QCOMPARE(result.error().reason, Reason::WrongType);
    }
}

void TestJsonReader::gettersAfterErrorReturnDefaults()
{
    const QJsonObject json {{QStringLiteral("a"), 1}, {QStringLiteral("b"), QStringLiteral("text")}};
    JsonReader reader(json);
    QCOMPARE(reader.string(u"a", 10), QString());
    QVERIFY(!reader.ok());
    QCOMPARE(reader.string(u"b", 10), QString());
    QCOMPARE(reader.error()->path, QStringLiteral("$.a"));
    QCOMPARE(reader.error()->reason, Reason::WrongType);
}

void TestJsonReader::nestedReaderSharesError()
{
    const QJsonObject json
        = QJsonDocument::fromJson(R"({"outer": {"rows": [{"n": 1}, {"n": 2}, {"n": "3"}]}})").object();
    JsonReader reader(json);
    QList<int> seen;
    const bool complete = reader.object(u"outer", [&seen](JsonReader &outer) {
        outer.array(u"rows", [&seen](JsonReader &row) { seen.append(row.integer(u"n", 0, 10)); });
    });
    QVERIFY(!complete);
    QCOMPARE(seen, QList<int>({1, 2, 0}));
    QCOMPARE(reader.error()->path, QStringLiteral("$.outer.rows[2].n"));
    QCOMPARE(reader.error()->reason, Reason::WrongType);
}

void TestJsonReader::reasonWireNames()
{
    QCOMPARE(reasonToString(Reason::Missing), QStringLiteral("missing"));
    QCOMPARE(reasonToString(Reason::WrongType), QStringLiteral("wrong_type"));
    QCOMPARE(reasonToString(Reason::Negative), QStringLiteral("negative"));
    QCOMPARE(reasonToString(Reason::OutOfRange), QStringLiteral("out_of_range"));
    QCOMPARE(reasonToString(Reason::UnknownEnum), QStringLiteral("unknown_enum"));
    QCOMPARE(reasonToString(Reason::Malformed), QStringLiteral("malformed"));
    QCOMPARE(reasonToString(Reason::TooLong), QStringLiteral("too_long"));
}

QTEST_APPLESS_MAIN(TestJsonReader)

#include "tst_jsonreader.moc"
