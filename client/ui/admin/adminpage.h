#pragma once

#include "update/releaseadmin.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace portico::client {

// The administrator's view of updates (admin role only): the releases the server holds, the
// upload of a new one (installer, signed manifest and key list; chunked, and resumed after a
// failure from where the server stopped), each channel's current release, rollout percentage,
// pause and minimum version, and how many devices run each version with the recent install
// failures.
class AdminPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminPage)

public:
    AdminPage(ReleaseAdmin &admin,
              std::function<ReleaseUpload *(const QString &installer, const QJsonObject &manifest,
                                            const QJsonObject &keys)>
                  makeUpload,
              QWidget *parent = nullptr);
    ~AdminPage() override;

    QString status() const;

public Q_SLOTS:
    void reload();
    void startUpload();
    void saveChannel();

private:
    QWidget *buildReleasesTab();
    QWidget *buildChannelsTab();
    QWidget *buildDevicesTab();
    void showReleases(const QList<ReleaseRow> &releases);
    void showChannels(const QList<ChannelRow> &channels);
    void showDevices(const DeviceReport &report);
    void showChannel(int index);
    void deleteSelected();
    void browse(QLineEdit *edit, const QString &title, const QString &filter);
    void setStatus(const QString &text, bool problem);

    ReleaseAdmin &m_admin;
    std::function<ReleaseUpload *(const QString &, const QJsonObject &, const QJsonObject &)> m_makeUpload;
    QList<ReleaseRow> m_releases;
    QList<ChannelRow> m_channels;
    QPointer<ReleaseUpload> m_upload;
    QStringList m_uploadPaths; // installer, manifest, key list of m_upload

    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_releaseTable = nullptr;
    QPushButton *m_delete = nullptr;
    QLineEdit *m_installerPath = nullptr;
    QLineEdit *m_manifestPath = nullptr;
    QLineEdit *m_keysPath = nullptr;
    QPushButton *m_uploadButton = nullptr;
    QProgressBar *m_uploadProgress = nullptr;
    QTableWidget *m_channelTable = nullptr;
    QComboBox *m_channel = nullptr;
    QComboBox *m_channelRelease = nullptr;
    QSpinBox *m_rollout = nullptr;
    QCheckBox *m_paused = nullptr;
    QLineEdit *m_minVersion = nullptr;
    QPushButton *m_saveChannel = nullptr;
    QTableWidget *m_versionTable = nullptr;
    QTableWidget *m_failureTable = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace portico::client
