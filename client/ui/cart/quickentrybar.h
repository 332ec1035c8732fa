#pragma once

#include "domain/ids.h"
#include "domain/quantity.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace portico::client {

class CacheDatabase;

// The cart's quick entry: a SKU or a barcode, Tab, a quantity, Enter. The code is looked up in
// the cache (exact SKU first, then barcode); an unknown code is said next to the field and stays
// there to be corrected. A barcode scanner's Enter after the code moves on to the quantity.
class QuickEntryBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickEntryBar)

public:
    explicit QuickEntryBar(CacheDatabase &cache, QWidget *parent = nullptr);
    ~QuickEntryBar() override;

    QLineEdit *codeField() const { return m_code; }
    QLineEdit *quantityField() const { return m_quantity; }
    QString message() const;

public Q_SLOTS:
    // Looks the code up and adds; the same as Enter in the quantity field.
    void submitEntry();
    void focusCode();

Q_SIGNALS:
    void productEntered(const portico::Id &productId, const portico::Quantity &quantity,
                        const QString &description);

private:
    void showMessage(const QString &text, bool problem);

    CacheDatabase &m_cache;
    QLineEdit *m_code = nullptr;
    QLineEdit *m_quantity = nullptr;
    QPushButton *m_add = nullptr;
    QLabel *m_message = nullptr;
    int m_lookups = 0; // the newest lookup wins
};

} // namespace portico::client
