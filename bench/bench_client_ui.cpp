// bench_client_ui: the desktop window with a large catalog.
//
//   bench_client_ui [--products 100000] [--starts 5]
//
// Starts `portico-server demo --products N` on 127.0.0.1, creates a profile for the manager and
// signs in. Then, with the main window open on the profile, it measures:
//   1. the initial sync of the whole catalog into the fresh cache while the window is up: its
//      duration, and the longest time the GUI thread could not answer (a 2 ms timer on the GUI
//      thread: the longest gap between its ticks, less 2 ms, is the longest stall);
//   2. scrolling the product table from top to bottom and jumping to random rows, and typing
//      searches character by character: the longest stall again;
//   3. start to a usable window, `--starts` times, with the server up and with it down: from
//      the Application object's creation until the main window is shown and the catalog's
//      product table holds rows (the tokens are in the credential store, so the profile opens
//      straight onto its cache). Process start-up (loading Qt's libraries) is measured apart, as
//      the time of `portico --version`.
// The window renders on the platform Qt was given (offscreen by default under bench/run).
#include "application.h"
#include "benchutil.h"
#include "fakecredentialstore.h"
#include "mainwindow.h"
#include "models/grouptreemodel.h"
#include "sync/session.h"
#include "sync/syncengine.h"
#include "testserver.h"
#include "workspace/workspace.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <ctime>
#include <functional>
#include <memory>

using namespace portico;
using namespace portico::bench;
using namespace portico::client;

namespace {

// The GUI thread's responsiveness: a timer that should tick every 2 ms; any longer gap between
// two ticks is time the thread spent on something else without coming back to its event loop.
// On a shared machine a gap also grows when the scheduler runs another process, so the thread's
// own CPU time within each gap (CLOCK_THREAD_CPUTIME_ID) is kept beside it: the time the GUI
// thread itself was busy.
class StallMeter final
{
public:
    void start()
    {
        m_gaps.clear();
        m_busy.clear();
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuNs();
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            m_gaps.push_back(std::max(0.0, double(now - m_last) / 1e6 - 2.0));
            m_busy.push_back(double(cpu - m_lastCpu) / 1e6);
            m_last = now;
            m_lastCpu = cpu;
        });
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        QObject::disconnect(&m_timer, nullptr, nullptr, nullptr);
    }
    QString text() const
    {
        if (m_gaps.empty())
            return QStringLiteral("no ticks");
        return QStringLiteral(
                   "longest gap %1 ms (GUI thread busy %2 ms of it at most), p99 gap %3 ms, %4 ticks")
            .arg(number(maximum(m_gaps), 1), number(maximum(m_busy), 1), number(percentile(m_gaps, 0.99), 1))
            .arg(m_gaps.size());
    }

private:
    static qint64 threadCpuNs()
    {
        timespec now {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    std::vector<double> m_gaps;
    std::vector<double> m_busy;
};

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QTest::qSleep(1);
    }
    return true;
}

