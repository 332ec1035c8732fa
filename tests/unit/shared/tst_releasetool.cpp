// The portico-release tool end to end, as an operator runs it: keygen, sign-keys, sign, verify.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestReleaseTool : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    Run run(const QStringList &arguments)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.start(QStringLiteral(PORTICO_RELEASE_TOOL), arguments);
        if (!process.waitForFinished(30000))
            qFatal("portico-release did not finish");
        return Run {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                    QString::fromUtf8(process.readAllStandardOutput()),
                    QString::fromUtf8(process.readAllStandardError())};
    }

    void writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
    }

    QStringList signArguments(const QString &key, const QString &version, const QString &out)
    {
        return {QStringLiteral("sign"),
                QStringLiteral("--release-key"),
                key,
                QStringLiteral("--installer"),
                path(QStringLiteral("portico_1.4.0_amd64.deb")),
                QStringLiteral("--version"),
                version,
                QStringLiteral("--channel"),
                QStringLiteral("stable"),
                QStringLiteral("--platform"),
                QStringLiteral("linux-amd64-deb"),
                QStringLiteral("--min-version"),
                QStringLiteral("1.2.0"),
                QStringLiteral("--notes-en"),
                path(QStringLiteral("notes-en.txt")),
                QStringLiteral("--notes-ru"),
                path(QStringLiteral("notes-ru.txt")),
                QStringLiteral("--out"),
                out};
    }

    Run verify(const QString &keys, const QString &manifest, const QStringList &more = {})
    {
        return run(QStringList {QStringLiteral("verify"), QStringLiteral("--root-pub"),
                                path(QStringLiteral("root.pub")), QStringLiteral("--keys"), keys,
                                QStringLiteral("--manifest"), manifest}
                   + more);
    }

    static QString keyIdOf(const QString &pubFile)
    {
        QFile file(pubFile);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QByteArray content = file.readAll();
        const qsizetype at = content.indexOf("\"key_id\": \"") + 11;
        return QString::fromLatin1(content.mid(at, 16));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeFile(QStringLiteral("portico_1.4.0_amd64.deb"), QByteArray(200000, 'p'));
        writeFile(QStringLiteral("notes-en.txt"), "Faster catalog search.\n");
        writeFile(QStringLiteral("notes-ru.txt"), QStringLiteral("Поиск по каталогу быстрее.\n").toUtf8());
    }

    void helpForEveryCommand_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("keygen") << QStringLiteral("keygen") << QStringLiteral("--release");
        QTest::newRow("sign-keys") << QStringLiteral("sign-keys") << QStringLiteral("--revoke");
        QTest::newRow("sign") << QStringLiteral("sign") << QStringLiteral("--expires-days");
        QTest::newRow("verify") << QStringLiteral("verify") << QStringLiteral("--current-version");
    }

    void helpForEveryCommand()
    {
        QFETCH(QString, command);
        QFETCH(QString, mentions);
        const Run help = run({command, QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(mentions), qPrintable(help.out));
        QVERIFY(help.out.contains(QStringLiteral("portico-release ") + command));
    }

    void usageErrors()
    {
        QCOMPARE(run({}).exitCode, 2);
        const Run unknown = run({QStringLiteral("publish")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown command")));
        const Run missing = run({QStringLiteral("keygen"), QStringLiteral("--root")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("--out is required")), qPrintable(missing.err));
        QCOMPARE(run({QStringLiteral("keygen"), QStringLiteral("--root"), QStringLiteral("--release"),
                      QStringLiteral("--out"), path(QStringLiteral("both"))})
                     .exitCode,
                 2);
        QCOMPARE(run({QStringLiteral("sign"), QStringLiteral("--bogus")}).exitCode, 2);
        QVERIFY(run({QStringLiteral("--help")}).out.contains(QStringLiteral("sign-keys")));
    }

    void keygen()
    {
        for (const QString &name : {QStringLiteral("root"), QStringLiteral("r1"), QStringLiteral("r2")}) {
            const QString role
                = name == QStringLiteral("root") ? QStringLiteral("--root") : QStringLiteral("--release");
            const Run generated = run({QStringLiteral("keygen"), role, QStringLiteral("--out"), path(name)});
            QVERIFY2(generated.exitCode == 0, qPrintable(generated.err));
            QCOMPARE(QFile::permissions(path(name + QStringLiteral(".key")))
                         & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                     QFile::Permissions());
            QVERIFY(QFile::exists(path(name + QStringLiteral(".pub"))));
            QVERIFY(generated.out.contains(keyIdOf(path(name + QStringLiteral(".pub")))));
        }
        // Never overwritten.
        QFile secret(path(QStringLiteral("root.key")));
        QVERIFY(secret.open(QIODevice::ReadOnly));
        const QByteArray before = secret.readAll();
        const Run again = run({QStringLiteral("keygen"), QStringLiteral("--root"), QStringLiteral("--out"),
                               path(QStringLiteral("root"))});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(QStringLiteral("already exists")));
        secret.seek(0);
        QCOMPARE(secret.readAll(), before);
    }

    void signAndVerifyTheChain()
    {
        const Run list = run({QStringLiteral("sign-keys"), QStringLiteral("--root-key"),
                              path(QStringLiteral("root.key")), QStringLiteral("--serial"),
                              QStringLiteral("1"), QStringLiteral("--key"), path(QStringLiteral("r1.pub")),
                              QStringLiteral("--key"), path(QStringLiteral("r2.pub")),
                              QStringLiteral("--out"), path(QStringLiteral("keys1.json"))});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        const Run sign = run(signArguments(path(QStringLiteral("r1.key")), QStringLiteral("1.4.0"),
                                           path(QStringLiteral("manifest.json"))));
        QVERIFY2(sign.exitCode == 0, qPrintable(sign.err));
        QVERIFY(sign.out.contains(QStringLiteral("200000 bytes")));

        const Run ok = verify(path(QStringLiteral("keys1.json")), path(QStringLiteral("manifest.json")),
                              {QStringLiteral("--installer"), path(QStringLiteral("portico_1.4.0_amd64.deb")),
                               QStringLiteral("--current-version"), QStringLiteral("1.3.9"),
                               QStringLiteral("--channel"), QStringLiteral("stable"),
                               QStringLiteral("--platform"), QStringLiteral("linux-amd64-deb")});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(
            ok.out.startsWith(QStringLiteral("OK: 1.4.0 (stable, linux-amd64-deb) portico_1.4.0_amd64.deb")));
        QVERIFY(ok.out.contains(QStringLiteral("installer matches")));
    }

    void verifyRefusals_data()
    {
        QTest::addColumn<QStringList>("more");
        QTest::addColumn<QString>("reason");
        QTest::newRow("same version")
            << QStringList {QStringLiteral("--current-version"), QStringLiteral("1.4.0")}
            << QStringLiteral("not_newer");
        QTest::newRow("newer running")
            << QStringList {QStringLiteral("--current-version"), QStringLiteral("2.0")}
            << QStringLiteral("not_newer");
        QTest::newRow("beta client") << QStringList {QStringLiteral("--channel"), QStringLiteral("beta")}
                                     << QStringLiteral("wrong_channel");
        QTest::newRow("windows client")
            << QStringList {QStringLiteral("--platform"), QStringLiteral("windows-x64-nsis")}
            << QStringLiteral("wrong_platform");
        QTest::newRow("replayed old list")
            << QStringList {QStringLiteral("--min-serial"), QStringLiteral("2")}
            << QStringLiteral("stale_key_list");
    }

    void verifyRefusals()
    {
        QFETCH(QStringList, more);
        QFETCH(QString, reason);
        const Run refused
            = verify(path(QStringLiteral("keys1.json")), path(QStringLiteral("manifest.json")), more);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(reason), qPrintable(refused.err));
    }

    void tamperedInstallerIsRefused()
    {
        QByteArray tampered(200000, 'p');
        tampered[1234] = 'q';
        writeFile(QStringLiteral("tampered.deb"), tampered);
        const Run refused = verify(path(QStringLiteral("keys1.json")), path(QStringLiteral("manifest.json")),
                                   {QStringLiteral("--installer"), path(QStringLiteral("tampered.deb"))});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("installer refused: SHA-256")), qPrintable(refused.err));
        writeFile(QStringLiteral("longer.deb"), QByteArray(200001, 'p'));
        QVERIFY(verify(path(QStringLiteral("keys1.json")), path(QStringLiteral("manifest.json")),
                       {QStringLiteral("--installer"), path(QStringLiteral("longer.deb"))})
                    .err.contains(QStringLiteral("bytes, the manifest says 200000")));
    }

    void revokedReleaseKey()
    {
        const QString r1 = keyIdOf(path(QStringLiteral("r1.pub")));
        const Run list
            = run({QStringLiteral("sign-keys"), QStringLiteral("--root-key"),
                   path(QStringLiteral("root.key")), QStringLiteral("--serial"), QStringLiteral("2"),
                   QStringLiteral("--key"), path(QStringLiteral("r2.pub")), QStringLiteral("--revoke"), r1,
                   QStringLiteral("--out"), path(QStringLiteral("keys2.json"))});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        const Run refused = verify(path(QStringLiteral("keys2.json")), path(QStringLiteral("manifest.json")));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("revoked_key")), qPrintable(refused.err));
        // The rotated key signs the next release.
        QCOMPARE(run(signArguments(path(QStringLiteral("r2.key")), QStringLiteral("1.4.1"),
                                   path(QStringLiteral("manifest2.json"))))
                     .exitCode,
                 0);
        QCOMPARE(verify(path(QStringLiteral("keys2.json")), path(QStringLiteral("manifest2.json"))).exitCode,
                 0);
        // Listing and revoking the same key is a mistake the tool refuses.
        const Run both
            = run({QStringLiteral("sign-keys"), QStringLiteral("--root-key"),
                   path(QStringLiteral("root.key")), QStringLiteral("--serial"), QStringLiteral("3"),
                   QStringLiteral("--key"), path(QStringLiteral("r1.pub")), QStringLiteral("--revoke"), r1,
                   QStringLiteral("--out"), path(QStringLiteral("keys3.json"))});
        QCOMPARE(both.exitCode, 1);
        QVERIFY(!QFile::exists(path(QStringLiteral("keys3.json"))));
    }

    void wrongKeysForTheJob()
    {
        // The root key never signs a manifest, a release key never signs the key list, and the
        // root key is never listed as a release key.
        const Run rootSigns = run(signArguments(path(QStringLiteral("root.key")), QStringLiteral("1.5.0"),
                                                path(QStringLiteral("by-root.json"))));
        QCOMPARE(rootSigns.exitCode, 1);
        QVERIFY(rootSigns.err.contains(QStringLiteral("not a release key")));
        const Run releaseSignsList
            = run({QStringLiteral("sign-keys"), QStringLiteral("--root-key"), path(QStringLiteral("r2.key")),
                   QStringLiteral("--serial"), QStringLiteral("9"), QStringLiteral("--key"),
                   path(QStringLiteral("r2.pub")), QStringLiteral("--out"),
                   path(QStringLiteral("by-release.json"))});
        QCOMPARE(releaseSignsList.exitCode, 1);
        QVERIFY(releaseSignsList.err.contains(QStringLiteral("not a root key")));
        const Run rootListed
            = run({QStringLiteral("sign-keys"), QStringLiteral("--root-key"),
                   path(QStringLiteral("root.key")), QStringLiteral("--serial"), QStringLiteral("9"),
                   QStringLiteral("--key"), path(QStringLiteral("root.pub")), QStringLiteral("--out"),
                   path(QStringLiteral("root-listed.json"))});
        QCOMPARE(rootListed.exitCode, 1);
        // A chain checked against another root key (here the project's) is refused.
        const Run otherRoot = run({QStringLiteral("verify"), QStringLiteral("--root-pub"),
                                   QStringLiteral(PORTICO_SOURCE_DIR "/installer/keys/root.pub"),
                                   QStringLiteral("--keys"), path(QStringLiteral("keys2.json")),
                                   QStringLiteral("--manifest"), path(QStringLiteral("manifest2.json"))});
        QCOMPARE(otherRoot.exitCode, 1);
        QVERIFY2(otherRoot.err.contains(QStringLiteral("unknown_key")), qPrintable(otherRoot.err));
    }

    void secretKeyReadableByOthersIsRefused()
    {
        QVERIFY(QFile::setPermissions(path(QStringLiteral("r2.key")),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        const Run refused = run(signArguments(path(QStringLiteral("r2.key")), QStringLiteral("1.4.2"),
                                              path(QStringLiteral("manifest3.json"))));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("0600")), qPrintable(refused.err));
        QVERIFY(!QFile::exists(path(QStringLiteral("manifest3.json"))));
    }

    void badSignInput()
    {
        QStringList arguments = signArguments(path(QStringLiteral("r1.key")), QStringLiteral("1.4.0-rc1"),
                                              path(QStringLiteral("bad.json")));
        QCOMPARE(run(arguments).exitCode, 2);
        arguments = signArguments(path(QStringLiteral("r1.key")), QStringLiteral("1.6.0"),
                                  path(QStringLiteral("bad.json")));
        arguments[arguments.indexOf(QStringLiteral("stable"))] = QStringLiteral("nightly");
        QCOMPARE(run(arguments).exitCode, 2);
        arguments = signArguments(path(QStringLiteral("r1.key")), QStringLiteral("1.6.0"),
                                  path(QStringLiteral("bad.json")));
        arguments[arguments.indexOf(QStringLiteral("1.2.0"))] = QStringLiteral("1.7.0"); // above the version
        QCOMPARE(run(arguments).exitCode, 1);
        QVERIFY(!QFile::exists(path(QStringLiteral("bad.json"))));
    }
};

QTEST_GUILESS_MAIN(TestReleaseTool)
#include "tst_releasetool.moc"
