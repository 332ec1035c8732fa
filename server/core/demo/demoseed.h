#pragma once

#include "demo/demorandom.h"
#include "domain/ids.h"

#include <QString>
#include <QStringView>

namespace portico::server {

// Everything in the demo data set that must come out the same on every run derives from one
// seed: the ids of its rows (name-based UUIDs, so a row keeps its id whatever else changes),
// the accounting system's ids, and one independent random stream per area.
class DemoSeed final
{
public:
    explicit DemoSeed(quint64 seed);

    quint64 value() const noexcept { return m_seed; }
    // Portico's id of the n-th row of a kind ("product", 17).
    Id id(QStringView kind, qint64 n) const;
    // The accounting system's id of that row: a GUID of its own, as 1C writes it.
    QString externalId(QStringView kind, qint64 n) const;
    // The random stream of one area; areas do not shift one another's numbers.
    DemoRandom random(quint32 stream) const { return DemoRandom(m_seed, stream); }

private:
    quint64 m_seed;
    QUuid m_namespace;
    QUuid m_externalNamespace;
};

} // namespace portico::server