// Lets the event loop run for `ms` milliseconds.
void idle(int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

QTableView *productTable(QWidget *window)
{
    for (auto *table : window->findChildren<QTableView *>()) {
        if (table->objectName() == QLatin1String("products"))
            return table;
    }
    return nullptr;
}

QLineEdit *searchBox(QWidget *window)
{
    for (auto *edit : window->findChildren<QLineEdit *>()) {
        if (edit->objectName() == QLatin1String("catalogSearch"))
            return edit;
    }
    return nullptr;
}

// Scrolls a table the way a user does, each step its own event: page by page from the top,
// then jumps to random rows (each lands where nothing is loaded yet).
void scrollLikeAUser(QTableView *table, int pages, int jumps)
{
    QScrollBar *bar = table->verticalScrollBar();
    for (int i = 0; i < pages; ++i) {
        QTest::keyClick(table->viewport(), Qt::Key_PageDown);
        idle(16);
    }
    auto *random = QRandomGenerator::global();
    for (int i = 0; i < jumps; ++i) {
        bar->setValue(int(random->bounded(std::max(1, bar->maximum()))));
        idle(40);
    }
}

void typeSearches(QLineEdit *search, const QStringList &queries)
{
    for (const QString &query : queries) {
        search->clear();
        idle(50);
        for (const QChar c : query) {
            QTest::sendKeyEvent(QTest::Click, search, Qt::Key_unknown, QString(c), Qt::NoModifier);
            idle(90); // a fast typist
        }
        idle(400); // the results land
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int products = intArgument(arguments, QStringLiteral("--products"), 100000);
    const int starts = intArgument(arguments, QStringLiteral("--starts"), 5);

    printHeading(QStringLiteral("bench_client_ui: the window over %1 products").arg(products));
    printFigure(QStringLiteral("machine"), machineDescription());
    printFigure(QStringLiteral("platform"), QGuiApplication::platformName());

    test::TestServer server({QStringLiteral("--products"), QString::number(products)},
                            QStringLiteral("demo"));
    if (!server.start(600000)) {
        qCritical("server: %s", qPrintable(server.errorString()));
        return 1;
    }
    QTemporaryDir root;
    ProfileStore profiles(root.filePath(QStringLiteral("profiles")));
    QString error;
    const Profile profile = profiles.create(server.url(), QStringLiteral("manager"), &error);
    test::FakeCredentialStore credentials;
    QNetworkAccessManager network;

    // 1. The initial sync with the window open.
    {
        Workspace workspace(profile, network, credentials);
        if (!workspace.open(&error)) {
            qCritical("open: %s", qPrintable(error));
            return 1;
        }
        bool signedIn = false;
        QObject::connect(&workspace.session(), &Session::signedIn, [&signedIn] { signedIn = true; });
        workspace.session().login(QStringLiteral("manager"), QStringLiteral("demo"));
        if (!waitUntil([&] { return signedIn; }, 30000)) {
            qCritical("sign-in failed");
            return 1;
        }
        std::optional<SyncSummary> summary;
        QObject::connect(&workspace.engine(), &SyncEngine::cycleFinished,
                         [&summary](const SyncSummary &finished) { summary = finished; });
        StallMeter meter;
        meter.start();
        QElapsedTimer clock;
        clock.start();
        workspace.start(); // the first cycle starts; the window opens on it as the program does
        MainWindow window(workspace);
        window.show();
        if (!waitUntil([&] { return summary.has_value(); }, 1800000) || !summary->ok) {
            qCritical("the initial sync failed");
            return 1;
        }
        const qint64 syncMs = clock.elapsed();
        meter.stop();
        printFigure(
            QStringLiteral("initial sync with the window open"),
            QStringLiteral("%1 s, %2 rows").arg(number(double(syncMs) / 1000.0, 2)).arg(summary->pulledRows));
        printFigure(QStringLiteral("GUI stall during the initial sync"), meter.text());

        // 2. Scrolling and searching.
        idle(500);
        QTableView *table = productTable(&window);
        QLineEdit *search = searchBox(&window);
        if (!table || !search) {
            qCritical("the catalog's table or search box was not found");
            return 1;
        }
        // The group with the most products of its own, as a user opens it.
        auto *groups = window.findChild<QTreeView *>(QStringLiteral("catalogGroups"));
        QModelIndex biggest;
        int most = -1;
        std::function<void(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
            for (int row = 0; row < groups->model()->rowCount(parent); ++row) {
                const QModelIndex index = groups->model()->index(row, 0, parent);
                const int count = index.data(GroupTreeModel::ProductCountRole).toInt();
                if (count > most) {
                    most = count;
                    biggest = index;
                }
                visit(index);
            }
        };
        visit({});
        groups->setCurrentIndex(biggest);
        waitUntil([&] { return table->model()->rowCount() >= most; }, 30000);
        idle(500);
        table->setFocus();
        meter.start();
        scrollLikeAUser(table, 200, 100);
        meter.stop();
        printFigure(QStringLiteral("GUI stall while scrolling a group of %1 products")
                        .arg(table->model()->rowCount()),
                    meter.text());
        meter.start();
        typeSearches(search,
                     {QStringLiteral("гипсокартон"), QStringLiteral("м8"), QStringLiteral("шпаклёвка фин"),
                      QStringLiteral("а"), QStringLiteral("жж")});
        meter.stop();
        printFigure(QStringLiteral("GUI stall while typing searches"), meter.text());
    }

    // 3. Start to a usable window.
    auto measureStarts = [&](const QString &label) {
        std::vector<double> times;
        for (int i = 0; i < starts; ++i) {
            QTemporaryDir settingsDir;
            QSettings settings(settingsDir.filePath(QStringLiteral("portico.ini")), QSettings::IniFormat);
            QElapsedTimer clock;
            clock.start();
            Application portico({server.url(), profile.dir}, credentials, profiles, settings);
            portico.start();
            const bool usable = waitUntil(
                [&] {
                    MainWindow *window = portico.mainWindow();
                    if (!window || !window->isVisible())
                        return false;
                    QTableView *table = productTable(window);
                    return table && table->model() && table->model()->rowCount() > 0;
                },
                60000);
            if (!usable) {
                qCritical("the window did not become usable");
                return;
            }
            times.push_back(double(clock.nsecsElapsed()) / 1e6);
            idle(200);
        }
        printFigure(QStringLiteral("start to a usable window, %1").arg(label),
                    QStringLiteral("median %1 ms, max %2 ms (%3 starts; target < 1500 ms)")
                        .arg(number(median(times), 0), number(maximum(times), 0))
                        .arg(times.size()));
    };
    measureStarts(QStringLiteral("server up"));
    server.kill();
    measureStarts(QStringLiteral("server down"));

    const QString portico = QCoreApplication::applicationDirPath() + QStringLiteral("/../client/app/portico");
    std::vector<double> launches;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer clock;
        clock.start();
        QProcess process;
        process.start(portico, {QStringLiteral("--version")});
        process.waitForFinished(30000);
        launches.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    printFigure(QStringLiteral("process start-up (portico --version)"),
                QStringLiteral("median %1 ms").arg(number(median(launches), 0)));
    return 0;
}
