#pragma once

#include "net/serverstatusmonitor.h"

#include <QMainWindow>

class QLabel;

namespace portico::client {

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(ServerStatusMonitor &serverStatus, QWidget *parent = nullptr);

private:
    void showServerStatus();

    ServerStatusMonitor &m_serverStatus;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
};

} // namespace portico::client
