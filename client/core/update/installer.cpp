#include "update/installer.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

namespace portico::client {

namespace {

void answerLater(QObject *context, Installer::Done done, InstallResult result)
{
    QTimer::singleShot(0, context, [done = std::move(done), result = std::move(result)] { done(result); });
}

} // namespace

SystemInstaller::SystemInstaller(QObject *parent)
    : QObject(parent)
{ }

SystemInstaller::~SystemInstaller()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->waitForFinished(1000);
    }
}

void SystemInstaller::setCommands(QString elevate, QString packageTool)
{
    m_elevate = std::move(elevate);
    m_packageTool = std::move(packageTool);
}

void SystemInstaller::install(const QString &file, const QString &version, QObject *context, Done done)
{
    Q_UNUSED(version)
    if (m_process) {
        answerLater(context, std::move(done), {false, tr("An installation is already running."), false});
        return;
    }
    if (file.endsWith(QStringLiteral(".exe"), Qt::CaseInsensitive))
        installNsis(file, context, std::move(done));
    else
        installDeb(file, context, std::move(done));
}

void SystemInstaller::installDeb(const QString &file, QObject *context, Done done)
{
    const QString elevate = QStandardPaths::findExecutable(m_elevate);
    if (elevate.isEmpty()) {
        // No polkit: the desktop's package installer asks for the password itself.
        const bool opened = m_openFile && m_openFile(file);
        answerLater(context, std::move(done),
                    opened ? InstallResult {true, {}, false}
                           : InstallResult {false,
                                            tr("Neither pkexec nor a package installer is available to "
                                               "install %1.")
                                                .arg(QDir::toNativeSeparators(file)),
                                            false});
        return;
    }
    auto *process = new QProcess(this);
    m_process = process;
    process->setProcessChannelMode(QProcess::MergedChannels);
    QPointer<QObject> guard(context);
    connect(process, &QProcess::finished, this,
            [this, process, guard, done](int exitCode, QProcess::ExitStatus status) {
                const QString output = QString::fromLocal8Bit(process->readAll()).trimmed();
                process->deleteLater();
                m_process = nullptr;
                if (!guard)
                    return;
                if (status == QProcess::NormalExit && exitCode == 0) {
                    done({true, {}, false});
                    return;
                }
                // pkexec: 126 the user dismissed the password dialog, 127 not authorised.
                QString message = exitCode == 126 || exitCode == 127
                    ? tr("The installation was not authorised.")
                    : tr("The package tool failed (exit code %1).").arg(exitCode);
                if (!output.isEmpty())
                    message += QLatin1Char(' ') + output.right(400);
                done({false, message, false});
            });
    connect(process, &QProcess::errorOccurred, this,
            [this, process, guard, done](QProcess::ProcessError error) {
                if (error != QProcess::FailedToStart)
                    return;
                const QString message = process->errorString();
                process->deleteLater();
                m_process = nullptr;
                if (guard)
                    done({false, tr("Cannot start the package tool: %1").arg(message), false});
            });
    process->start(elevate, {m_packageTool, QStringLiteral("install"), QStringLiteral("-y"), file});
}

// The installer cannot replace a running program on Windows: it waits in a detached shell for
// this process to end, runs silently, then starts the program again.
void SystemInstaller::installNsis(const QString &file, QObject *context, Done done)
{
    const QString program = QDir::toNativeSeparators(QCoreApplication::applicationFilePath());
    const QString script = QStringLiteral("timeout /t 2 /nobreak >nul & \"%1\" /S & start \"\" \"%2\"")
                               .arg(QDir::toNativeSeparators(file), program);
    const bool started = QProcess::startDetached(QStringLiteral("cmd.exe"), {QStringLiteral("/c"), script});
    answerLater(context, std::move(done),
                started ? InstallResult {true, {}, true}
                        : InstallResult {false, tr("Cannot start the installer %1.").arg(file), false});
}

} // namespace portico::client
