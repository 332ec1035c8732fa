#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace portico::server {

// What one import did, for the exchange log and the tests.
struct ImportCounts
{
    int groups = 0;
    int properties = 0;
    int products = 0;
    int priceTypes = 0;
    int warehouses = 0;
    int prices = 0;
    int stock = 0;
    int customers = 0;
    int orders = 0; // orders changed by documents from 1C
    int deactivated = 0;
    int images = 0;
    bool changesOnly = false;
    QStringList warnings; // what was passed over, at most a few dozen

    QJsonObject toJson() const
    {
        QJsonObject json {
            {QStringLiteral("groups"), groups},         {QStringLiteral("properties"), properties},
            {QStringLiteral("products"), products},     {QStringLiteral("price_types"), priceTypes},
            {QStringLiteral("warehouses"), warehouses}, {QStringLiteral("prices"), prices},
            {QStringLiteral("stock"), stock},           {QStringLiteral("customers"), customers},
            {QStringLiteral("orders"), orders},         {QStringLiteral("deactivated"), deactivated},
            {QStringLiteral("images"), images}};
        if (!warnings.isEmpty())
            json.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
        return json;
    }

    // Another file's counts added, as one import of both.
    ImportCounts &operator+=(const ImportCounts &other)
    {
        groups += other.groups;
        properties += other.properties;
        products += other.products;
        priceTypes += other.priceTypes;
        warehouses += other.warehouses;
        prices += other.prices;
        stock += other.stock;
        customers += other.customers;
        orders += other.orders;
        deactivated += other.deactivated;
        images += other.images;
        changesOnly = changesOnly || other.changesOnly;
        for (const QString &warning : other.warnings)
            warn(warning);
        return *this;
    }

    void warn(const QString &warning)
    {
        if (warnings.size() < 50)
            warnings << warning;
    }
};

} // namespace portico::server
