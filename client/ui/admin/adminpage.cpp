#include "admin/adminpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace portico::client {

namespace {

QTableWidget *makeTable(QWidget *parent, const QString &name, const QStringList &headers)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void setRow(QTableWidget *table, int row, const QStringList &cells)
{
    for (int column = 0; column < cells.size(); ++column)
        table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
}

QString dateText(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

AdminPage::AdminPage(
    ReleaseAdmin &admin,
    std::function<ReleaseUpload *(const QString &, const QJsonObject &, const QJsonObject &)> makeUpload,
    QWidget *parent)
    : QWidget(parent)
    , m_admin(admin)
    , m_makeUpload(std::move(makeUpload))
{
    setObjectName(QStringLiteral("adminPage"));
    auto *layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildReleasesTab(), tr("&Releases"));
    m_tabs->addTab(buildChannelsTab(), tr("C&hannels"));
    m_tabs->addTab(buildDevicesTab(), tr("&Devices"));
    layout->addWidget(m_tabs, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("adminStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(&m_admin, &ReleaseAdmin::releasesLoaded, this, &AdminPage::showReleases);
    connect(&m_admin, &ReleaseAdmin::channelsLoaded, this, &AdminPage::showChannels);
    connect(&m_admin, &ReleaseAdmin::devicesLoaded, this, &AdminPage::showDevices);
    connect(&m_admin, &ReleaseAdmin::failed, this,
            [this](const QString &message) { setStatus(message, true); });
    connect(&m_admin, &ReleaseAdmin::channelSaved, this, [this](const ChannelRow &channel) {
        setStatus(tr("Channel %1 saved.").arg(channel.channel), false);
        m_admin.loadChannels();
    });
    connect(&m_admin, &ReleaseAdmin::releaseDeleted, this, [this] {
        setStatus(tr("Release deleted."), false);
        reload();
    });
}

AdminPage::~AdminPage() = default;

QString AdminPage::status() const
{
    return m_status->text();
}

QWidget *AdminPage::buildReleasesTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    m_releaseTable
        = makeTable(tab, QStringLiteral("releasesTable"),
                    {tr("Version"), tr("Channel"), tr("Platform"), tr("State"), tr("Size"), tr("Date")});
    layout->addWidget(m_releaseTable, 1);
    auto *actions = new QHBoxLayout;
    auto *refresh = new QPushButton(tr("Re&fresh"), tab);
    m_delete = new QPushButton(tr("De&lete release…"), tab);
    m_delete->setObjectName(QStringLiteral("deleteReleaseButton"));
    actions->addWidget(refresh);
    actions->addWidget(m_delete);
    actions->addStretch(1);
    layout->addLayout(actions);

    auto *upload = new QFormLayout;
    auto pathRow = [this, tab, upload](const QString &name, const QString &label, const QString &title,
                                       const QString &filter) {
        auto *edit = new QLineEdit(tab);
        edit->setObjectName(name);
        auto *browseButton = new QPushButton(tr("Browse…"), tab);
        connect(browseButton, &QPushButton::clicked, this,
                [this, edit, title, filter] { browse(edit, title, filter); });
        auto *row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(browseButton);
        upload->addRow(label, row);
        return edit;
    };
    m_installerPath = pathRow(QStringLiteral("installerPath"), tr("&Installer:"), tr("Installer"),
                              tr("Installers (*.deb *.exe)"));
    m_manifestPath = pathRow(QStringLiteral("manifestPath"), tr("Signed &manifest:"), tr("Signed manifest"),
                             tr("Signed files (*.json *.signed)"));
    m_keysPath = pathRow(QStringLiteral("keysPath"), tr("Signed &key list:"), tr("Signed key list"),
                         tr("Signed files (*.json *.signed)"));
    layout->addLayout(upload);
    auto *uploadRow = new QHBoxLayout;
    m_uploadButton = new QPushButton(tr("&Upload release"), tab);
    m_uploadButton->setObjectName(QStringLiteral("uploadButton"));
    m_uploadProgress = new QProgressBar(tab);
    m_uploadProgress->setObjectName(QStringLiteral("uploadProgress"));
    m_uploadProgress->setRange(0, 1000);
    m_uploadProgress->setValue(0);
    uploadRow->addWidget(m_uploadButton);
    uploadRow->addWidget(m_uploadProgress, 1);
    layout->addLayout(uploadRow);

    connect(refresh, &QPushButton::clicked, this, &AdminPage::reload);
    connect(m_delete, &QPushButton::clicked, this, &AdminPage::deleteSelected);
    connect(m_uploadButton, &QPushButton::clicked, this, &AdminPage::startUpload);
    return tab;
}

QWidget *AdminPage::buildChannelsTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    m_channelTable = makeTable(
        tab, QStringLiteral("channelsTable"),
        {tr("Channel"), tr("Current release"), tr("Rollout"), tr("Paused"), tr("Minimum version")});
    layout->addWidget(m_channelTable, 1);
    auto *form = new QFormLayout;
    m_channel = new QComboBox(tab);
    m_channel->setObjectName(QStringLiteral("channelCombo"));
    form->addRow(tr("C&hannel:"), m_channel);
    m_channelRelease = new QComboBox(tab);
    m_channelRelease->setObjectName(QStringLiteral("channelRelease"));
    form->addRow(tr("Current &release:"), m_channelRelease);
    m_rollout = new QSpinBox(tab);
    m_rollout->setObjectName(QStringLiteral("rolloutSpin"));
    m_rollout->setRange(0, 100);
    m_rollout->setSuffix(QStringLiteral(" %"));
    form->addRow(tr("R&ollout to:"), m_rollout);
    m_paused = new QCheckBox(tr("&Paused: no device is offered the release"), tab);
    m_paused->setObjectName(QStringLiteral("pausedCheck"));
    form->addRow(QString(), m_paused);
    m_minVersion = new QLineEdit(tab);
    m_minVersion->setObjectName(QStringLiteral("minVersionEdit"));
    m_minVersion->setPlaceholderText(tr("none: every version may sync"));
    form->addRow(tr("&Minimum version:"), m_minVersion);
    layout->addLayout(form);
    m_saveChannel = new QPushButton(tr("&Save channel"), tab);
    m_saveChannel->setObjectName(QStringLiteral("saveChannelButton"));
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_saveChannel);
    layout->addLayout(row);
    connect(m_channel, &QComboBox::currentIndexChanged, this, &AdminPage::showChannel);
    connect(m_saveChannel, &QPushButton::clicked, this, &AdminPage::saveChannel);
    return tab;
}

