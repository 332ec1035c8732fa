#pragma once

#include "domain/catalog.h"
#include "domain/customer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace portico::server {

// What the CommerceML reader hands over, one entity at a time, still in the accounting
// system's terms: external ids ("Ид"), numbers as the file spells them ("1 234,50"). The
// importer turns them into Portico's rows; the reader never keeps more than one of them.

using NamedValue = std::pair<QString, QString>; // (id or name, value)

struct CmlGroup
{
    QString id;
    QString parentId; // empty for a root group
    QString name;
    int sortOrder = 0;
};

struct CmlProperty
{
    QString id;
    QString name;
    PropertyType type = PropertyType::String;
    QList<NamedValue> values; // reference values: (value id, text)
};

struct CmlProduct
{
    QString id; // "product" or "product#characteristic"
    std::optional<QString> sku;
    std::optional<QStringList> barcodes;
    QString name;
    std::optional<QString> description;
    std::optional<QString> groupId; // the first of Группы
    std::optional<QString> unitCode; // OKEI code, trimmed ("796 " -> "796")
    QString unitName; // the short name when the file gives one
    std::optional<VatRate> vatRate;
    QStringList images; // paths relative to the exchange folder ("import_files/ab/x.jpg")
    std::optional<QList<NamedValue>> properties; // (property id, value or value id)
    QList<NamedValue> requisites; // ЗначенияРеквизитов: (name, value)
    bool deleted = false; // ПометкаУдаления, or Статус="Удален"
};

struct CmlPriceType
{
    QString id;
    QString name;
    QString currency; // as written ("RUB", "руб", "643"); empty when absent
    bool vatIncluded = true;
};

struct CmlWarehouse
{
    QString id;
    QString name;
    QString address;
};

struct CmlPrice
{
    QString priceTypeId;
    QString unitPrice; // as written
    QString currency;
};

struct CmlOffer
{
    QString id; // product or product#characteristic
    QList<CmlPrice> prices;
    std::optional<QString> quantity; // the total, when no warehouse is named
    QList<NamedValue> stock; // (warehouse id, quantity as written)
    bool hasPrices = false;
};

struct CmlCounterparty
{
    QString id;
    QString name;
    QString legalName;
    QString inn;
    QString kpp;
    QList<Address> addresses;
    QList<Contact> contacts;
    bool deleted = false;
};

struct CmlDocumentLine
{
    QString productId;
    QString sku;
    QString name;
    QString unitPrice;
    QString quantity;
    QString amount;
};

// A document of a `sale` exchange coming back from 1C (an order with its state in 1C).
struct CmlDocument
{
    QString id; // the site's order id as Portico sent it, or 1C's own
    QString number;
    QString date;
    QString operation; // ХозОперация: "Заказ товара", ...
    QString amount;
    QList<CmlDocumentLine> lines;
    QList<NamedValue> requisites; // ЗначенияРеквизитов: (name, value)
    bool deleted = false;
};

// Receives what the reader finds; each call may throw to stop the import (the reader passes
// the exception on and the caller's transaction rolls back).
class CommerceMLSink
{
public:
    virtual ~CommerceMLSink() = default;
    // Called when a Каталог or ПакетПредложений starts: whether it holds changes only.
    virtual void package(bool changesOnly) = 0;
    virtual void group(const CmlGroup &group) = 0;
    virtual void property(const CmlProperty &property) = 0;
    virtual void product(const CmlProduct &product) = 0;
    virtual void priceType(const CmlPriceType &priceType) = 0;
    virtual void warehouse(const CmlWarehouse &warehouse) = 0;
    virtual void offer(const CmlOffer &offer) = 0;
    virtual void counterparty(const CmlCounterparty &counterparty) = 0;
    virtual void document(const CmlDocument &document) = 0;
};

} // namespace portico::server
