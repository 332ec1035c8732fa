#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QProcess;

namespace portico::client {

// What became of handing a verified installer to the system.
struct InstallResult
{
    bool ok = false;
    QString message; // why it failed, for the user and the server's failure list
    // The installer replaces the program and starts it again (Windows): the program should quit.
    bool quitForRestart = false;
};

// Installs a verified update. The updater calls install() only with a file whose size and
// SHA-256 match a manifest that the release key list, itself signed by the built-in root key,
// vouches for. An interface so tests observe the call instead of installing anything.
class Installer
{
public:
    using Done = std::function<void(const InstallResult &result)>;

    virtual ~Installer() = default;
    // Answers once through `done`, on `context`'s thread and never synchronously.
    virtual void install(const QString &file, const QString &version, QObject *context, Done done) = 0;
};

// The real one. Linux: the .deb goes to the system's package tool with elevation
// (`pkexec apt-get install -y FILE`); without pkexec, `openFile` hands it to the desktop's
// package installer (the application sets it; QDesktopServices lives in the GUI). Windows: the
// NSIS installer runs silently (/S) once this program has quit, and starts Portico again.
class SystemInstaller final
    : public QObject
    , public Installer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemInstaller)

public:
    explicit SystemInstaller(QObject *parent = nullptr);
    ~SystemInstaller() override;

    void setOpenFile(std::function<bool(const QString &file)> openFile) { m_openFile = std::move(openFile); }
    // The program that elevates (pkexec) and the package tool; tests point them elsewhere.
    void setCommands(QString elevate, QString packageTool);

    void install(const QString &file, const QString &version, QObject *context, Done done) override;

private:
    void installDeb(const QString &file, QObject *context, Done done);
    void installNsis(const QString &file, QObject *context, Done done);

    std::function<bool(const QString &)> m_openFile;
    QString m_elevate = QStringLiteral("pkexec");
    QString m_packageTool = QStringLiteral("/usr/bin/apt-get");
    QPointer<QProcess> m_process;
};

} // namespace portico::client
