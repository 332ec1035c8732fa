#pragma once

#include "domain/document.h"

#include <QTreeWidget>

namespace portico::client {

// A list of accounting documents: kind, number, date, amount and, where asked for, the order
// each belongs to. The order's detail and the customer's card show their documents with it.
class DocumentsView final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentsView)

public:
    enum class Orders { Hidden, Shown };

    explicit DocumentsView(Orders orders, QWidget *parent = nullptr);
    ~DocumentsView() override;

    // The documents, each with its order's number (ignored when orders are hidden).
    void showDocuments(const QList<std::pair<Document, QString>> &documents);
    void showDocuments(const QList<Document> &documents);
};

} // namespace portico::client
