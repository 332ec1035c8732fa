#include "mainwindow.h"

#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace portico::client {

MainWindow::MainWindow(ServerStatusMonitor &serverStatus, QWidget *parent)
    : QMainWindow(parent)
    , m_serverStatus(serverStatus)
{
    setWindowTitle(tr("Portico"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/portico.svg")));
    resize(960, 640);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(16);

    auto *title = new QLabel(tr("Portico"), central);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.0);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    m_connectionLabel = new QLabel(central);
    m_connectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_connectionLabel);

    auto *next
        = new QLabel(tr("This build connects to the server and reports whether it answers. The catalog, "
                        "cart, orders and customers work on cached data once the offline cache and "
                        "sync engine are installed."),
                     central);
    next->setWordWrap(true);
    layout->addWidget(next);
    layout->addStretch();
    setCentralWidget(central);

    m_statusLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusLabel);

    connect(&m_serverStatus, &ServerStatusMonitor::statusChanged, this, &MainWindow::showServerStatus);
    showServerStatus();
}

void MainWindow::showServerStatus()
{
    const QString server = m_serverStatus.serverUrl().toDisplayString();
    switch (m_serverStatus.status()) {
    case ServerStatusMonitor::Status::Unknown:
        m_statusLabel->setText(tr("Connecting…"));
        m_connectionLabel->setText(tr("Connecting to %1…").arg(server));
        break;
    case ServerStatusMonitor::Status::Online:
        m_statusLabel->setText(tr("Online"));
        m_connectionLabel->setText(
            tr("Connected to %1 (server version %2).").arg(server, m_serverStatus.serverVersion()));
        break;
    case ServerStatusMonitor::Status::Offline:
        m_statusLabel->setText(tr("Offline"));
        m_connectionLabel->setText(
            tr("The server %1 does not answer: %2").arg(server, m_serverStatus.lastError()));
        break;
    }
}

} // namespace portico::client
