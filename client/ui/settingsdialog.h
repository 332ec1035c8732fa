#pragma once

#include "profile/profilestore.h"
#include "workspace/appsettings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace portico::client {

class CredentialStore;

// Preferences: the interface language, the sync interval, and the profiles on this computer
// (switch to one, or forget one: its cache and its keychain entry go).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    SettingsDialog(AppSettings settings, ProfileStore &profiles, CredentialStore &credentials,
                   QString currentProfileDir, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The settings as the user left them (valid after accept()).
    AppSettings settings() const;

Q_SIGNALS:
    void switchProfileRequested(const portico::client::Profile &profile);

private:
    void reloadProfiles();
    void updateProfileButtons();
    void forgetChosen();

    AppSettings m_settings;
    ProfileStore &m_profiles;
    CredentialStore &m_credentials;
    QString m_currentProfileDir;
    QList<Profile> m_list;
    QComboBox *m_language = nullptr;
    QSpinBox *m_interval = nullptr;
    QListWidget *m_profileList = nullptr;
    QPushButton *m_switch = nullptr;
    QPushButton *m_forget = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace portico::client
