#pragma once

#include <QString>
#include <QUuid>

namespace portico {

// Portico's own identifiers are UUIDs. The accounting system's identifiers ("Ид" in
// CommerceML, often "guid#guid" for characteristics) are kept apart as ExternalId and are
// never used as keys between Portico's own records.
using Id = QUuid;
using ExternalId = QString;

// A new id that sorts after the ids made before it: a version 7 UUID (RFC 9562), the Unix time in
// milliseconds in its first 48 bits and 74 random bits after. Records created together, such as
// orders, then go to the same end of a B-tree keyed by their id (and their lines, reservations and
// history, keyed by it too) instead of to pages anywhere in it. Every UUID stays valid as an id:
// this is only how Portico makes new ones where the order of creation is worth keeping.
Id timeOrderedId();
// The same for a given time (milliseconds since the epoch).
Id timeOrderedId(qint64 msecsSinceEpoch);

} // namespace portico
