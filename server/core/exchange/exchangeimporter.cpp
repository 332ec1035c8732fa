#include "exchange/exchangeimporter.h"

#include "blobs/blobstore.h"
#include "exchange/catalogimport.h"
#include "exchange/commercemlreader.h"
#include "exchange/csvimport.h"
#include "exchange/importerror.h"
#include "exchange/orderchangesimport.h"
#include "services.h"
#include "storage/database.h"
#include "sync/feedbatch.h"
#include "system/threads.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

namespace portico::server {

namespace {

QString contentTypeOf(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        return QStringLiteral("image/jpeg");
    if (suffix == QLatin1String("png"))
        return QStringLiteral("image/png");
    if (suffix == QLatin1String("gif"))
        return QStringLiteral("image/gif");
    if (suffix == QLatin1String("webp"))
        return QStringLiteral("image/webp");
    return QStringLiteral("application/octet-stream");
}

// What the reader found, in the order it found it.
struct PackageStart
{
    bool changesOnly = false;
};
using CmlRecord = std::variant<PackageStart, CmlGroup, CmlProperty, CmlProduct, CmlPriceType, CmlWarehouse,
                               CmlOffer, CmlCounterparty, CmlDocument>;

// Reads a CommerceML file on a thread of its own while the caller's thread writes what it read:
// parsing costs half as much as writing (bench_exchange), and SQL must stay on the
// transaction's thread. The records go over in batches through a queue of a few batches (more
// records than the importer's batch of products, so the reader keeps going while a batch is
// written), and memory stays flat in the file's size. Everything is handed to the sink in the file's order,
// and an error of the reader is thrown where a reader on the caller's thread would have thrown it: after the
// records before it.
class PipelinedReader final : private CommerceMLSink
{
public:
    explicit PipelinedReader(CommerceMLSink &sink)
        : m_sink(sink)
    { }

    void read(QIODevice &device)
    {
        std::thread reader([&] {
            nameThisThread("portico-xmlread");
            produce(device);
        });
        try {
            consume();
        } catch (...) {
            {
                const std::lock_guard lock(m_mutex);
                m_cancelled = true;
            }
            m_changed.notify_all();
            reader.join();
            throw;
        }
        reader.join();
        if (m_error)
            std::rethrow_exception(m_error);
    }

private:
    static constexpr std::size_t BatchSize = 64;
    static constexpr std::size_t QueuedBatches = 16;

    // Thrown on the reader's thread to unwind it when the writer has failed.
    struct Cancelled
    {
    };

    void produce(QIODevice &device)
    {
        try {
            CommerceMLReader(*this).read(device);
            flush();
        } catch (const Cancelled &) {
        } catch (...) {
            m_error = std::current_exception();
        }
        {
            const std::lock_guard lock(m_mutex);
            m_finished = true;
        }
        m_changed.notify_all();
    }

