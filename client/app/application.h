#pragma once

#include <QNetworkAccessManager>
#include <QTranslator>
#include <QUrl>

#include <memory>

class QApplication;

namespace portico::client {

class MainWindow;
class ServerStatusMonitor;

// The composition root: creates the services once and hands them to whoever needs them.
class Application final
{
public:
    struct Options
    {
        QUrl serverUrl;
        QString language; // "en", "ru"; empty: the system's
    };

    explicit Application(Options options);
    ~Application();
    Application(const Application &) = delete;
    Application &operator=(const Application &) = delete;

    void loadTranslations(QApplication &app);
    void showMainWindow();

private:
    Options m_options;
    QTranslator m_translator;
    QNetworkAccessManager m_network;
    std::unique_ptr<ServerStatusMonitor> m_serverStatus;
    std::unique_ptr<MainWindow> m_mainWindow;
};

} // namespace portico::client
