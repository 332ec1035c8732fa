// The accounting exchange's importer (server/core/exchange): a generated CommerceML 2.10
// catalog, import.xml (N products in 50 groups, 5 properties, barcodes, VAT, weight) and
// offers.xml (3 price types, 2 warehouses, every product priced and stocked), imported through
// ExchangeImporter as `/exchange/1c` and `portico-server import` do, into a fresh SQLite
// database. Each size runs in a child process of its own, so its peak RSS (VmHWM) is its own:
// flat in the file size means the same peak at 10k and 100k products. Beside each file, the
// same file read alone (the parser's share, a bound on the import: a file is read on one
// thread); beneath that, the files tokenized alone (QXmlStreamReader::readNext() and nothing
// else: the floor of any reader built on it); beside offers.xml, its floor: the same rows
// inserted alone (offersFloor). Target: >= 20,000 products/s for the package, both files.

#include "benchutil.h"
#include "blobs/blobstore.h"
#include "events/feednotifier.h"
#include "exchange/commercemlreader.h"
#include "exchange/exchangeimporter.h"
#include "metrics/metrics.h"
#include "services.h"
#include "storage/bulkrows.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <ctime>
#include <exception>

using namespace portico;
using namespace portico::bench;
using namespace portico::server;

namespace {

qint64 statusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QString productId(int i)
{
    return QStringLiteral("%1-18f9-11e7-80c2-0cc47ab29cd1").arg(i, 8, 16, QLatin1Char('0'));
}

void header(QXmlStreamWriter &xml)
{
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("КоммерческаяИнформация"));
    xml.writeDefaultNamespace(QStringLiteral("urn:1C.ru:commerceml_2"));
    xml.writeAttribute(QStringLiteral("ВерсияСхемы"), QStringLiteral("2.10"));
}

