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

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>

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
        OrderChangesImport orders(tx, file.userId, m_services.now(), counts, feed);
        CatalogImport catalog({tx, file.sessionId, images, m_services.now()}, counts, feed,
                              file.documents ? &orders : nullptr);
        if (csv) {
            CsvImport(catalog).read(input);
        } else {
            CommerceMLReader reader(catalog);
            reader.read(input);
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
        CatalogImport catalog({tx, sessionId, {}, m_services.now()}, counts, feed, nullptr);
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
