#pragma once

#include <QStyledItemDelegate>

namespace portico::client {

// The editor of the catalog's quantity column: a line that takes a positive quantity with up to
// three decimals ("2", "1,5"). Enter commits the quantity and reports it with quantityConfirmed(),
// so the page adds the product to the cart; leaving the editor otherwise only keeps the quantity
// typed in the cell. A barcode scanned while the quantity cell has the keyboard (eight digits or
// more, no decimals: no one orders ten million of a thing) is not a quantity: barcodeEntered()
// reports it and the cell keeps what it had.
class QuantityDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuantityDelegate)

public:
    explicit QuantityDelegate(QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    // Keeps what the user is typing when the row's data is refreshed (a sync, other prices).
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;

Q_SIGNALS:
    void quantityConfirmed(const QModelIndex &index);
    void barcodeEntered(const QString &barcode);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace portico::client
