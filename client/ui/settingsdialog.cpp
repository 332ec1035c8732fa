#include "settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace portico::client {

SettingsDialog::SettingsDialog(AppSettings settings, ProfileStore &profiles, CredentialStore &credentials,
                               QString currentProfileDir, QWidget *parent)
    : QDialog(parent)
    , m_settings(std::move(settings))
    , m_profiles(profiles)
    , m_credentials(credentials)
    , m_currentProfileDir(std::move(currentProfileDir))
{
    setWindowTitle(tr("Settings"));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);

    auto *general = new QGroupBox(tr("General"), this);
    auto *form = new QFormLayout(general);
    m_language = new QComboBox(general);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("As the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Русский"), QStringLiteral("ru"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_settings.language)));
    form->addRow(tr("&Language:"), m_language);
    auto *languageNote = new QLabel(tr("A new language applies the next time Portico starts."), general);
    languageNote->setWordWrap(true);
    form->addRow(QString(), languageNote);

    m_interval = new QSpinBox(general);
    m_interval->setObjectName(QStringLiteral("syncInterval"));
    m_interval->setRange(int(AppSettings::MinSyncInterval.count()),
                         int(AppSettings::MaxSyncInterval.count()));
    m_interval->setValue(int(m_settings.syncInterval.count()));
    m_interval->setSuffix(tr(" min"));
    m_interval->setToolTip(
        tr("How often to check for news when the server sends none. Orders upload at once when online."));
    form->addRow(tr("&Sync every:"), m_interval);
    layout->addWidget(general);

    auto *profilesBox = new QGroupBox(tr("Profiles on this computer"), this);
    auto *profilesLayout = new QVBoxLayout(profilesBox);
    m_profileList = new QListWidget(profilesBox);
    m_profileList->setObjectName(QStringLiteral("profiles"));
    profilesLayout->addWidget(m_profileList);
    auto *profileButtons = new QHBoxLayout;
    m_switch = new QPushButton(tr("S&witch to"), profilesBox);
    m_forget = new QPushButton(tr("&Forget…"), profilesBox);
    m_forget->setObjectName(QStringLiteral("forget"));
    m_forget->setToolTip(tr("Removes the profile's cached data and its saved sign-in from this computer."));
    profileButtons->addWidget(m_switch);
    profileButtons->addWidget(m_forget);
    profileButtons->addStretch();
    profilesLayout->addLayout(profileButtons);
    m_message = new QLabel(profilesBox);
    m_message->setWordWrap(true);
    m_message->hide();
    profilesLayout->addWidget(m_message);
    layout->addWidget(profilesBox);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_profileList, &QListWidget::currentRowChanged, this, &SettingsDialog::updateProfileButtons);
    connect(m_forget, &QPushButton::clicked, this, &SettingsDialog::forgetChosen);
    connect(m_switch, &QPushButton::clicked, this, [this] {
        const int row = m_profileList->currentRow();
        if (row < 0 || row >= m_list.size())
            return;
        Q_EMIT switchProfileRequested(m_list.at(row));
        reject();
    });
    reloadProfiles();
}

SettingsDialog::~SettingsDialog() = default;

AppSettings SettingsDialog::settings() const
{
    AppSettings result = m_settings;
    result.language = m_language->currentData().toString();
    result.syncInterval = std::chrono::minutes(m_interval->value());
    return result;
}

void SettingsDialog::reloadProfiles()
{
    m_list = m_profiles.list();
    m_profileList->clear();
    for (const Profile &profile : std::as_const(m_list)) {
        QString text = tr("%1 on %2").arg(profile.displayName, profile.server.toDisplayString());
        if (profile.dir == m_currentProfileDir)
            text = tr("%1 (open now)").arg(text);
        m_profileList->addItem(text);
    }
    if (!m_list.isEmpty())
        m_profileList->setCurrentRow(0);
    updateProfileButtons();
}

void SettingsDialog::updateProfileButtons()
{
    const int row = m_profileList->currentRow();
    const bool chosen = row >= 0 && row < m_list.size();
    const bool current = chosen && m_list.at(row).dir == m_currentProfileDir;
    m_switch->setEnabled(chosen && !current);
    m_forget->setEnabled(chosen && !current);
}

void SettingsDialog::forgetChosen()
{
    const int row = m_profileList->currentRow();
    if (row < 0 || row >= m_list.size())
        return;
    const Profile profile = m_list.at(row);
    const auto answer = QMessageBox::question(
        this, tr("Forget profile"),
        tr("Forget %1 on %2? Its cached data and saved sign-in are removed from this computer. Orders "
           "that have not reached the server yet are lost.")
            .arg(profile.displayName, profile.server.toDisplayString()));
    if (answer != QMessageBox::Yes)
        return;
    QString error;
    if (!m_profiles.forget(profile, m_credentials, &error)) {
        m_message->setText(error);
        m_message->show();
        return;
    }
    m_message->hide();
    reloadProfiles();
}

} // namespace portico::client