void writeImport(const QString &path, int products)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    QXmlStreamWriter xml(&file);
    header(xml);
    xml.writeStartElement(QStringLiteral("Классификатор"));
    xml.writeStartElement(QStringLiteral("Группы"));
    for (int g = 0; g < 50; ++g) {
        xml.writeStartElement(QStringLiteral("Группа"));
        xml.writeTextElement(QStringLiteral("Ид"), QStringLiteral("group-%1").arg(g));
        xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("Группа %1").arg(g));
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("Свойства"));
    for (int p = 0; p < 5; ++p) {
        xml.writeStartElement(QStringLiteral("Свойство"));
        xml.writeTextElement(QStringLiteral("Ид"), QStringLiteral("prop-%1").arg(p));
        xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("Свойство %1").arg(p));
        xml.writeTextElement(QStringLiteral("ТипЗначений"),
                             p == 0 ? QStringLiteral("Справочник") : QStringLiteral("Строка"));
        if (p == 0) {
            xml.writeStartElement(QStringLiteral("ВариантыЗначений"));
            for (int v = 0; v < 10; ++v) {
                xml.writeStartElement(QStringLiteral("Справочник"));
                xml.writeTextElement(QStringLiteral("ИдЗначения"), QStringLiteral("value-%1").arg(v));
                xml.writeTextElement(QStringLiteral("Значение"), QStringLiteral("Значение %1").arg(v));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement(); // Классификатор
    xml.writeStartElement(QStringLiteral("Каталог"));
    xml.writeAttribute(QStringLiteral("СодержитТолькоИзменения"), QStringLiteral("false"));
    xml.writeStartElement(QStringLiteral("Товары"));
    for (int i = 0; i < products; ++i) {
        xml.writeStartElement(QStringLiteral("Товар"));
        xml.writeTextElement(QStringLiteral("Ид"), productId(i));
        xml.writeTextElement(QStringLiteral("Штрихкод"),
                             QStringLiteral("46%1").arg(i, 11, 10, QLatin1Char('0')));
        xml.writeTextElement(QStringLiteral("Артикул"), QStringLiteral("ART-%1").arg(i));
        xml.writeTextElement(QStringLiteral("Наименование"),
                             QStringLiteral("Саморез по дереву 4,2x%1 оцинкованный, упаковка %2 шт")
                                 .arg(16 + i % 60)
                                 .arg(100 + i % 900));
        xml.writeStartElement(QStringLiteral("БазоваяЕдиница"));
        xml.writeAttribute(QStringLiteral("Код"), QStringLiteral("796 "));
        xml.writeAttribute(QStringLiteral("НаименованиеПолное"), QStringLiteral("Штука"));
        xml.writeCharacters(QStringLiteral("шт"));
        xml.writeEndElement();
        xml.writeStartElement(QStringLiteral("Группы"));
        xml.writeTextElement(QStringLiteral("Ид"), QStringLiteral("group-%1").arg(i % 50));
        xml.writeEndElement();
        xml.writeTextElement(QStringLiteral("Описание"),
                             QStringLiteral("Для крепления деревянных конструкций."));
        xml.writeStartElement(QStringLiteral("ЗначенияСвойств"));
        for (int p = 0; p < 2; ++p) {
            xml.writeStartElement(QStringLiteral("ЗначенияСвойства"));
            xml.writeTextElement(QStringLiteral("Ид"), QStringLiteral("prop-%1").arg(p));
            xml.writeTextElement(QStringLiteral("Значение"),
                                 p == 0 ? QStringLiteral("value-%1").arg(i % 10)
                                        : QStringLiteral("%1,5").arg(i % 100));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeStartElement(QStringLiteral("СтавкиНалогов"));
        xml.writeStartElement(QStringLiteral("СтавкаНалога"));
        xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("НДС"));
        xml.writeTextElement(QStringLiteral("Ставка"),
                             i % 7 == 0 ? QStringLiteral("10") : QStringLiteral("20"));
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement(QStringLiteral("ЗначенияРеквизитов"));
        xml.writeStartElement(QStringLiteral("ЗначениеРеквизита"));
        xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("Вес"));
        xml.writeTextElement(QStringLiteral("Значение"),
                             QStringLiteral("0,%1").arg(i % 1000, 3, 10, QLatin1Char('0')));
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement(); // Товар
    }
    xml.writeEndDocument();
}

void writeOffers(const QString &path, int products)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    QXmlStreamWriter xml(&file);
    header(xml);
    xml.writeStartElement(QStringLiteral("ПакетПредложений"));
    xml.writeAttribute(QStringLiteral("СодержитТолькоИзменения"), QStringLiteral("false"));
    xml.writeStartElement(QStringLiteral("ТипыЦен"));
    for (int t = 0; t < 3; ++t) {
        xml.writeStartElement(QStringLiteral("ТипЦены"));
        xml.writeTextElement(QStringLiteral("Ид"), QStringLiteral("price-type-%1").arg(t));
        xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("Цена %1").arg(t));
        xml.writeTextElement(QStringLiteral("Валюта"), QStringLiteral("RUB"));
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("Склады"));
    for (int w = 0; w < 2; ++w) {
        xml.writeStartElement(QStringLiteral("Склад"));
        xml.writeTextElement(QStringLiteral("Ид"), QStringLiteral("warehouse-%1").arg(w));
        xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("Склад %1").arg(w));
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("Предложения"));
    for (int i = 0; i < products; ++i) {
        xml.writeStartElement(QStringLiteral("Предложение"));
        xml.writeTextElement(QStringLiteral("Ид"), productId(i));
        xml.writeStartElement(QStringLiteral("Цены"));
        for (int t = 0; t < 3; ++t) {
            xml.writeStartElement(QStringLiteral("Цена"));
            xml.writeTextElement(QStringLiteral("ИдТипаЦены"), QStringLiteral("price-type-%1").arg(t));
            xml.writeTextElement(
                QStringLiteral("ЦенаЗаЕдиницу"),
                QStringLiteral("%1,%2").arg(100 + i % 5000 + t * 10).arg(i % 100, 2, 10, QLatin1Char('0')));
            xml.writeTextElement(QStringLiteral("Валюта"), QStringLiteral("RUB"));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        for (int w = 0; w < 2; ++w) {
            xml.writeEmptyElement(QStringLiteral("Склад"));
            xml.writeAttribute(QStringLiteral("ИдСклада"), QStringLiteral("warehouse-%1").arg(w));
            xml.writeAttribute(QStringLiteral("КоличествоНаСкладе"), QString::number((i * (w + 3)) % 500));
        }
        xml.writeEndElement();
    }
    xml.writeEndDocument();
}

