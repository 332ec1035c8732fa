#include "storage/feednotification.h"

namespace portico::server {

QString FeedNotification::payload(QStringList audiences)
{
    audiences.removeDuplicates();
    audiences.removeAll(QString());
    if (audiences.contains(everyone()))
        return everyone();
    QString text = audiences.join(QLatin1Char(','));
    // The limit is on bytes; audiences are ASCII ids, but count UTF-8 to be sure.
    if (text.size() > PayloadLimit || text.toUtf8().size() > PayloadLimit)
        return everyone();
    return text;
}

QStringList FeedNotification::audiences(const QString &payload)
{
    QStringList list = payload.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (list.contains(everyone()))
        return {everyone()};
    return list;
}

} // namespace portico::server
