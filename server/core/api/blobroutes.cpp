#include "api/blobroutes.h"

#include "blobs/blobstore.h"
#include "http/apierror.h"
#include "http/router.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "sync/visibility.h"

#include <QByteArrayList>

namespace portico::server {

namespace {

// A blob never changes under its name: caches may keep it for a year without asking again.
constexpr const char *ImmutableCaching = "private, max-age=31536000, immutable";

// Whether an If-None-Match value names this entity tag: "*", or a comma-separated list of
// tags in which it appears (a weak W/ tag matches too: comparison is weak for GET).
bool matchesEntityTag(const std::string &ifNoneMatch, const QByteArray &etag)
{
    const QByteArray header = QByteArray::fromStdString(ifNoneMatch).trimmed();
    if (header == "*")
        return true;
    const QByteArrayList tags = header.split(',');
    for (const QByteArray &tag : tags) {
        QByteArray candidate = tag.trimmed();
        if (candidate.startsWith("W/"))
            candidate.remove(0, 2);
        if (candidate == etag)
            return true;
    }
    return false;
}

// Whether the caller may read the blob: a catalog picture, and any blob no document names, is
// for every signed-in user; the file of a document is its customer's, for those who see that
// customer (the buyer, the assigned rep, staff), unless a product shows the same bytes.
bool mayRead(Services &services, const Caller &caller, const QString &hash)
{
    return services.database.read([&](QSqlDatabase &tx) {
        Sql documents(tx,
                      QStringLiteral("SELECT DISTINCT customer_id FROM documents WHERE file_ref = :hash"));
        documents.bind(QStringLiteral(":hash"), hash).exec();
        QStringList customers;
        while (documents.next())
            customers << documents.value(0).toString();
        if (customers.isEmpty())
            return true;
        const Visibility visibility = Visibility::of(tx, caller);
        for (const QString &customer : std::as_const(customers)) {
            if (visibility.allows(Audience::customer(customer)))
                return true;
        }
        // (Only here, for a file the caller may not read: the scan of images_json is rare.)
        Sql pictures(tx,
                     QStringLiteral("SELECT 1 FROM products WHERE image_ref = :hash "
                                    "OR images_json LIKE :quoted LIMIT 1"));
        pictures.bind(QStringLiteral(":hash"), hash)
            .bind(QStringLiteral(":quoted"), QStringLiteral("%\"%1\"%").arg(hash))
            .exec();
        return pictures.next();
    });
}

HttpResponse getBlob(const HttpRequest &request, Services &services)
{
    BlobStore &blobs = services.blobs;
    const auto param = request.pathParams.find("sha256");
    const QString hash
        = param == request.pathParams.end() ? QString() : QString::fromStdString(param->second);
    const ApiError notFound(ApiErrorCode::NotFound, QStringLiteral("No such blob"));
    const auto ref = blobs.find(hash);
    // Another customer's file is as absent as a blob that never was.
    if (!ref || !mayRead(services, *request.caller, ref->sha256))
        throw notFound;
    const QByteArray etag = '"' + ref->sha256.toLatin1() + '"';
    HttpResponse response;
    response.contentType = ref->contentType.toStdString();
    response.headers.emplace_back("ETag", etag.toStdString());
    response.headers.emplace_back("Cache-Control", ImmutableCaching);
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    if (matchesEntityTag(request.header("if-none-match"), etag)) {
        response.status = 304;
        return response;
    }
    // read() checks the content against its hash: a damaged blob is a 500 (and a log line),
    // never wrong bytes under a name that promises them.
    const auto content = blobs.read(ref->sha256);
    if (!content)
        throw notFound;
    response.status = 200;
    response.body = content->toStdString();
    return response;
}

} // namespace

void addBlobRoutes(Router &router, Services &services)
{
    router.add({HttpMethod::Get, "/api/v1/blobs/{sha256}", Access::Authenticated, DefaultBodyLimit,
                [&services](HttpRequest &request) {
                    return getBlob(request, services);
                }});
}

} // namespace portico::server
