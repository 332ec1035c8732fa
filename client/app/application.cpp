#include "application.h"

#include "mainwindow.h"
#include "net/serverstatusmonitor.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>

namespace portico::client {

Application::Application(Options options)
    : m_options(std::move(options))
    , m_serverStatus(std::make_unique<ServerStatusMonitor>(m_network, m_options.serverUrl))
{ }

Application::~Application() = default;

void Application::loadTranslations(QApplication &app)
{
    const QLocale locale = m_options.language.isEmpty() ? QLocale() : QLocale(m_options.language);
    QLocale::setDefault(locale);
    const QStringList folders {
        QCoreApplication::applicationDirPath() + QStringLiteral("/../../translations"), // build tree
        QCoreApplication::applicationDirPath()
            + QStringLiteral("/../share/portico/translations"), // installed
    };
    for (const auto &folder : folders) {
        if (m_translator.load(locale, QStringLiteral("portico"), QStringLiteral("_"), folder)) {
            app.installTranslator(&m_translator);
            return;
        }
    }
}

void Application::showMainWindow()
{
    m_mainWindow = std::make_unique<MainWindow>(*m_serverStatus);
    m_mainWindow->show();
    m_serverStatus->start();
}

} // namespace portico::client
