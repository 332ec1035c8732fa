#pragma once

#include "profile/profilestore.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace portico::client {

// Signing in: a profile picker (the server and login pairs used on this computer), the server
// URL, the login and the password. The dialog only asks; the application signs in and answers
// with showError() or by closing it. A known profile can also be opened offline, onto its
// cached data.
class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)

public:
    LoginDialog(QList<Profile> profiles, QUrl defaultServer, QWidget *parent = nullptr);
    ~LoginDialog() override;

    // Selects a known profile (or fills the server and login of a new one).
    void preselect(const QUrl &server, const QString &login);
    // Waiting for the server: the inputs are locked and the message says so.
    void setBusy(bool busy);
    void showError(const QString &message);
    void showNotice(const QString &message);

    QUrl server() const;
    QString login() const;

Q_SIGNALS:
    // The password is handed over once and cleared from the dialog.
    void signInRequested(const QUrl &server, const QString &login, const QString &password);
    void offlineRequested(const portico::client::Profile &profile);

private:
    void onProfileChosen(int index);
    void updateButtons();
    void requestSignIn();
    std::optional<Profile> chosenProfile() const;

    QList<Profile> m_profiles;
    QComboBox *m_profile = nullptr;
    QLineEdit *m_server = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_offline = nullptr;
    bool m_busy = false;
};

} // namespace portico::client
