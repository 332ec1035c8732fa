#include "demo/demopictures.h"

#include "blobs/blobstore.h"
#include "catalog/catalogrepository.h"
#include "demo/demoseed.h"
#include "storage/database.h"
#include "sync/feedbatch.h"

#include <QList>

#include <cmath>

namespace portico::server {

namespace {

constexpr int EveryNthProduct = 20;
constexpr int MostPictures = 3;

QString escaped(QString text)
{
    return text.replace(QLatin1Char('&'), QLatin1String("&amp;"))
        .replace(QLatin1Char('<'), QLatin1String("&lt;"))
        .replace(QLatin1Char('>'), QLatin1String("&gt;"));
}

// "#rrggbb" of a hue (degrees), saturation and lightness (0..1): SVG Tiny, which Qt draws, has
// no hsl().
QString colour(int hue, double saturation, double lightness)
{
    const double chroma = (1 - std::abs(2 * lightness - 1)) * saturation;
    const double sector = hue / 60.0;
    const double x = chroma * (1 - std::abs(std::fmod(sector, 2.0) - 1));
    double r = 0;
    double g = 0;
    double b = 0;
    switch (static_cast<int>(sector) % 6) {
    case 0:
        r = chroma;
        g = x;
        break;
    case 1:
        r = x;
        g = chroma;
        break;
    case 2:
        g = chroma;
        b = x;
        break;
    case 3:
        g = x;
        b = chroma;
        break;
    case 4:
        r = x;
        b = chroma;
        break;
    default:
        r = chroma;
        b = x;
        break;
    }
    const double m = lightness - chroma / 2;
    auto channel = [m](double value) {
        return QStringLiteral("%1").arg(static_cast<int>(std::lround((value + m) * 255)), 2, 16,
                                        QLatin1Char('0'));
    };
    return QLatin1Char('#') + channel(r) + channel(g) + channel(b);
}

// A 480x480 drawing: a coloured card with the product's initial, its SKU and which view it is.
QByteArray drawing(const Product &product, int view, int views, int hue)
{
    static const char *const Views[] = {"front", "side", "package"};
    const QString initial = product.name.isEmpty() ? QStringLiteral("?") : product.name.left(1).toUpper();
    const QString svg
        = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"480\" "
                         "viewBox=\"0 0 480 480\">"
                         "<rect width=\"480\" height=\"480\" fill=\"%1\"/>"
                         "<rect x=\"40\" y=\"40\" width=\"400\" height=\"300\" rx=\"24\" fill=\"%2\"/>"
                         "<text x=\"240\" y=\"240\" font-family=\"sans-serif\" font-size=\"160\" "
                         "text-anchor=\"middle\" fill=\"white\">%3</text>"
                         "<text x=\"240\" y=\"400\" font-family=\"sans-serif\" font-size=\"36\" "
                         "text-anchor=\"middle\" fill=\"#333\">%4</text>"
                         "<text x=\"240\" y=\"445\" font-family=\"sans-serif\" font-size=\"24\" "
                         "text-anchor=\"middle\" fill=\"#555\">%5 %6/%7</text></svg>")
              .arg(colour(hue, 0.45, 0.88), colour(hue, 0.5, 0.35 + 0.1 * view), escaped(initial),
                   escaped(product.sku), QString::fromLatin1(Views[view]))
              .arg(view + 1)
              .arg(views);
    return svg.toUtf8();
}

} // namespace

int DemoPictures::write(Database &database, BlobStore &blobs, const DemoSeed &seed, int productCount)
{
    QList<Id> ids;
    for (int n = 0; n < productCount; n += EveryNthProduct)
        ids.append(seed.id(u"product", n));
    const QHash<Id, Product> products
        = database.read([&](QSqlDatabase &tx) { return CatalogRepository(tx).products(ids); });
    // The blob store writes in transactions of its own: the pictures first, then the products.
    QList<Product> pictured;
    int stored = 0;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const auto found = products.constFind(ids.at(i));
        if (found == products.cend())
            continue;
        Product product = *found;
        const int views = 1 + static_cast<int>(i % MostPictures);
        const int hue = static_cast<int>((i * 47) % 360);
        product.images.clear();
        for (int view = 0; view < views; ++view) {
            product.images
                << blobs.put(drawing(product, view, views, hue), QStringLiteral("image/svg+xml")).sha256;
            ++stored;
        }
        product.imageRef = product.images.first();
        pictured.append(product);
    }
    database.write([&](QSqlDatabase &tx) {
        FeedBatch feed;
        CatalogRepository(tx).bulkUpsertProducts(pictured, feed);
        feed.append(tx);
    });
    return stored;
}

} // namespace portico::server
