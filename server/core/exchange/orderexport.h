#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QString>

namespace portico::server {

// The orders 1C has not seen in their current version, as a CommerceML 2.10 document per
// order ("Заказ товара": number, date, sum, the counterparty with ИНН/КПП and addresses, lines
// with the product's Ид and Артикул, price, quantity, sum and VAT, status requisites), the
// answer to `type=sale&mode=query`. The same orders come again until `success` records their
// versions (ExchangeRepository::markOrderExported).
class OrderExport final
{
public:
    explicit OrderExport(const QSqlDatabase &tx)
        : m_tx(tx)
    { }

    struct Result
    {
        QByteArray xml; // encoded as asked
        QJsonArray orders; // [{"id", "version"}] for `success`
        QJsonArray shipments; // [{"shipment": id}] for `success`
    };

    // `encoding`: "UTF-8" or "windows-1251". At most `limit` orders, oldest first.
    Result build(const QString &encoding, qint64 now, int limit = 500) const;

private:
    QSqlDatabase m_tx;
};

} // namespace portico::server
