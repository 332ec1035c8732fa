#pragma once

#include "domain/catalog.h"
#include "domain/order.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QStringList>
#include <QStringView>

namespace portico::server {

// The change feed's JSON of catalog rows written straight as compact UTF-8, byte for byte what
// QJsonDocument::toJson(Compact) makes of protocol::toJson (keys in QJsonObject's sorted order,
// the same escapes): in a bulk upsert, building and serialising QJsonObjects costs more than the
// statements. tst_exchangeimport compares the two.
namespace FeedJson {

// `text` as a JSON string literal, quotes included.
void appendString(QByteArray &out, QStringView text);
// protocol::toJsonValue(at) as JSON: "2026-11-29T08:30:00Z" (".123" before the Z when it has
// milliseconds) or null. Formatting through QDateTime costs more than the rest of a stock row.
void appendTime(QByteArray &out, const QDateTime &at);
// A JSON array of strings: a product's barcodes, its pictures' content hashes.
QByteArray strings(const QStringList &list);
QByteArray properties(const QList<ProductPropertyValue> &values);
// protocol::toJson(product), with the two arrays already written by the functions above.
QByteArray product(const Product &p, const QByteArray &barcodesJson, const QByteArray &propertiesJson);
// protocol::toJson of a price as stored: its two ids as text (no braces, lower case).
QByteArray priceRow(QByteArrayView productId, QByteArrayView priceTypeId, const Money &unitPrice,
                    const QList<VolumeTier> &tiers);
// protocol::toJson of a stock level as stored, with `asOf` already written (a page's levels
// mostly share it).
QByteArray stockRow(QByteArrayView productId, QByteArrayView warehouseId, Quantity onHand, Quantity reserved,
                    const QByteArray &asOf);
// OrderService::orderJson: protocol::toJson(order) with `outcomeJson` as its "outcome" member.
QByteArray order(const Order &o, const QByteArray &outcomeJson);

} // namespace FeedJson

} // namespace portico::server