// Counts what the reader hands over and writes nothing: the parser's own share of an import.
class CountingSink final : public CommerceMLSink
{
public:
    int products = 0;
    void package(bool) override { }
    void group(const CmlGroup &) override { }
    void property(const CmlProperty &) override { }
    void product(const CmlProduct &) override { ++products; }
    void priceType(const CmlPriceType &) override { }
    void warehouse(const CmlWarehouse &) override { }
    void offer(const CmlOffer &) override { }
    void counterparty(const CmlCounterparty &) override { }
    void document(const CmlDocument &) override { }
};

// CPU time of the whole process (the reader's thread and the writer's): steadier than the
// wall time on a shared machine.
double processCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Every row a SELECT returns, its values as they are stored: integers as integers, text as
// text, NULL as NULL.
BulkRows rowsOf(const QSqlDatabase &tx, const QString &select)
{
    BulkRows rows;
    Sql q(tx, select);
    q.exec();
    const int columns = q.query().record().count();
    while (q.next()) {
        rows.row();
        for (int column = 0; column < columns; ++column) {
            const QVariant value = q.value(column);
            if (value.isNull())
                rows.null();
            else if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
                rows.integer(value.toLongLong());
            else
                rows.text(value.toString());
        }
    }
    return rows;
}

// The floor of offers.xml: the price and stock rows its import wrote (each carrying its feed
// seq, storage/changefeed.h), read back in the order they were written and inserted into a
// fresh database in one transaction, with the importer's statements and each value bound
// through SQLite's C API (BulkRows), on the writer thread: what SQLite needs for those rows
// alone, without reading XML, resolving ids or pricing. Returns seconds.
double offersFloor(Database &source, const QString &folder)
{
    BulkRows prices;
    BulkRows stock;
    source.read([&](QSqlDatabase &tx) {
        prices = rowsOf(tx,
                        QStringLiteral("SELECT product_id, price_type_id, unit_price_minor, tiers_json, seq "
                                       "FROM prices ORDER BY seq"));
        stock
            = rowsOf(tx,
                     QStringLiteral("SELECT product_id, warehouse_id, on_hand_milli, reserved_milli, as_of, "
                                    "seq FROM stock ORDER BY seq"));
    });
    Database floor(DatabaseConfig::sqlite(folder));
    Migrations::apply(floor);
    Stopwatch watch;
    floor.write([&](QSqlDatabase &tx) {
        prices.exec(tx,
                    QStringLiteral(
                        "INSERT INTO prices (product_id, price_type_id, unit_price_minor, "
                        "tiers_json, seq) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (product_id, "
                        "price_type_id) DO UPDATE SET unit_price_minor = "
                        "excluded.unit_price_minor, tiers_json = excluded.tiers_json, seq = excluded.seq"));
        stock.exec(tx,
                   QStringLiteral(
                       "INSERT INTO stock (product_id, warehouse_id, on_hand_milli, reserved_milli, "
                       "as_of, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (product_id, warehouse_id) "
                       "DO UPDATE SET on_hand_milli = excluded.on_hand_milli, as_of = excluded.as_of, "
                       "seq = excluded.seq"));
    });
    return watch.seconds();
}

