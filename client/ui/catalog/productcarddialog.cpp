#include "catalog/productcarddialog.h"

#include "cache/cachedatabase.h"
#include "net/productimages.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QScrollArea>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace portico::client {

namespace {

// The picture's box, in device-independent pixels.
constexpr int ImageSize = 200;

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return table;
}

// A table as tall as its rows: the card scrolls as a whole, not each table.
void fitHeight(QTableWidget *table)
{
    table->resizeRowsToContents();
    int height = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
    for (int row = 0; row < table->rowCount(); ++row)
        height += table->rowHeight(row);
    table->setFixedHeight(height);
}

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment);
    return item;
}

QLabel *selectableLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

} // namespace

ProductCardDialog::ProductCardDialog(CacheDatabase &cache, const Id &productId, ProductImages *images,
                                     QWidget *parent)
    : QDialog(parent)
    , m_cache(cache)
    , m_productId(productId)
    , m_images(images)
{
    setObjectName(QStringLiteral("productCard"));
    setWindowTitle(tr("Product"));
    auto *outer = new QVBoxLayout(this);
    // Long descriptions and many properties scroll instead of squeezing the tables.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    m_title = selectableLabel(this);
    m_title->setObjectName(QStringLiteral("productCardTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_status = new QLabel(tr("Reading the product…"), this);
    layout->addWidget(m_status);

    // The details beside the picture.
    m_details = new QFormLayout;
    // The picture, and under it the way to the others when there are several.
    m_picturePanel = new QWidget(this);
    auto *pictureLayout = new QVBoxLayout(m_picturePanel);
    pictureLayout->setContentsMargins(0, 0, 0, 0);
    m_image = new QLabel(m_picturePanel);
    m_image->setObjectName(QStringLiteral("productCardImage"));
    m_image->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_image->setWordWrap(true);
    pictureLayout->addWidget(m_image);
    auto *pictureNavigation = new QHBoxLayout;
    m_previousPicture = new QToolButton(m_picturePanel);
    m_previousPicture->setObjectName(QStringLiteral("productCardPreviousPicture"));
    m_previousPicture->setArrowType(Qt::LeftArrow);
    m_previousPicture->setToolTip(tr("Previous picture"));
    m_nextPicture = new QToolButton(m_picturePanel);
    m_nextPicture->setObjectName(QStringLiteral("productCardNextPicture"));
    m_nextPicture->setArrowType(Qt::RightArrow);
    m_nextPicture->setToolTip(tr("Next picture"));
    m_pictureCount = new QLabel(m_picturePanel);
    m_pictureCount->setObjectName(QStringLiteral("productCardPictureCount"));
    m_pictureCount->setAlignment(Qt::AlignCenter);
    pictureNavigation->addWidget(m_previousPicture);
    pictureNavigation->addWidget(m_pictureCount, 1);
    pictureNavigation->addWidget(m_nextPicture);
    pictureLayout->addLayout(pictureNavigation);
    connect(m_previousPicture, &QToolButton::clicked, this, [this] { showPicture(m_picture - 1); });
    connect(m_nextPicture, &QToolButton::clicked, this, [this] { showPicture(m_picture + 1); });
    m_picturePanel->hide();
    if (m_images) {
        connect(m_images, &ProductImages::imageReady, this, &ProductCardDialog::onImageReady);
        connect(m_images, &ProductImages::imageFailed, this,
                [this](const QString &sha256, const QString &error) {
                    if (sha256 == m_imageRef)
                        m_image->setText(tr("The picture cannot be loaded: %1").arg(error));
                });
    }
    auto *top = new QHBoxLayout;
    top->addLayout(m_details, 1);
    top->addWidget(m_picturePanel, 0, Qt::AlignTop);
    top->setAlignment(m_details, Qt::AlignTop);
    layout->addLayout(top);

    m_description = selectableLabel(this);
    m_description->setObjectName(QStringLiteral("productCardDescription"));
    layout->addWidget(m_description);

    auto *propertiesBox = new QGroupBox(tr("Properties"), this);
    m_properties = new QFormLayout(propertiesBox);
    layout->addWidget(propertiesBox);

    auto *pricesBox = new QGroupBox(tr("Prices"), this);
    auto *pricesLayout = new QVBoxLayout(pricesBox);
    m_prices = makeTable({tr("Price type"), tr("Price"), tr("VAT"), tr("Volume breaks")}, pricesBox);
    m_prices->setObjectName(QStringLiteral("productCardPrices"));
    pricesLayout->addWidget(m_prices);
    layout->addWidget(pricesBox);

    auto *stockBox = new QGroupBox(tr("Stock"), this);
    auto *stockLayout = new QVBoxLayout(stockBox);
    m_stock
        = makeTable({tr("Warehouse"), tr("Available"), tr("On hand"), tr("Reserved"), tr("As of")}, stockBox);
    m_stock->setObjectName(QStringLiteral("productCardStock"));
    stockLayout->addWidget(m_stock);
    layout->addWidget(stockBox);

    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    outer->addWidget(buttons);
    resize(720, 680);

    const Id id = productId;
    m_cache.submitThen([id](QSqlDatabase &db) { return ProductQueries::productCard(db, id); }, this,
                       [this](QFuture<std::optional<ProductCard>> done) {
                           // Posted again so that it never runs inside this constructor (.then runs at once
                           // when the job is already done). One continuation for result and failure: a second
                           // one chained with onFailed(this) asserts when the dialog closes first.
                           QMetaObject::invokeMethod(
                               this,
                               [this, done]() mutable {
                                   m_loading = false;
                                   try {
                                       showCard(done.result()); // finished: does not wait
                                   } catch (const std::exception &error) {
                                       m_status->setText(tr("The product cannot be read from the cache: %1")
                                                             .arg(QString::fromStdString(error.what())));
                                   }
                               },
                               Qt::QueuedConnection);
                       });
}

ProductCardDialog::~ProductCardDialog()
{
    if (m_loading)
        m_cache.run([](QSqlDatabase &) {});
}

void ProductCardDialog::showCard(const std::optional<ProductCard> &card)
{
    if (!card) {
        m_status->setText(tr("This product is no longer in the catalog."));
        return;
    }
    const Product &product = card->product;
    const QLocale locale;
    setWindowTitle(tr("Product %1").arg(product.sku));
    m_title->setText(product.name);
    m_status->setVisible(!product.active);
    m_status->setText(tr("This product is no longer sold."));

    auto addDetail = [this](const QString &label, const QString &value) {
        QLabel *field = selectableLabel(this);
        field->setText(value);
        m_details->addRow(label, field);
    };
    addDetail(tr("SKU:"), product.sku);
    addDetail(tr("Unit:"), product.unit.name);
    if (!card->groupName.isEmpty())
        addDetail(tr("Group:"), card->groupName);
    if (!product.barcodes.isEmpty())
        addDetail(tr("Barcodes:"), product.barcodes.join(QStringLiteral(", ")));
    if (product.weightKg.isPositive())
        addDetail(tr("Weight:"), tr("%1 kg").arg(product.weightKg.toDisplayString(locale)));
    if (product.volumeM3.isPositive())
        addDetail(tr("Volume:"), tr("%1 m³").arg(product.volumeM3.toDisplayString(locale)));

    m_description->setText(product.description);
    m_description->setVisible(!product.description.isEmpty());

    for (const ProductCard::Property &property : card->properties) {
        QLabel *value = selectableLabel(this);
        value->setText(property.value);
        m_properties->addRow(property.name.isEmpty() ? tr("Property:") : tr("%1:").arg(property.name), value);
    }
    m_properties->parentWidget()->setVisible(!card->properties.isEmpty());

    fillPrices(*card);
    fillStock(*card);
    m_pictures = product.images;
    if (m_pictures.isEmpty() && !product.imageRef.isEmpty())
        m_pictures = {product.imageRef};
    showPicture(0);
    m_loaded = true;
    Q_EMIT loaded();
}

bool ProductCardDialog::hasImage() const
{
    return !m_image->pixmap().isNull();
}

void ProductCardDialog::showPicture(int index)
{
    if (index < 0 || index >= m_pictures.size() || !m_images)
        return;
    m_picture = index;
    const bool several = m_pictures.size() > 1;
    m_previousPicture->setVisible(several);
    m_nextPicture->setVisible(several);
    m_pictureCount->setVisible(several);
    m_previousPicture->setEnabled(index > 0);
    m_nextPicture->setEnabled(index + 1 < m_pictures.size());
    m_pictureCount->setText(tr("%1 of %2").arg(index + 1).arg(m_pictures.size()));
    m_picturePanel->show();
    showImage(m_pictures.at(index));
}

void ProductCardDialog::showImage(const QString &imageRef)
{
    m_imageRef = imageRef;
    m_image->setPixmap({});
    m_image->setText(tr("Loading the picture…"));
    m_image->setFixedSize(ImageSize, ImageSize);
    m_images->request(imageRef);
}

void ProductCardDialog::onImageReady(const QString &sha256, const QByteArray &content)
{
    if (sha256 != m_imageRef)
        return;
    QPixmap pixmap;
    if (!pixmap.loadFromData(content)) {
        m_image->setText(tr("The picture cannot be shown."));
        return;
    }
    const qreal ratio = devicePixelRatioF();
    pixmap
        = pixmap.scaled(QSize(ImageSize, ImageSize) * ratio, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    pixmap.setDevicePixelRatio(ratio);
    m_image->setPixmap(pixmap);
    Q_EMIT imageShown();
}

void ProductCardDialog::fillPrices(const ProductCard &card)
{
    const QLocale locale;
    const Qt::Alignment right = Qt::AlignRight | Qt::AlignVCenter;
    m_prices->setRowCount(int(card.prices.size()));
    for (int row = 0; row < card.prices.size(); ++row) {
        const ProductCard::PriceOfType &price = card.prices[row];
        QStringList breaks;
        for (const VolumeTier &tier : price.price.tiers) {
            breaks.append(
                tr("from %1: %2")
                    .arg(tier.minQuantity.toDisplayString(locale), tier.unitPrice.toDisplayString(locale)));
        }
        const bool customers = !m_customerPriceType.isNull() && price.priceType.id == m_customerPriceType;
        m_prices->setItem(
            row, 0,
            cell(customers ? tr("%1 (the customer's)").arg(price.priceType.name) : price.priceType.name));
        m_prices->setItem(row, 1, cell(price.price.unitPrice.toDisplayString(locale), right));
        m_prices->setItem(row, 2, cell(price.priceType.vatIncluded ? tr("included") : tr("not included")));
        m_prices->setItem(row, 3, cell(breaks.join(QStringLiteral("; "))));
        if (customers) {
            for (int column = 0; column < m_prices->columnCount(); ++column) {
                QFont font = m_prices->item(row, column)->font();
                font.setBold(true);
                m_prices->item(row, column)->setFont(font);
            }
        }
    }
    if (card.prices.isEmpty()) {
        m_prices->setRowCount(1);
        m_prices->setItem(0, 0, cell(tr("No price is available to you for this product.")));
        m_prices->setSpan(0, 0, 1, m_prices->columnCount());
    }
    fitHeight(m_prices);
}

void ProductCardDialog::fillStock(const ProductCard &card)
{
    const QLocale locale;
    const Qt::Alignment right = Qt::AlignRight | Qt::AlignVCenter;
    m_stock->setRowCount(int(card.stock.size()));
    for (int row = 0; row < card.stock.size(); ++row) {
        const ProductCard::StockAt &at = card.stock[row];
        m_stock->setItem(row, 0, cell(at.warehouse.name));
        m_stock->setItem(row, 1, cell(at.level.available().toDisplayString(locale), right));
        m_stock->setItem(row, 2, cell(at.level.onHand.toDisplayString(locale), right));
        m_stock->setItem(row, 3, cell(at.level.reserved.toDisplayString(locale), right));
        m_stock->setItem(row, 4,
                         cell(at.level.asOf.isValid()
                                  ? locale.toString(at.level.asOf.toLocalTime(), QLocale::ShortFormat)
                                  : tr("not counted")));
    }
    fitHeight(m_stock);
}

} // namespace portico::client
