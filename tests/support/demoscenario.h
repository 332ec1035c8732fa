#pragma once

#include "orders/localorders.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace portico::test {

inline const QString DemoPassword = QStringLiteral("demo");

struct JsonReply
{
    int status = 0;
    QJsonObject json;
};

inline JsonReply callApi(quint16 port, const QByteArray &method, const QByteArray &target,
                         const QJsonObject &body, const QString &token)
{
    const QByteArray payload
        = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token.toLatin1() + "\r\n";
    if (method != "GET")
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(payload.size())
            + "\r\n";
    request += "\r\n" + payload;
    const auto raw = rawHttp(port, request, 30000);
    return {raw.status, QJsonDocument::fromJson(raw.body).object()};
}

inline QString demoToken(quint16 port, const QString &login)
{
    return callApi(
               port, "POST", "/api/v1/auth/login",
               QJsonObject {{QStringLiteral("login"), login},
                            {QStringLiteral("password"), DemoPassword},
                            {QStringLiteral("device_id"), QString(QStringLiteral("fault-tests-") + login)}},
               {})
        .json.value(QStringLiteral("access_token"))
        .toString();
}

// How many orders the server holds per comment, for comments starting with `tag`.
inline QHash<QString, int> serverOrdersByComment(quint16 port, const QString &tag)
{
    const QString token = demoToken(port, QStringLiteral("manager"));
    QHash<QString, int> counts;
    for (int offset = 0;; offset += 500) {
        const JsonReply list = callApi(
            port, "GET", "/api/v1/orders?limit=500&offset=" + QByteArray::number(offset), {}, token);
        const QJsonArray orders = list.json.value(QStringLiteral("orders")).toArray();
        for (const auto &order : orders) {
            const QString comment = order.toObject().value(QStringLiteral("comment")).toString();
            if (comment.startsWith(tag))
                ++counts[comment];
        }
        if (orders.size() < 500)
            break;
    }
    return counts;
}

// Writes `count` submitted orders into the client's outbox, each with comment tag + number; one
// transaction per order, as a user would. Returns their ids.
inline QList<Id> queueOrders(TestClient &client, int count, const QString &tag, int lines = 2)
{
    return client.cache().run([&](QSqlDatabase &db) {
        QSqlQuery customer(db);
        customer.exec(
            QStringLiteral("SELECT c.id, c.price_type_id FROM customer c JOIN price_type t "
                           "ON t.id = c.price_type_id WHERE c.blocked = 0 ORDER BY c.name LIMIT 1"));
        QList<Id> ids;
        if (!customer.next())
            return ids;
        QSqlQuery product(db);
        // The best-stocked products: accepted orders reserve their stock, so that many orders of
        // scarce products would end rejected for want of stock.
        product.prepare(QStringLiteral(
            "SELECT p.id FROM product p JOIN price r ON r.product_id = p.id AND r.price_type_id = ? "
            "WHERE p.active = 1 ORDER BY (SELECT COALESCE(SUM(s.on_hand_milli - s.reserved_milli), 0) "
            "FROM stock s WHERE s.product_id = p.id) DESC, p.sku LIMIT ?"));
        product.addBindValue(customer.value(1).toString());
        product.addBindValue(lines);
        product.exec();
        QList<Id> products;
        while (product.next())
            products.append(Id(product.value(0).toString()));
        const Id userId(client.userId());
        for (int i = 0; i < count; ++i) {
            client::OrderDraft draft;
            draft.customerId = Id(customer.value(0).toString());
            draft.comment = tag + QString::number(i);
            for (const Id &p : products)
                draft.lines.append({p, Quantity::fromMilli(1000 + 1000 * (i % 3))});
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const auto saved = client::LocalOrders::saveDraft(db, draft, userId, now);
            client::LocalOrders::submit(db, saved.order.id, now);
            ids.append(saved.order.id);
        }
        return ids;
    });
}

// Runs sync cycles until the outbox is empty or the time is up; the number of cycles run.
inline int syncUntilOutboxEmpty(TestClient &client, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    int cycles = 0;
    while (clock.elapsed() < timeoutMs) {
        const auto summary = client.sync(30000);
        ++cycles;
        if (summary && summary->ok && summary->pending == 0)
            return cycles;
    }
    return cycles;
}

} // namespace portico::test