// The rows a SELECT returns, to be inserted into `table` of another database.
struct TableRows
{
    QString table;
    QStringList columns;
    BulkRows rows;
};

TableRows readRows(Database &source, const QString &table, const QString &select)
{
    TableRows result;
    result.table = table;
    source.read([&](QSqlDatabase &tx) {
        result.rows = rowsOf(tx, select);
        const QSqlRecord record = tx.record(table);
        for (int i = 0; i < record.count(); ++i)
            result.columns << record.fieldName(i);
    });
    return result;
}

void insertRows(const QSqlDatabase &tx, const TableRows &rows)
{
    rows.rows.exec(tx,
                   QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                       .arg(rows.table, rows.columns.join(QLatin1Char(',')),
                            BulkRows::values(static_cast<int>(rows.columns.size()))));
}

// The floor of import.xml, as offersFloor is of offers.xml: the products, their barcodes,
// their exchange marks and the feed entries that its import wrote, read back in the order
// they were written and inserted into a fresh database in one transaction, each value bound
// through SQLite's C API; `head` is the feed's head after that import. The classifier (50
// groups, 5 properties) goes in first, untimed.
// Returns seconds and rows.
std::pair<double, qsizetype> importFloor(Database &source, qint64 head, const QString &folder)
{
    const auto inWrittenOrder = [&](const QString &table) {
        return readRows(source, table,
                        QStringLiteral("SELECT t.* FROM %1 t JOIN products p ON p.id = t.product_id "
                                       "ORDER BY p.rowid")
                            .arg(table));
    };
    const TableRows groups = readRows(source, QStringLiteral("product_groups"),
                                      QStringLiteral("SELECT * FROM product_groups ORDER BY rowid"));
    const TableRows properties = readRows(source, QStringLiteral("properties"),
                                          QStringLiteral("SELECT * FROM properties ORDER BY rowid"));
    const std::vector<TableRows> timed {
        readRows(source, QStringLiteral("products"), QStringLiteral("SELECT * FROM products ORDER BY rowid")),
        inWrittenOrder(QStringLiteral("product_barcodes")),
        inWrittenOrder(QStringLiteral("exchange_product_marks")),
        readRows(source, QStringLiteral("changes"),
                 QStringLiteral("SELECT * FROM changes WHERE seq <= %1 ORDER BY seq").arg(head))};
    Database floor(DatabaseConfig::sqlite(folder));
    Migrations::apply(floor);
    floor.write([&](QSqlDatabase &tx) {
        insertRows(tx, groups);
        insertRows(tx, properties);
    });
    Stopwatch watch;
    qsizetype rows = 0;
    floor.write([&](QSqlDatabase &tx) {
        for (const TableRows &table : timed) {
            insertRows(tx, table);
            rows += table.rows.rows();
        }
    });
    return {watch.seconds(), rows};
}

