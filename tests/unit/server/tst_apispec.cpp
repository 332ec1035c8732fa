#include "api/routes.h"
#include "http/router.h"
#include "services.h"
#include "storage/database.h"
#include "testservices.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace portico::server;

namespace {

// (METHOD path) pairs of docs/api/openapi.yaml: path keys two spaces in under `paths:`,
// operation keys four spaces in under a path.
QSet<QString> specOperations(const QString &file)
{
    QFile spec(file);
    if (!spec.open(QIODevice::ReadOnly))
        return {};
    static const QRegularExpression pathLine(QStringLiteral("^  (/[^:]*):\\s*$"));
    static const QRegularExpression methodLine(
        QStringLiteral("^    (get|post|put|patch|delete|head|options):\\s*$"));
    QSet<QString> operations;
    bool inPaths = false;
    QString path;
    while (!spec.atEnd()) {
        const QString line = QString::fromUtf8(spec.readLine()).chopped(1);
        if (!line.startsWith(QLatin1Char(' ')) && !line.isEmpty())
            inPaths = line == QLatin1String("paths:");
        if (!inPaths)
            continue;
        if (const auto m = pathLine.match(line); m.hasMatch())
            path = m.captured(1);
        else if (const auto op = methodLine.match(line); op.hasMatch() && !path.isEmpty())
            operations.insert(op.captured(1).toUpper() + QLatin1Char(' ') + path);
    }
    return operations;
}

} // namespace

// Every route the server answers is in docs/api/openapi.yaml, and every operation there is a
// route: a new route without its description, or a described route that is gone, fails here.
class TestApiSpec final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routerAndSpecAgree()
    {
        portico::test::TestServices env;
        QVERIFY2(env.create(), qPrintable(env.errorString()));
        Router router;
        addAllRoutes(router, env.services());
        QSet<QString> routes;
        for (const auto &route : router.routes()) {
            routes.insert(QString::fromLatin1(httpMethodToString(route.method)) + QLatin1Char(' ')
                          + QString::fromStdString(route.pattern));
        }
        const auto spec = specOperations(QStringLiteral(PORTICO_SOURCE_DIR "/docs/api/openapi.yaml"));
        QVERIFY2(!spec.isEmpty(), "docs/api/openapi.yaml has no operations (or was not found)");
        const auto undocumented = routes - spec;
        const auto stale = spec - routes;
        QVERIFY2(undocumented.isEmpty(),
                 qPrintable(QStringLiteral("routes missing from openapi.yaml: ")
                            + undocumented.values().join(QStringLiteral(", "))));
        QVERIFY2(stale.isEmpty(),
                 qPrintable(QStringLiteral("openapi.yaml operations with no route: ")
                            + stale.values().join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestApiSpec)
#include "tst_apispec.moc"