    void consume()
    {
        for (;;) {
            std::vector<CmlRecord> batch;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this] { return !m_queue.empty() || m_finished; });
                if (m_queue.empty())
                    return;
                batch = std::move(m_queue.front());
                m_queue.pop_front();
            }
            m_changed.notify_all();
            for (const CmlRecord &record : batch)
                dispatch(record);
        }
    }

    void dispatch(const CmlRecord &record)
    {
        std::visit(
            [this](const auto &r) {
                using T = std::decay_t<decltype(r)>;
                if constexpr (std::is_same_v<T, PackageStart>)
                    m_sink.package(r.changesOnly);
                else if constexpr (std::is_same_v<T, CmlGroup>)
                    m_sink.group(r);
                else if constexpr (std::is_same_v<T, CmlProperty>)
                    m_sink.property(r);
                else if constexpr (std::is_same_v<T, CmlProduct>)
                    m_sink.product(r);
                else if constexpr (std::is_same_v<T, CmlPriceType>)
                    m_sink.priceType(r);
                else if constexpr (std::is_same_v<T, CmlWarehouse>)
                    m_sink.warehouse(r);
                else if constexpr (std::is_same_v<T, CmlOffer>)
                    m_sink.offer(r);
                else if constexpr (std::is_same_v<T, CmlCounterparty>)
                    m_sink.counterparty(r);
                else
                    m_sink.document(r);
            },
            record);
    }

    void add(CmlRecord record)
    {
        m_batch.push_back(std::move(record));
        if (m_batch.size() >= BatchSize)
            flush();
    }

    void flush()
    {
        if (m_batch.empty())
            return;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_queue.size() < QueuedBatches || m_cancelled; });
            if (m_cancelled)
                throw Cancelled {};
            m_queue.push_back(std::move(m_batch));
        }
        m_changed.notify_all();
        m_batch = {};
        m_batch.reserve(BatchSize);
    }

    void package(bool changesOnly) override { add(PackageStart {changesOnly}); }
    void group(const CmlGroup &group) override { add(group); }
    void property(const CmlProperty &property) override { add(property); }
    void product(const CmlProduct &product) override { add(product); }
    void priceType(const CmlPriceType &priceType) override { add(priceType); }
    void warehouse(const CmlWarehouse &warehouse) override { add(warehouse); }
    void offer(const CmlOffer &offer) override { add(offer); }
    void counterparty(const CmlCounterparty &counterparty) override { add(counterparty); }
    void document(const CmlDocument &document) override { add(document); }

    CommerceMLSink &m_sink;
    std::vector<CmlRecord> m_batch; // the reader thread's own
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::vector<CmlRecord>> m_queue;
    bool m_finished = false;
    bool m_cancelled = false;
    std::exception_ptr m_error; // written by the reader before m_finished
};

} // namespace

ExchangeImporter::ExchangeImporter(Services &services, Published published)
    : m_services(services)
    , m_published(std::move(published))
{ }

QHash<QString, QString> ExchangeImporter::putImages(const QString &folder, ImportCounts &)
{
    QHash<QString, QString> images;
    const QString base = folder + QStringLiteral("/import_files");
    if (!QFileInfo(base).isDir())
        return images;
    const QDir root(folder);
    QDirIterator it(base, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString type = contentTypeOf(path);
        if (!type.startsWith(QLatin1String("image/")))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        images.insert(root.relativeFilePath(path), m_services.blobs.put(file, type).sha256);
    }
    return images;
}

ImportCounts ExchangeImporter::importFile(const File &file)
{
    ImportCounts counts;
    const QString folder = file.folder.isEmpty() ? QFileInfo(file.path).absolutePath() : file.folder;
    QFile input(file.path);
    if (!input.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("cannot open %1: %2").arg(file.path, input.errorString()));
    const bool csv = QFileInfo(file.path).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0;
    const QHash<QString, QString> images = csv ? QHash<QString, QString> {} : putImages(folder, counts);
    QStringList audiences;
    m_services.database.write([&](QSqlDatabase &tx) {
        counts = ImportCounts {};
        input.seek(0);
        FeedBatch feed;
        OrderChangesImport orders(tx, file.userId, m_services.now(), m_services.reservationPolicy, counts,
                                  feed);
        CatalogImport catalog({tx, file.sessionId, images, m_services.now(), file.userId}, counts, feed,
                              file.documents ? &orders : nullptr);
        if (csv) {
            CsvImport(catalog).read(input);
        } else {
            PipelinedReader(catalog).read(input);
        }
        catalog.finish();
        audiences = catalog.audiences();
    });
    if (!audiences.isEmpty() && m_published)
        m_published(audiences);
    return counts;
}

int ExchangeImporter::deactivate(const QString &sessionId)
{
    ImportCounts counts;
    QStringList audiences;
    const int total = m_services.database.write([&](QSqlDatabase &tx) {
        FeedBatch feed;
        CatalogImport catalog({tx, sessionId, {}, m_services.now(), {}}, counts, feed, nullptr);
        const int deactivated = catalog.deactivateOthers();
        catalog.finish();
        audiences = catalog.audiences();
        return deactivated;
    });
    if (!audiences.isEmpty() && m_published)
        m_published(audiences);
    return total;
}

} // namespace portico::server
