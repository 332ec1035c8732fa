#pragma once

#include "domain/order.h"

#include <QWidget>

#include <functional>
#include <optional>

class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QSqlDatabase;

namespace portico::client {

class CacheDatabase;
class Cart;
class CartModel;
class CustomerContext;
class QuickEntryBar;
struct ImportResult;

// The order being put together: quick entry by SKU or barcode, the lines (quantity edited in
// place, Delete removes), paste from Excel and CSV import with a report of the rows not
// understood, totals with VAT as priced offline, delivery date and comment, a credit warning
// before submitting, and a word on what happened to the order after it.
class CartPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CartPage)

public:
    CartPage(Cart &cart, CacheDatabase &cache, CustomerContext &customer, QWidget *parent = nullptr);
    ~CartPage() override;

    // The page's message line: what the last action did or why it could not.
    QString message() const;

public Q_SLOTS:
    // Whether the client reaches the server now: the message after a submit says queued or sent.
    void setOnline(bool online);
    // Submitting is refused with `reason` (this version is no longer supported); empty allows it
    // again. Drafts stay editable and can be saved.
    void setSubmitBlocked(const QString &reason);
    void focusQuickEntry();
    // Ctrl+V on the lines, or the "Paste from Excel" button: the clipboard's text.
    void pasteFromClipboard();
    void pasteText(const QString &text);
    // Ctrl+I: a file dialog, then importFile().
    void importCsv();
    void importFile(const QString &path);
    void saveAsDraft();
    void submitOrder();
    void clearCart();

Q_SIGNALS:
    // The order is in the outbox; the main window tells the sync engine (outboxChanged()).
    void orderSubmitted(const portico::Order &order);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildLayout();
    void connectCart();
    void addShortcuts();
    void refresh();
    void refreshCustomer();
    void removeSelectedLines();
    void runImport(const QString &source, std::function<ImportResult(QSqlDatabase &)> job);
    void showImport(const QString &source, const ImportResult &result);
    void showMessage(const QString &text, bool problem);
    void showSubmitted();
    QString creditWarning() const;

    Cart &m_cart;
    CacheDatabase &m_cache;
    CustomerContext &m_customer;
    CartModel *m_model = nullptr;
    QuickEntryBar *m_entry = nullptr;
    QLabel *m_customerLabel = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_paste = nullptr;
    QPushButton *m_import = nullptr;
    QDateEdit *m_deliveryDate = nullptr;
    QLineEdit *m_comment = nullptr;
    QLabel *m_net = nullptr;
    QLabel *m_vat = nullptr;
    QLabel *m_total = nullptr;
    QLabel *m_pricesAsOf = nullptr;
    QLabel *m_unpriced = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_clear = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_submit = nullptr;
    bool m_online = false;
    QString m_submitBlocked;
    std::optional<Order> m_submitted; // while the message is about it
};

} // namespace portico::client
