#pragma once

#include "domain/ids.h"
#include "domain/money.h"

#include <QList>
#include <QString>

namespace portico {

enum class AddressKind { Legal, Actual, Delivery };

struct Address
{
    AddressKind kind = AddressKind::Delivery;
    QString text; // as one line, the way the accounting system presents it
    QString postalCode;
    friend bool operator==(const Address &, const Address &) = default;
};

struct Contact
{
    QString name;
    QString phone;
    QString email;
    friend bool operator==(const Contact &, const Contact &) = default;
};

// A counterparty ("контрагент") the company sells to.
struct Customer
{
    Id id;
    ExternalId externalId;
    QString name; // short working name
    QString legalName; // "ООО «Ромашка»"
    QString inn; // 10 digits for organisations, 12 for sole traders
    QString kpp; // 9 characters, organisations only
    QList<Address> addresses;
    QList<Contact> contacts;
    Id priceTypeId;
    BasisPoints discount = 0; // customer discount applied to every line
    Money creditLimit; // zero limit with `creditLimitSet` false means no limit
    bool creditLimitSet = false;
    int paymentTermsDays = 0; // deferral: invoices fall due this many days after shipment
    Id assignedRepId;
    bool blocked = false;
    friend bool operator==(const Customer &, const Customer &) = default;
};

// What the customer owes now, as the accounting system last reported it.
struct CustomerBalance
{
    Id customerId;
    Money balance; // positive: the customer owes us
    Money overdueDebt; // part of balance past its due date
    friend bool operator==(const CustomerBalance &, const CustomerBalance &) = default;
};

} // namespace portico
