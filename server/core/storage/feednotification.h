#pragma once

#include <QString>
#include <QStringList>

namespace portico::server {

// The PostgreSQL notification that a change feed write sends to every server instance
// (NOTIFY is delivered at commit, so it never arrives before the data it announces).
//
// Channel "portico_feed"; payload the distinct audiences of the committed changes joined
// with ',' ("all,customer:6f1c...,price_type:9a0e..."), or "*" (everyone) when that would
// exceed PayloadLimit: PostgreSQL refuses payloads of 8000 bytes or more.
struct FeedNotification
{
    static QString channel() { return QStringLiteral("portico_feed"); }
    static QString everyone() { return QStringLiteral("*"); }
    static constexpr qsizetype PayloadLimit = 7000;

    // The payload for these audiences (duplicates removed, order kept).
    static QString payload(QStringList audiences);
    // The audiences a payload names; {"*"} for everyone.
    static QStringList audiences(const QString &payload);
};

} // namespace portico::server
