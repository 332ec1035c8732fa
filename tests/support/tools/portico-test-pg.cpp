// portico-test-pg: the PostgreSQL cluster one CTest run shares (see tests/CMakeLists.txt).
//   portico-test-pg start STATE_DIR   start a cluster, write its URL to STATE_DIR/cluster
//   portico-test-pg stop STATE_DIR    stop it and remove it
//   portico-test-pg watch CLUSTER_DIR OWNER_PID   (internal) stop the cluster once OWNER_PID ends
#include "postgrescluster.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <unistd.h>

using portico::test::PostgresCluster;
using portico::test::SharedClusterState;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

void stopRecorded(const QString &stateDirectory)
{
    if (const auto state = SharedClusterState::load(stateDirectory)) {
        const bool present = QFileInfo::exists(state->directory);
        PostgresCluster::stopDirectory(state->directory);
        SharedClusterState::remove(stateDirectory);
        if (present)
            out() << "portico-test-pg: stopped the cluster in " << state->directory << Qt::endl;
    }
}

int start(const QString &stateDirectory)
{
    const QString external = qEnvironmentVariable("PORTICO_TEST_PG_URL_BASE");
    if (!external.isEmpty()) {
        out() << "portico-test-pg: PORTICO_TEST_PG_URL_BASE is set; the tests use " << external << Qt::endl;
        return 0;
    }
    // A run killed together with its watchdog leaves its cluster behind: stop that one first.
    stopRecorded(stateDirectory);
    QElapsedTimer timer;
    timer.start();
    PostgresCluster cluster;
    if (!cluster.start()) {
        err() << "portico-test-pg: " << cluster.errorString() << Qt::endl;
        return 1;
    }
    // The cluster lives as long as whoever started us (ctest), unless `stop` comes first.
    if (!cluster.stopWhenProcessEnds(::getppid())) {
        err() << "portico-test-pg: cannot start the watchdog" << Qt::endl;
        return 1;
    }
    if (!SharedClusterState {cluster.baseUrl(), cluster.directory()}.save(stateDirectory)) {
        err() << "portico-test-pg: cannot write " << stateDirectory << Qt::endl;
        return 1;
    }
    cluster.release();
    out() << "portico-test-pg: " << cluster.baseUrl() << " (" << cluster.directory() << ") ready in "
          << timer.elapsed() << " ms" << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    const QString command = args.value(0);
    if (command == QLatin1String("start") && args.size() == 2)
        return start(args.at(1));
    if (command == QLatin1String("stop") && args.size() == 2) {
        stopRecorded(args.at(1));
        return 0;
    }
    if (command == QLatin1String("watch") && args.size() == 3) {
        PostgresCluster::watch(args.at(1), args.at(2).toLongLong());
        return 0;
    }
    err() << "usage: portico-test-pg start|stop STATE_DIR" << Qt::endl;
    return 2;
}
