#pragma once

#include "domain/ids.h"
#include "domain/money.h"

#include <QDate>
#include <QString>

#include <optional>

namespace portico {

enum class DocumentKind {
    Invoice, // счёт на оплату
    Waybill, // ТОРГ-12 / УПД
    Act, // акт выполненных работ
    Payment, // платёжное поручение
    ReconciliationStatement, // акт сверки
    Contract,
    Other,
};

// Wire names: "invoice", "waybill", "act", "payment", "reconciliation_statement", "contract",
// "other".
QString documentKindToString(DocumentKind kind);
std::optional<DocumentKind> documentKindFromString(QStringView text);

struct Document
{
    Id id;
    ExternalId externalId;
    DocumentKind kind = DocumentKind::Other;
    QString number;
    QDate date;
    Money amount;
    Id customerId;
    Id orderId; // null when not tied to an order
    QString fileRef; // content hash in the blob store, empty when there is no file
    QString fileName;
    friend bool operator==(const Document &, const Document &) = default;
};

} // namespace portico
