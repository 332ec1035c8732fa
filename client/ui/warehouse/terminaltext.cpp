#include "warehouse/terminaltext.h"

#include "domain/quantity.h"

#include <QLocale>

namespace portico::client {

QString TerminalText::status(const QString &status)
{
    if (status == QLatin1String("open"))
        return tr("Open");
    if (status == QLatin1String("picking"))
        return tr("Picking");
    if (status == QLatin1String("picked"))
        return tr("Picked");
    if (status == QLatin1String("packed"))
        return tr("Packed");
    if (status == QLatin1String("shipped"))
        return tr("Shipped");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled");
    if (status == QLatin1String("submitted"))
        return tr("Submitted");
    if (status == QLatin1String("approved"))
        return tr("Approved");
    if (status == QLatin1String("rejected"))
        return tr("Rejected");
    return status;
}

QString TerminalText::reason(const QString &reason)
{
    if (reason == QLatin1String("damaged"))
        return tr("Damaged");
    if (reason == QLatin1String("not_found"))
        return tr("Not found");
    if (reason == QLatin1String("short"))
        return tr("Short in the bin");
    if (reason.startsWith(QLatin1String("other:")))
        return reason.mid(6);
    return reason;
}

QString TerminalText::quantity(qint64 milli)
{
    return Quantity::fromMilli(milli).toDisplayString(QLocale());
}

} // namespace portico::client
