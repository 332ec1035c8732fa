// Amounts and quantities as they arrive in JSON, CommerceML and pasted text. Invariant: what
// parses prints canonically, and the canonical text parses back to the same value.
#include "domain/money.h"
#include "domain/quantity.h"

#include <QLocale>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto rub = portico::Currency::rub();
    if (const auto money = portico::Money::parse(text, rub)) {
        const auto again = portico::Money::parse(money->toString(), rub);
        if (!again || !(*again == *money))
            std::abort();
    }
    for (const QLocale &locale : {QLocale(QLocale::Russian, QLocale::Russia), QLocale(QLocale::English)}) {
        if (const auto typed = portico::Money::parseDisplay(text, locale, rub)) {
            const auto shown = portico::Money::parseDisplay(typed->toDisplayString(locale), locale, rub);
            if (!shown || !(*shown == *typed))
                std::abort();
        }
    }
    if (const auto quantity = portico::Quantity::parse(text)) {
        const auto again = portico::Quantity::parse(quantity->toString());
        if (!again || !(*again == *quantity))
            std::abort();
    }
    return 0;
}
