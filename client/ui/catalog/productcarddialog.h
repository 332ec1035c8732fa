#pragma once

#include "cache/productqueries.h"

#include <QDialog>
#include <QFuture>
#include <QPointer>

class QFormLayout;
class QLabel;
class QTableWidget;
class QToolButton;

namespace portico::client {

class CacheDatabase;
class ProductImages;

// The product card: SKU, name, unit, group, barcodes, description, properties, every price the
// cache holds for the product (one per price type the user may see, with volume breaks) and the
// stock per warehouse with the time it was counted, and the product's pictures when it has any and
// `images` is given (one at a time, with buttons to the previous and the next). Read on the cache thread; the
// dialog opens at once and fills in when the card arrives.
class ProductCardDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductCardDialog)

public:
    ProductCardDialog(CacheDatabase &cache, const Id &productId, ProductImages *images = nullptr,
                      QWidget *parent = nullptr);
    ~ProductCardDialog() override; // waits for its cache job

    Id productId() const { return m_productId; }
    // Marks the price type of the customer being ordered for among the prices.
    void setCustomerPriceType(const Id &priceTypeId) { m_customerPriceType = priceTypeId; }
    bool isLoaded() const noexcept { return m_loaded; }
    // The picture is on screen.
    bool hasImage() const;
    // The product's pictures (content hashes), the main one first, and the one shown.
    QStringList pictures() const { return m_pictures; }
    int currentPicture() const noexcept { return m_picture; }
    void showPicture(int index);

Q_SIGNALS:
    void loaded();
    void imageShown();

private:
    void showCard(const std::optional<ProductCard> &card);
    void fillPrices(const ProductCard &card);
    void fillStock(const ProductCard &card);
    void showImage(const QString &imageRef);
    void onImageReady(const QString &sha256, const QByteArray &content);

    CacheDatabase &m_cache;
    Id m_productId;
    QPointer<ProductImages> m_images;
    QString m_imageRef;
    QStringList m_pictures;
    int m_picture = 0;
    QWidget *m_picturePanel = nullptr;
    QToolButton *m_previousPicture = nullptr;
    QToolButton *m_nextPicture = nullptr;
    QLabel *m_pictureCount = nullptr;
    Id m_customerPriceType;
    bool m_loading = true;
    bool m_loaded = false;
    QLabel *m_title = nullptr;
    QLabel *m_image = nullptr;
    QLabel *m_status = nullptr;
    QFormLayout *m_details = nullptr;
    QLabel *m_description = nullptr;
    QFormLayout *m_properties = nullptr;
    QTableWidget *m_prices = nullptr;
    QTableWidget *m_stock = nullptr;
};

} // namespace portico::client