// One size in this process: generate, import, report as JSON on standard output.
int child(int products)
{
    QTemporaryDir dir;
    const QString import = dir.filePath(QStringLiteral("import.xml"));
    const QString offers = dir.filePath(QStringLiteral("offers.xml"));
    writeImport(import, products);
    writeOffers(offers, products);
    Database database(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("data"))));
    Migrations::apply(database);
    FeedNotifier notifier(database);
    Metrics metrics;
    BlobStore blobs(database, dir.filePath(QStringLiteral("data")));
    Services services {.database = database,
                       .dataDir = dir.filePath(QStringLiteral("data")),
                       .now = [] { return QDateTime::currentMSecsSinceEpoch(); },
                       .notifier = notifier,
                       .metrics = metrics,
                       .blobs = blobs};
    ExchangeImporter importer(services, {});
    const auto readAlone = [](const QString &path) {
        Stopwatch reading;
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        CountingSink sink;
        CommerceMLReader(sink).read(file);
        return reading.seconds();
    };
    const auto tokenizeAlone = [](const QString &path) {
        Stopwatch reading;
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        QXmlStreamReader xml(&file);
        while (!xml.atEnd())
            xml.readNext();
        if (xml.hasError())
            qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
        return reading.seconds();
    };
    const double tokenizeSeconds = tokenizeAlone(import) + tokenizeAlone(offers);
    const double parseSeconds = readAlone(import);
    const double offersParseSeconds = readAlone(offers);
    Stopwatch watch;
    const qint64 rssBefore = statusKiB("VmHWM:");
    watch.restart();
    double cpu = processCpuSeconds();
    const ImportCounts catalog = importer.importFile({import, {}, QStringLiteral("bench"), {}, false});
    const double importSeconds = watch.seconds();
    const double importCpu = processCpuSeconds() - cpu;
    const qint64 headAfterImport = database.read([](QSqlDatabase &tx) { return ChangeFeed::head(tx); });
    watch.restart();
    cpu = processCpuSeconds();
    const ImportCounts prices = importer.importFile({offers, {}, QStringLiteral("bench"), {}, false});
    const double offerSeconds = watch.seconds();
    const double offerCpu = processCpuSeconds() - cpu;
    const qint64 hwm = statusKiB("VmHWM:");
    const double floorSeconds = offersFloor(database, dir.filePath(QStringLiteral("floor")));
    const auto [importFloorSeconds, importFloorRows]
        = importFloor(database, headAfterImport, dir.filePath(QStringLiteral("import-floor")));
    const QJsonObject report {{QStringLiteral("products"), catalog.products},
                              {QStringLiteral("prices"), prices.prices},
                              {QStringLiteral("stock"), prices.stock},
                              {QStringLiteral("import_bytes"), QFileInfo(import).size()},
                              {QStringLiteral("offers_bytes"), QFileInfo(offers).size()},
                              {QStringLiteral("tokenize_s"), tokenizeSeconds},
                              {QStringLiteral("parse_s"), parseSeconds},
                              {QStringLiteral("offers_parse_s"), offersParseSeconds},
                              {QStringLiteral("import_s"), importSeconds},
                              {QStringLiteral("offers_s"), offerSeconds},
                              {QStringLiteral("import_cpu_s"), importCpu},
                              {QStringLiteral("offers_cpu_s"), offerCpu},
                              {QStringLiteral("hwm_before_kib"), rssBefore},
                              {QStringLiteral("offers_floor_s"), floorSeconds},
                              {QStringLiteral("import_floor_s"), importFloorSeconds},
                              {QStringLiteral("import_floor_rows"), static_cast<qint64>(importFloorRows)},
                              {QStringLiteral("hwm_kib"), hwm}};
    QTextStream(stdout) << QJsonDocument(report).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    try {
        if (hasFlag(arguments, QStringLiteral("--child")))
            return child(intArgument(arguments, QStringLiteral("--child"), 10000));
        const QStringList sizes
            = argument(arguments, QStringLiteral("--products"), QStringLiteral("10000,100000"))
                  .split(QLatin1Char(','), Qt::SkipEmptyParts);
        printHeading(QStringLiteral("bench_exchange: CommerceML import (import.xml + offers.xml, 3 price "
                                    "types, 2 warehouses), SQLite"));
        printFigure(QStringLiteral("machine"), machineDescription());
        for (const QString &size : sizes) {
            QProcess process;
            process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            process.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), size});
            if (!process.waitForFinished(-1) || process.exitCode() != 0) {
                printLine(QStringLiteral("  %1 products: the child failed").arg(size));
                return 1;
            }
            const QJsonObject r = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
            const double n = r.value(QStringLiteral("products")).toDouble();
            printLine();
            printLine(QStringLiteral("  %1 products (import.xml %2, offers.xml %3)")
                          .arg(size, bytesText(r.value(QStringLiteral("import_bytes")).toDouble()),
                               bytesText(r.value(QStringLiteral("offers_bytes")).toDouble())));
            printFigure(QStringLiteral("import.xml, reading alone"),
                        QStringLiteral("%1 s, %2 products/s")
                            .arg(number(r.value(QStringLiteral("parse_s")).toDouble(), 2),
                                 number(n / r.value(QStringLiteral("parse_s")).toDouble(), 0)));
            printFigure(QStringLiteral("import.xml"),
                        QStringLiteral("%1 s, %2 products/s (CPU %3 s, both threads)")
                            .arg(number(r.value(QStringLiteral("import_s")).toDouble(), 2),
                                 number(n / r.value(QStringLiteral("import_s")).toDouble(), 0),
                                 number(r.value(QStringLiteral("import_cpu_s")).toDouble(), 2)));
            const double importFloorSeconds = r.value(QStringLiteral("import_floor_s")).toDouble();
            printFigure(
                QStringLiteral("import.xml floor: its rows alone, one transaction"),
                QStringLiteral("%1 s (%2 rows); the import takes %3x that")
                    .arg(number(importFloorSeconds, 2))
                    .arg(r.value(QStringLiteral("import_floor_rows")).toInteger())
                    .arg(number(r.value(QStringLiteral("import_s")).toDouble() / importFloorSeconds, 2)));
            printFigure(QStringLiteral("offers.xml, reading alone"),
                        QStringLiteral("%1 s, %2 offers/s")
                            .arg(number(r.value(QStringLiteral("offers_parse_s")).toDouble(), 2),
                                 number(n / r.value(QStringLiteral("offers_parse_s")).toDouble(), 0)));
            printFigure(QStringLiteral("offers.xml"),
                        QStringLiteral("%1 s, %2 offers/s, CPU %3 s (%4 prices, %5 stock levels)")
                            .arg(number(r.value(QStringLiteral("offers_s")).toDouble(), 2),
                                 number(n / r.value(QStringLiteral("offers_s")).toDouble(), 0),
                                 number(r.value(QStringLiteral("offers_cpu_s")).toDouble(), 2))
                            .arg(r.value(QStringLiteral("prices")).toInt())
                            .arg(r.value(QStringLiteral("stock")).toInt()));
            const double floorSeconds = r.value(QStringLiteral("offers_floor_s")).toDouble();
            printFigure(
                QStringLiteral("offers.xml floor: its rows alone, one transaction"),
                QStringLiteral("%1 s (%2 rows); the import takes %3x that")
                    .arg(number(floorSeconds, 2))
                    .arg(r.value(QStringLiteral("prices")).toInt() + r.value(QStringLiteral("stock")).toInt())
                    .arg(number(r.value(QStringLiteral("offers_s")).toDouble() / floorSeconds, 2)));
            printFigure(QStringLiteral("both files, products/s"),
                        QStringLiteral("%1 (target >= 20000)")
                            .arg(number(n
                                            / (r.value(QStringLiteral("import_s")).toDouble()
                                               + r.value(QStringLiteral("offers_s")).toDouble()),
                                        0)));
            // Each file is read on one thread while the writer stores what it read: the two
            // readings alone bound the package from below.
            printFigure(QStringLiteral("both files, reading alone, products/s"),
                        number(n
                                   / (r.value(QStringLiteral("parse_s")).toDouble()
                                      + r.value(QStringLiteral("offers_parse_s")).toDouble()),
                               0));
            printFigure(QStringLiteral("both files, tokenized alone, products/s"),
                        number(n / r.value(QStringLiteral("tokenize_s")).toDouble(), 0));
            printFigure(QStringLiteral("peak RSS"),
                        QStringLiteral("%1 (%2 before the import)")
                            .arg(bytesText(r.value(QStringLiteral("hwm_kib")).toDouble() * 1024),
                                 bytesText(r.value(QStringLiteral("hwm_before_kib")).toDouble() * 1024)));
        }
        return 0;
    } catch (const std::exception &e) {
        printLine(QStringLiteral("bench_exchange: ") + QString::fromUtf8(e.what()));
        return 1;
    }
}