QWidget *AdminPage::buildDevicesTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(new QLabel(tr("Devices by version"), tab));
    m_versionTable = makeTable(tab, QStringLiteral("versionsTable"),
                               {tr("Version"), tr("Platform"), tr("Channel"), tr("Devices")});
    layout->addWidget(m_versionTable, 2);
    layout->addWidget(new QLabel(tr("Recent install failures"), tab));
    m_failureTable = makeTable(tab, QStringLiteral("failuresTable"),
                               {tr("When"), tr("Device"), tr("Version"), tr("Message")});
    layout->addWidget(m_failureTable, 1);
    return tab;
}

void AdminPage::reload()
{
    m_admin.loadReleases();
    m_admin.loadChannels();
    m_admin.loadDevices();
}

void AdminPage::showReleases(const QList<ReleaseRow> &releases)
{
    m_releases = releases;
    const QLocale locale;
    m_releaseTable->setRowCount(int(releases.size()));
    for (int row = 0; row < releases.size(); ++row) {
        const ReleaseRow &release = releases.at(row);
        setRow(m_releaseTable, row,
               {release.version, release.channel, release.platform, release.state,
                locale.formattedDataSize(release.size), dateText(release.createdAt)});
    }
    m_releaseTable->resizeColumnsToContents();
    showChannel(m_channel->currentIndex());
}

void AdminPage::showChannels(const QList<ChannelRow> &channels)
{
    m_channels = channels;
    m_channelTable->setRowCount(int(channels.size()));
    for (int row = 0; row < channels.size(); ++row) {
        const ChannelRow &channel = channels.at(row);
        QString release = channel.releaseId;
        for (const ReleaseRow &known : std::as_const(m_releases))
            if (known.id == channel.releaseId)
                release = known.version;
        setRow(m_channelTable, row,
               {channel.channel, release.isEmpty() ? tr("none") : release,
                QStringLiteral("%1 %").arg(channel.rolloutPercent), channel.paused ? tr("yes") : tr("no"),
                channel.minVersion});
    }
    const QString current = m_channel->currentText();
    const QSignalBlocker blocker(m_channel);
    m_channel->clear();
    for (const ChannelRow &channel : channels)
        m_channel->addItem(channel.channel);
    m_channel->setCurrentIndex(std::max(0, m_channel->findText(current)));
    showChannel(m_channel->currentIndex());
}

void AdminPage::showChannel(int index)
{
    if (index < 0 || index >= m_channels.size())
        return;
    const ChannelRow &channel = m_channels.at(index);
    m_channelRelease->clear();
    m_channelRelease->addItem(tr("None"), QString());
    for (const ReleaseRow &release : std::as_const(m_releases)) {
        if (release.channel == channel.channel)
            m_channelRelease->addItem(tr("%1 (%2, %3)").arg(release.version, release.platform, release.state),
                                      release.id);
    }
    m_channelRelease->setCurrentIndex(std::max(0, m_channelRelease->findData(channel.releaseId)));
    m_rollout->setValue(channel.rolloutPercent);
    m_paused->setChecked(channel.paused);
    m_minVersion->setText(channel.minVersion);
}

