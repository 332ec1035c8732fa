#include "catalog/quantitydelegate.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QPersistentModelIndex>
#include <QRegularExpressionValidator>

namespace portico::client {

namespace {

constexpr const char *IndexProperty = "porticoQuantityIndex";

} // namespace

QuantityDelegate::QuantityDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QWidget *QuantityDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                        const QModelIndex &index) const
{
    auto *editor = new QLineEdit(parent);
    editor->setFrame(false);
    editor->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    editor->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral(R"(\d{0,14}([.,]\d{0,3})?)")), editor));
    editor->setProperty(IndexProperty, QVariant::fromValue(QPersistentModelIndex(index)));
    return editor;
}

void QuantityDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *line = qobject_cast<QLineEdit *>(editor); line && line->isModified())
        return;
    QStyledItemDelegate::setEditorData(editor, index);
}

bool QuantityDelegate::eventFilter(QObject *watched, QEvent *event)
{
    auto *editor = qobject_cast<QLineEdit *>(watched);
    if (editor && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            const QPersistentModelIndex index
                = editor->property(IndexProperty).value<QPersistentModelIndex>();
            static const QRegularExpression Barcode(QStringLiteral(R"(^\d{8,14}$)"));
            const QString text = editor->text().trimmed();
            if (Barcode.match(text).hasMatch()) {
                Q_EMIT closeEditor(editor, QAbstractItemDelegate::RevertModelCache);
                Q_EMIT barcodeEntered(text);
                return true;
            }
            Q_EMIT commitData(editor);
            Q_EMIT closeEditor(editor, QAbstractItemDelegate::NoHint);
            if (index.isValid())
                Q_EMIT quantityConfirmed(index);
            return true;
        }
    }
    return QStyledItemDelegate::eventFilter(watched, event);
}

} // namespace portico::client
