#pragma once

#include "domain/document.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace portico::server {

class FeedBatch;

// The accounting documents of customers and their orders: invoices, waybills, payments, as the
// accounting system reports them and as the warehouse ships. The feed carries each one to its
// customer's audience ("customer:<id>"), like the customer's orders, so a buyer or a rep sees
// the documents of their own customers and no one else's.
class DocumentRepository final
{
public:
    explicit DocumentRepository(const QSqlDatabase &tx)
        : m_tx(tx)
    { }

    // Inserts or replaces each document by id, and publishes it.
    void upsert(const QList<Document> &documents, FeedBatch &feed);
    std::optional<Document> find(const Id &id) const;
    // The document the accounting system knows under this id; none when it is new.
    std::optional<Document> findExternal(const QString &externalId) const;
    // An order's documents, by date and number.
    QList<Document> ofOrder(const Id &orderId) const;

private:
    QList<Document> select(const QString &where, const QString &key) const;

    QSqlDatabase m_tx;
};

} // namespace portico::server
