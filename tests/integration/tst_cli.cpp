#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run runServer(const QStringList &arguments,
              const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(PORTICO_SERVER_BINARY), arguments);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

// The portico-server command line: every command explains itself, settings come from flags,
// then the environment, then the config file.
class TestCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCommandHasHelp_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("top level") << QStringList {QStringLiteral("--help")} << QStringLiteral("migrate");
        QTest::newRow("serve") << QStringList {QStringLiteral("serve"), QStringLiteral("--help")}
                               << QStringLiteral("--listen");
        QTest::newRow("demo") << QStringList {QStringLiteral("demo"), QStringLiteral("--help")}
                              << QStringLiteral("--data-dir");
        QTest::newRow("migrate") << QStringList {QStringLiteral("migrate"), QStringLiteral("--help")}
                                 << QStringLiteral("--database");
        QTest::newRow("user") << QStringList {QStringLiteral("user"), QStringLiteral("--help")}
                              << QStringLiteral("add");
    }

    void everyCommandHasHelp()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const Run run = runServer(arguments);
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(mentions), qPrintable(run.out));
    }

    void unknownCommandIsAUsageError()
    {
        const Run run = runServer({QStringLiteral("frobnicate")});
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains(QStringLiteral("unknown command")));
    }

    void migrateThenStatus()
    {
        QTemporaryDir dir;
        const Run before = runServer({QStringLiteral("migrate"), QStringLiteral("--status"),
                                      QStringLiteral("--data-dir"), dir.path()});
        QCOMPARE(before.code, 1); // not migrated yet
        const Run migrate = runServer({QStringLiteral("migrate"), QStringLiteral("--data-dir"), dir.path()});
        QCOMPARE(migrate.code, 0);
        QVERIFY2(migrate.out.contains(QStringLiteral("migration(s) applied")), qPrintable(migrate.out));
        const Run after = runServer({QStringLiteral("migrate"), QStringLiteral("--status"),
                                     QStringLiteral("--data-dir"), dir.path()});
        QCOMPARE(after.code, 0);
    }

    void settingsPrecedence()
    {
        QTemporaryDir fromFile;
        QTemporaryDir fromEnvironment;
        QTemporaryDir fromFlag;
        QTemporaryDir configDir;
        const QString config = configDir.filePath(QStringLiteral("portico.ini"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("data-dir = " + fromFile.path().toUtf8() + "\n");
        file.close();

        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PORTICO_CONFIG"), config);
        QCOMPARE(runServer({QStringLiteral("migrate")}, environment).code, 0);
        QVERIFY(QFile::exists(fromFile.filePath(QStringLiteral("portico.db"))));

        environment.insert(QStringLiteral("PORTICO_DATA_DIR"), fromEnvironment.path());
        QCOMPARE(runServer({QStringLiteral("migrate")}, environment).code, 0);
        QVERIFY(QFile::exists(fromEnvironment.filePath(QStringLiteral("portico.db"))));

        QCOMPARE(
            runServer({QStringLiteral("migrate"), QStringLiteral("--data-dir"), fromFlag.path()}, environment)
                .code,
            0);
        QVERIFY(QFile::exists(fromFlag.filePath(QStringLiteral("portico.db"))));
    }

    void unreadableConfigIsRefused()
    {
        const Run run = runServer({QStringLiteral("migrate"), QStringLiteral("--config"),
                                   QStringLiteral("/nonexistent/portico.ini")});
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains(QStringLiteral("config file")));
    }

    void badDatabaseUrlIsRefused()
    {
        const Run run = runServer(
            {QStringLiteral("migrate"), QStringLiteral("--database"), QStringLiteral("mysql://x/y")});
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains(QStringLiteral("postgresql://")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
