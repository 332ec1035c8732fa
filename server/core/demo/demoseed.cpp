#include "demo/demoseed.h"

namespace portico::server {

namespace {

// The name space of every demo id (a fixed, randomly chosen UUID).
const QUuid DemoNamespace = QUuid::fromString(u"6c1f0c3e-8d4b-4c55-9a1d-3f0e2b7a9d41");

} // namespace

DemoSeed::DemoSeed(quint64 seed)
    : m_seed(seed)
    , m_namespace(QUuid::createUuidV5(DemoNamespace, QStringLiteral("portico-demo:") + QString::number(seed)))
    , m_externalNamespace(QUuid::createUuidV5(m_namespace, QStringLiteral("accounting")))
{ }

Id DemoSeed::id(QStringView kind, qint64 n) const
{
    return QUuid::createUuidV5(m_namespace, kind.toString() + QLatin1Char(':') + QString::number(n));
}

QString DemoSeed::externalId(QStringView kind, qint64 n) const
{
    return QUuid::createUuidV5(m_externalNamespace, kind.toString() + QLatin1Char(':') + QString::number(n))
        .toString(QUuid::WithoutBraces);
}

} // namespace portico::server
