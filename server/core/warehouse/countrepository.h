#pragma once

#include "domain/ids.h"
#include "domain/quantity.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace portico::server {

class FeedBatch;

namespace countstatus {
inline const QString Open = QStringLiteral("open");
inline const QString Submitted = QStringLiteral("submitted");
inline const QString Approved = QStringLiteral("approved");
inline const QString Rejected = QStringLiteral("rejected");
} // namespace countstatus

struct CountLine
{
    Id productId;
    QString bin;
    Quantity counted;
    std::optional<Quantity> expected; // on hand of the product when the count was submitted
};

struct CountSession
{
    Id id;
    QString number;
    Id warehouseId;
    QString status;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QStringList bins; // empty: the whole warehouse
    QList<CountLine> lines;
};

// Count sessions and their lines in storage.
class CountRepository final
{
public:
    explicit CountRepository(const QSqlDatabase &tx);

    std::optional<CountSession> find(const Id &id) const;
    // The session with its row locked for this transaction (PostgreSQL; SQLite has one writer).
    std::optional<CountSession> lockForUpdate(const Id &id);
    void insert(const CountSession &session, const Id &byUser);
    // A repeat count of the same product and bin replaces the earlier one.
    void putLine(const Id &countId, const CountLine &line, const Id &byUser, qint64 nowMs);
    void setExpected(const Id &countId, const Id &productId, const QString &bin, Quantity expected);
    void setStatus(const Id &countId, const QString &status, qint64 nowMs, const Id &decidedBy = {});

    // The session as the terminals get it: blind, without expected quantities.
    static QJsonObject json(const CountSession &session);
    static void publish(const CountSession &session, FeedBatch &feed);

private:
    QSqlDatabase m_tx;
    bool m_postgres = false;
};

} // namespace portico::server
