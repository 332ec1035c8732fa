#include "domain/document.h"

#include <array>

namespace portico {

namespace {

constexpr std::array kAllKinds {DocumentKind::Invoice,
                                DocumentKind::Waybill,
                                DocumentKind::Act,
                                DocumentKind::Payment,
                                DocumentKind::ReconciliationStatement,
                                DocumentKind::Contract,
                                DocumentKind::Other};

QLatin1String wireName(DocumentKind kind) noexcept
{
    switch (kind) {
    case DocumentKind::Invoice:
        return QLatin1String("invoice");
    case DocumentKind::Waybill:
        return QLatin1String("waybill");
    case DocumentKind::Act:
        return QLatin1String("act");
    case DocumentKind::Payment:
        return QLatin1String("payment");
    case DocumentKind::ReconciliationStatement:
        return QLatin1String("reconciliation_statement");
    case DocumentKind::Contract:
        return QLatin1String("contract");
    case DocumentKind::Other:
        return QLatin1String("other");
    }
    return QLatin1String("other");
}

} // namespace

QString documentKindToString(DocumentKind kind)
{
    return wireName(kind);
}

std::optional<DocumentKind> documentKindFromString(QStringView text)
{
    for (DocumentKind kind : kAllKinds) {
        if (text == wireName(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace portico
