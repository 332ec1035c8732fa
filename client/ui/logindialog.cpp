#include "logindialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace portico::client {

LoginDialog::LoginDialog(QList<Profile> profiles, QUrl defaultServer, QWidget *parent)
    : QDialog(parent)
    , m_profiles(std::move(profiles))
{
    setWindowTitle(tr("Sign in to Portico"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/portico.svg")));
    setMinimumWidth(460);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(12);

    auto *title = new QLabel(tr("Portico"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    auto *form = new QFormLayout;
    form->setSpacing(8);
    m_profile = new QComboBox(this);
    m_profile->setObjectName(QStringLiteral("profile"));
    for (const Profile &profile : std::as_const(m_profiles))
        m_profile->addItem(tr("%1 on %2").arg(profile.displayName, profile.server.toDisplayString()));
    m_profile->addItem(tr("New profile…"));
    form->addRow(tr("&Profile:"), m_profile);

    m_server = new QLineEdit(defaultServer.toDisplayString(), this);
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(tr("https://portal.example.com"));
    form->addRow(tr("&Server:"), m_server);
    m_login = new QLineEdit(this);
    m_login->setObjectName(QStringLiteral("login"));
    form->addRow(tr("&Login:"), m_login);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Pass&word:"), m_password);
    layout->addLayout(form);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setDefault(true);
    m_offline = buttons->addButton(tr("Work &offline"), QDialogButtonBox::ActionRole);
    m_offline->setObjectName(QStringLiteral("offline"));
    m_offline->setToolTip(tr("Open this profile's cached catalog and orders without signing in."));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);

    connect(m_profile, &QComboBox::currentIndexChanged, this, &LoginDialog::onProfileChosen);
    connect(m_server, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_login, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_signIn, &QPushButton::clicked, this, &LoginDialog::requestSignIn);
    connect(m_offline, &QPushButton::clicked, this, [this] {
        if (const auto profile = chosenProfile())
            Q_EMIT offlineRequested(*profile);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    setTabOrder(m_profile, m_server);
    setTabOrder(m_server, m_login);
    setTabOrder(m_login, m_password);
    setTabOrder(m_password, m_signIn);
    onProfileChosen(m_profile->currentIndex());
}

LoginDialog::~LoginDialog() = default;

void LoginDialog::preselect(const QUrl &server, const QString &login)
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).isFor(server, login)) {
            m_profile->setCurrentIndex(i);
            return;
        }
    }
    m_profile->setCurrentIndex(int(m_profiles.size()));
    m_server->setText(server.toDisplayString());
    m_login->setText(login);
    onProfileChosen(m_profile->currentIndex());
}

std::optional<Profile> LoginDialog::chosenProfile() const
{
    const int index = m_profile->currentIndex();
    if (index < 0 || index >= m_profiles.size())
        return std::nullopt;
    return m_profiles.at(index);
}

void LoginDialog::onProfileChosen(int)
{
    if (const auto profile = chosenProfile()) {
        m_server->setText(profile->server.toDisplayString());
        m_login->setText(profile->login);
        m_password->setFocus();
    } else if (m_server->text().trimmed().isEmpty()) {
        m_server->setFocus();
    } else if (m_login->text().isEmpty()) {
        m_login->setFocus(); // the server is offered: the login is what is left to type
    } else {
        m_password->setFocus();
    }
    updateButtons();
}

void LoginDialog::updateButtons()
{
    const QUrl url = server();
    m_signIn->setEnabled(!m_busy && url.isValid() && !url.host().isEmpty() && !login().isEmpty()
                         && !m_password->text().isEmpty());
    m_offline->setEnabled(!m_busy && chosenProfile().has_value());
    m_offline->setVisible(!m_profiles.isEmpty());
}

QUrl LoginDialog::server() const
{
    QString text = m_server->text().trimmed();
    if (!text.isEmpty() && !text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("https://"));
    return QUrl(text, QUrl::StrictMode);
}

QString LoginDialog::login() const
{
    return m_login->text().trimmed();
}

void LoginDialog::requestSignIn()
{
    if (!m_signIn->isEnabled())
        return;
    QString password = m_password->text();
    m_password->clear();
    Q_EMIT signInRequested(server(), login(), password);
    password.fill(QLatin1Char('\0'));
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *input : {static_cast<QWidget *>(m_profile), static_cast<QWidget *>(m_server),
                           static_cast<QWidget *>(m_login), static_cast<QWidget *>(m_password)})
        input->setEnabled(!busy);
    if (busy)
        showNotice(tr("Signing in…"));
    updateButtons();
}

void LoginDialog::showError(const QString &message)
{
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    setBusy(false);
    m_message->setText(message);
    m_password->setFocus();
}

void LoginDialog::showNotice(const QString &message)
{
    m_message->setStyleSheet(QString());
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

} // namespace portico::client