void AdminPage::saveChannel()
{
    const int index = m_channel->currentIndex();
    if (index < 0 || index >= m_channels.size()) {
        setStatus(tr("Choose a channel first."), true);
        return;
    }
    ChannelRow channel = m_channels.at(index);
    channel.releaseId = m_channelRelease->currentData().toString();
    channel.rolloutPercent = m_rollout->value();
    channel.paused = m_paused->isChecked();
    channel.minVersion = m_minVersion->text().trimmed();
    m_admin.saveChannel(channel);
}

void AdminPage::showDevices(const DeviceReport &report)
{
    m_versionTable->setRowCount(int(report.versions.size()));
    for (int row = 0; row < report.versions.size(); ++row) {
        const DeviceVersionRow &version = report.versions.at(row);
        setRow(m_versionTable, row,
               {version.version, version.platform, version.channel, QString::number(version.devices)});
    }
    m_failureTable->setRowCount(int(report.failures.size()));
    for (int row = 0; row < report.failures.size(); ++row) {
        const InstallFailureRow &failure = report.failures.at(row);
        setRow(m_failureTable, row,
               {dateText(failure.at), failure.deviceId, failure.version, failure.message});
    }
}

void AdminPage::deleteSelected()
{
    const int row = m_releaseTable->currentRow();
    if (row < 0 || row >= m_releases.size()) {
        setStatus(tr("Choose the release to delete."), true);
        return;
    }
    const ReleaseRow release = m_releases.at(row);
    const auto answer = QMessageBox::question(
        this, tr("Delete release"),
        tr("Delete release %1 (%2) from the server?").arg(release.version, release.platform));
    if (answer == QMessageBox::Yes)
        m_admin.deleteRelease(release.id);
}

void AdminPage::browse(QLineEdit *edit, const QString &title, const QString &filter)
{
    const QString path = QFileDialog::getOpenFileName(this, title, edit->text(), filter);
    if (!path.isEmpty())
        edit->setText(path);
}

// Upload, or after a failure go on from where the server stopped.
void AdminPage::startUpload()
{
    const QStringList paths {m_installerPath->text().trimmed(), m_manifestPath->text().trimmed(),
                             m_keysPath->text().trimmed()};
    if (m_upload && paths != m_uploadPaths) {
        delete m_upload; // other files chosen: a new upload
        m_uploadButton->setText(tr("&Upload release"));
    }
    if (m_upload) {
        m_uploadButton->setEnabled(false);
        setStatus(tr("Resuming the upload…"), false);
        m_upload->resume();
        return;
    }
    QString error;
    const auto manifest = readEnvelopeFile(m_manifestPath->text().trimmed(), &error);
    if (!manifest) {
        setStatus(error, true);
        return;
    }
    const auto keys = readEnvelopeFile(m_keysPath->text().trimmed(), &error);
    if (!keys) {
        setStatus(error, true);
        return;
    }
    const QString installer = m_installerPath->text().trimmed();
    ReleaseUpload *upload = m_makeUpload(installer, *manifest, *keys);
    upload->setParent(this);
    m_upload = upload;
    m_uploadPaths = paths;
    m_uploadButton->setEnabled(false);
    setStatus(tr("Uploading %1…").arg(installer), false);
    connect(upload, &ReleaseUpload::progress, this, [this](qint64 sent, qint64 total) {
        m_uploadProgress->setValue(total > 0 ? int(sent * 1000 / total) : 0);
        const QLocale locale;
        m_uploadProgress->setFormat(
            tr("%1 of %2").arg(locale.formattedDataSize(sent), locale.formattedDataSize(total)));
    });
    connect(upload, &ReleaseUpload::finished, this, [this, upload](const ReleaseRow &release) {
        setStatus(tr("Release %1 uploaded. Choose it for a channel to offer it.").arg(release.version),
                  false);
        m_uploadButton->setText(tr("&Upload release"));
        m_uploadButton->setEnabled(true);
        upload->deleteLater();
        m_upload = nullptr;
        reload();
    });
    connect(upload, &ReleaseUpload::failed, this, [this](const QString &message) {
        setStatus(tr("The upload stopped: %1 Press Resume to go on from where it stopped.").arg(message),
                  true);
        m_uploadButton->setText(tr("&Resume upload"));
        m_uploadButton->setEnabled(true);
    });
    upload->start();
}

void AdminPage::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
}

} // namespace portico::client
