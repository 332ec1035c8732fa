#pragma once

#include "domain/ids.h"
#include "domain/quantity.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;
class QTreeView;

namespace portico::client {

class CacheDatabase;
class CustomerContext;
class GroupTreeModel;
class ProductCardDialog;
class ProductImages;
class ProductTableModel;
class QuantityDelegate;

// The catalog: the group tree beside the products of the chosen group, a search box that filters
// as you type, a barcode or SKU entry, the product card, and adding to the cart by typing a
// quantity and Enter. Keyboard: Ctrl+F or F3 search (Esc clears it, Down goes to the table),
// Ctrl+B barcode or SKU, F4 or Enter the product card, a digit on a row starts its quantity,
// Enter on a quantity adds the product to the cart, Esc or Up on the first row goes back to the
// search. A barcode scanned into the table is looked up, not taken for a quantity.
class CatalogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogPage)

public:
    CatalogPage(CacheDatabase &cache, CustomerContext &customer, QWidget *parent = nullptr);
    ~CatalogPage() override;

    // The search box's delay before a search starts, in milliseconds.
    static constexpr int SearchDelay = 150;

    GroupTreeModel *groupModel() const { return m_groups; }
    ProductTableModel *productModel() const { return m_products; }
    QTreeView *groupView() const { return m_groupView; }
    QTableView *productView() const { return m_productView; }
    QLineEdit *searchBox() const { return m_search; }
    QLineEdit *barcodeBox() const { return m_barcode; }
    // The line under the entries: confirmations, "not found", how many products are shown.
    QString message() const;
    // The product of the current row when its page is loaded.
    Id currentProductId() const;
    // The open product card, if any.
    ProductCardDialog *productCard() const;
    // Where the product card gets pictures from; without it the card shows none.
    void setProductImages(ProductImages *images);

public Q_SLOTS:
    // Reads the groups and products again (after a sync), keeping the selection and the scroll
    // position where the rows allow.
    void reload();
    void focusSearch();
    void focusBarcode();
    // Opens the card of the current row's product.
    void openProductCard();

Q_SIGNALS:
    void addToCartRequested(const portico::Id &productId, const portico::Quantity &quantity);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildLayout();
    void addShortcuts();
    void onGroupsLoaded();
    void onGroupChosen(const QModelIndex &current);
    void onProductsLoaded();
    void startSearch();
    void lookUpBarcode();
    void showFound(const Id &productId, const Id &groupId, int row);
    void selectRow(int row, bool editQuantity);
    void onPageLoaded(int page);
    void addToCart(const QModelIndex &index);
    void showMessage(const QString &text, bool problem, bool transient);
    void showCount();

    CacheDatabase &m_cache;
    CustomerContext &m_customer;
    GroupTreeModel *m_groups = nullptr;
    ProductTableModel *m_products = nullptr;
    QuantityDelegate *m_quantityDelegate = nullptr;

    QLineEdit *m_search = nullptr;
    QLineEdit *m_barcode = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_count = nullptr;
    QSplitter *m_splitter = nullptr;
    QTreeView *m_groupView = nullptr;
    QTableView *m_productView = nullptr;
    QTimer *m_searchTimer = nullptr;
    QTimer *m_messageTimer = nullptr;
    QPointer<ProductCardDialog> m_card;
    QPointer<ProductImages> m_images;

    // What to select once the products being read arrive: a product found by barcode, or the
    // row selected before a reload.
    struct PendingSelection
    {
        Id productId;
        int row = -1;
        bool editQuantity = false;
        int scroll = -1;
    };
    std::optional<PendingSelection> m_pending;
    int m_editRow = -1; // the row whose quantity opens once its page arrives
    int m_lookups = 0; // barcode look-ups queued on the cache
    quint64 m_lookupSequence = 0;
    bool m_groupsShown = false;
};

} // namespace portico::client
