#include "documents/documentrepository.h"

#include "catalog/catalogrepository.h"
#include "protocol/codecs.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"

namespace portico::server {

namespace {

const QString Columns = QStringLiteral("id, external_id, kind, number, doc_date, amount_minor, currency, "
                                       "customer_id, order_id, file_ref, file_name");

Document documentFrom(const QSqlQuery &q)
{
    Document d;
    d.id = idFrom(q.value(0));
    d.externalId = q.value(1).toString();
    d.kind = documentKindFromString(q.value(2).toString()).value_or(DocumentKind::Other);
    d.number = q.value(3).toString();
    d.date = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    const Currency currency = Currency::fromCode(q.value(6).toString()).value_or(Currency::rub());
    d.amount = Money::fromMinor(q.value(5).toLongLong(), currency);
    d.customerId = idFrom(q.value(7));
    d.orderId = idFrom(q.value(8));
    d.fileRef = q.value(9).toString();
    d.fileName = q.value(10).toString();
    return d;
}

} // namespace

void DocumentRepository::upsert(const QList<Document> &documents, FeedBatch &feed)
{
    Sql q(m_tx,
          QStringLiteral("INSERT INTO documents (") + Columns
              + QStringLiteral(") VALUES (:id, :ext, :kind, :number, :date, :amount, :currency, :customer, "
                               ":order, :file, :name) ON CONFLICT (id) DO UPDATE SET "
                               "external_id = excluded.external_id, kind = excluded.kind, "
                               "number = excluded.number, doc_date = excluded.doc_date, "
                               "amount_minor = excluded.amount_minor, currency = excluded.currency, "
                               "customer_id = excluded.customer_id, order_id = excluded.order_id, "
                               "file_ref = excluded.file_ref, file_name = excluded.file_name"));
    for (const Document &d : documents) {
        const Currency currency = d.amount.currency().isValid() ? d.amount.currency() : Currency::rub();
        q.bind(QStringLiteral(":id"), idText(d.id))
            .bind(QStringLiteral(":ext"), textOrNull(d.externalId))
            .bind(QStringLiteral(":kind"), documentKindToString(d.kind))
            .bind(QStringLiteral(":number"), d.number)
            .bind(QStringLiteral(":date"), d.date.toString(Qt::ISODate))
            .bind(QStringLiteral(":amount"), d.amount.minor())
            .bind(QStringLiteral(":currency"), currency.code())
            .bind(QStringLiteral(":customer"), idText(d.customerId))
            .bind(QStringLiteral(":order"), idValue(d.orderId))
            .bind(QStringLiteral(":file"), d.fileRef)
            .bind(QStringLiteral(":name"), d.fileName)
            .exec();
        feed.upsert(entity::Document, idText(d.id), Audience::customer(idText(d.customerId)),
                    protocol::toJson(d));
    }
}

QList<Document> DocumentRepository::select(const QString &where, const QString &key) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM documents WHERE ") + where
              + QStringLiteral(" ORDER BY doc_date, number, id"));
    q.bind(QStringLiteral(":key"), key).exec();
    QList<Document> documents;
    while (q.next())
        documents.append(documentFrom(q.query()));
    return documents;
}

std::optional<Document> DocumentRepository::find(const Id &id) const
{
    const QList<Document> found = select(QStringLiteral("id = :key"), idText(id));
    return found.isEmpty() ? std::nullopt : std::optional<Document>(found.first());
}

std::optional<Document> DocumentRepository::findExternal(const QString &externalId) const
{
    if (externalId.isEmpty())
        return std::nullopt;
    const QList<Document> found = select(QStringLiteral("external_id = :key"), externalId);
    return found.isEmpty() ? std::nullopt : std::optional<Document>(found.first());
}

QList<Document> DocumentRepository::ofOrder(const Id &orderId) const
{
    return select(QStringLiteral("order_id = :key"), idText(orderId));
}

} // namespace portico::server
