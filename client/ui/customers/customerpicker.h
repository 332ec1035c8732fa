#pragma once

#include <QWidget>

class QCompleter;
class QKeySequence;
class QLineEdit;
class QModelIndex;
class QShortcut;

namespace portico::client {

class CacheDatabase;
class CustomerContext;
class CustomerListModel;

// The customer being ordered for, in the main window's toolbar. A rep types part of a name or an
// INN and picks from the matches; a buyer's customer is fixed and only shown.
class CustomerPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomerPicker)

public:
    CustomerPicker(CacheDatabase &cache, CustomerContext &customer, QWidget *parent = nullptr);
    ~CustomerPicker() override;

    // A window-wide shortcut that puts the cursor into the picker; shown in its hint.
    void setShortcut(const QKeySequence &sequence);
    // Only the hint, for a shortcut the window owns (an action of its menu that focuses the picker).
    void setShortcutHint(const QKeySequence &sequence);

    QLineEdit *lineEdit() const { return m_edit; }
    QCompleter *completer() const { return m_completer; }
    CustomerListModel &model() const { return *m_model; }

public Q_SLOTS:
    // Reads the customers again (after a sync).
    void reload();

Q_SIGNALS:
    // The user chose a customer (the context holds it already).
    void customerChosen();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showCurrent();
    void choose(const QModelIndex &completionIndex);
    void chooseTyped();

    CustomerContext &m_customer;
    CustomerListModel *m_model = nullptr;
    QLineEdit *m_edit = nullptr;
    QCompleter *m_completer = nullptr;
    QShortcut *m_shortcut = nullptr;
};

} // namespace portico::client
