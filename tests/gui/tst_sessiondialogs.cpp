#include "fakecredentialstore.h"
#include "logindialog.h"
#include "profile/profilestore.h"
#include "settingsdialog.h"
#include "workspace/appsettings.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace portico::client;
using portico::test::FakeCredentialStore;

namespace {

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no %s named %s", T::staticMetaObject.className(), name);
    return found;
}

// Answers the next message box with `button` once it shows.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        for (QWidget *top : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(top); box && box->isVisible()) {
                box->button(button)->click();
                return;
            }
        }
        answerNextMessageBox(button); // not shown yet
    });
}

} // namespace

// The sign-in dialog and the settings: what they offer for the profiles on this computer, what
// they hand over, and that forgetting a profile removes its data and its keychain entry.
class TestSessionDialogs final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    std::unique_ptr<ProfileStore> m_profiles;
    Profile m_rep;
    Profile m_buyer;

private Q_SLOTS:
    void initTestCase()
    {
        m_profiles = std::make_unique<ProfileStore>(m_root.filePath(QStringLiteral("profiles")));
        m_rep
            = m_profiles->create(QUrl(QStringLiteral("https://portal.example.com")), QStringLiteral("rep1"));
        m_buyer = m_profiles->create(QUrl(QStringLiteral("https://portal.example.com:8443/")),
                                     QStringLiteral("buyer1"));
        QVERIFY(!m_rep.dir.isEmpty() && !m_buyer.dir.isEmpty());
    }

    void signInHandsOverWhatWasTyped()
    {
        LoginDialog dialog({}, QUrl(QStringLiteral("http://127.0.0.1:8080")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        // The server is offered: typing starts in the login.
        QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(&dialog, "login"));
        auto *signIn = child<QPushButton>(&dialog, "signIn");
        QVERIFY(!signIn->isEnabled()); // no login, no password yet
        QVERIFY(!child<QPushButton>(&dialog, "offline")->isVisible()); // no known profile
        child<QLineEdit>(&dialog, "server")->setText(QStringLiteral("portal.example.com"));
        child<QLineEdit>(&dialog, "login")->setText(QStringLiteral("  rep1 "));
        QVERIFY(!signIn->isEnabled());
        child<QLineEdit>(&dialog, "password")->setText(QStringLiteral("secret"));
        QVERIFY(signIn->isEnabled());

        QSignalSpy requested(&dialog, &LoginDialog::signInRequested);
        QTest::keyClick(child<QLineEdit>(&dialog, "password"), Qt::Key_Return);
        QCOMPARE(requested.count(), 1);
        // No scheme typed: https is assumed; the login is trimmed; the password leaves the dialog.
        QCOMPARE(requested.first().at(0).toUrl(), QUrl(QStringLiteral("https://portal.example.com")));
        QCOMPARE(requested.first().at(1).toString(), QStringLiteral("rep1"));
        QCOMPARE(requested.first().at(2).toString(), QStringLiteral("secret"));
        QVERIFY(child<QLineEdit>(&dialog, "password")->text().isEmpty());

        dialog.setBusy(true);
        QVERIFY(!child<QLineEdit>(&dialog, "login")->isEnabled());
        dialog.showError(QStringLiteral("Wrong login or password"));
        QVERIFY(child<QLineEdit>(&dialog, "login")->isEnabled());
        QCOMPARE(child<QLabel>(&dialog, "message")->text(), QStringLiteral("Wrong login or password"));
    }

    void aKnownProfileOpensOffline()
    {
        LoginDialog dialog(m_profiles->list(), QUrl(QStringLiteral("http://127.0.0.1:8080")));
        dialog.show();
        auto *profile = child<QComboBox>(&dialog, "profile");
        QCOMPARE(profile->count(), 3); // two profiles and "New profile…"
        dialog.preselect(m_buyer.server, m_buyer.login);
        QCOMPARE(child<QLineEdit>(&dialog, "login")->text(), QStringLiteral("buyer1"));
        QCOMPARE(dialog.server(), m_buyer.server);
        auto *offline = child<QPushButton>(&dialog, "offline");
        QVERIFY(offline->isEnabled());
        QSignalSpy opened(&dialog, &LoginDialog::offlineRequested);
        offline->click();
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().at(0).value<Profile>().dir, m_buyer.dir);

        // A new profile cannot be opened offline: there is nothing cached.
        profile->setCurrentIndex(profile->count() - 1);
        QVERIFY(!offline->isEnabled());
    }

    void settingsRoundTrip()
    {
        QSettings store(m_root.filePath(QStringLiteral("portico.ini")), QSettings::IniFormat);
        AppSettings settings;
        settings.language = QStringLiteral("ru");
        settings.syncInterval = std::chrono::minutes(15);
        settings.lastProfileDir = m_rep.dir;
        settings.save(store);
        const AppSettings loaded = AppSettings::load(store);
        QCOMPARE(loaded.language, QStringLiteral("ru"));
        QCOMPARE(loaded.syncInterval, std::chrono::minutes(15));
        QCOMPARE(loaded.lastProfileDir, m_rep.dir);
        // What a hand-edited file may hold is kept in range.
        store.setValue(QStringLiteral("sync/interval_minutes"), 0);
        store.setValue(QStringLiteral("ui/language"), QStringLiteral("klingon"));
        const AppSettings clamped = AppSettings::load(store);
        QCOMPARE(clamped.syncInterval, AppSettings::MinSyncInterval);
        QCOMPARE(clamped.language, QString());
    }

    void settingsDialogChangesAndForgets()
    {
        FakeCredentialStore credentials;
        bool written = false;
        credentials.write(m_buyer.credentialKey(), "tokens", this,
                          [&written](const auto &) { written = true; });
        QTRY_VERIFY(written);
        QVERIFY(credentials.contains(m_buyer.credentialKey()));

        SettingsDialog dialog(AppSettings {}, *m_profiles, credentials, m_rep.dir);
        dialog.show();
        child<QComboBox>(&dialog, "language")->setCurrentIndex(2); // Русский
        child<QSpinBox>(&dialog, "syncInterval")->setValue(30);
        QCOMPARE(dialog.settings().language, QStringLiteral("ru"));
        QCOMPARE(dialog.settings().syncInterval, std::chrono::minutes(30));

        auto *list = child<QListWidget>(&dialog, "profiles");
        auto *forget = child<QPushButton>(&dialog, "forget");
        QCOMPARE(list->count(), 2);
        // The buyer's profile is the one on port 8443.
        const int buyerRow = list->item(0)->text().contains(QStringLiteral("8443")) ? 0 : 1;
        const int repRow = 1 - buyerRow;
        QVERIFY(list->item(buyerRow)->text().contains(QStringLiteral("8443")));
        // The profile open now cannot be forgotten from here.
        list->setCurrentRow(repRow);
        QVERIFY(!forget->isEnabled());
        list->setCurrentRow(buyerRow);
        QVERIFY(forget->isEnabled());
        // Asked first; "No" keeps everything.
        answerNextMessageBox(QMessageBox::No);
        forget->click();
        QVERIFY(QDir(m_buyer.dir).exists());
        answerNextMessageBox(QMessageBox::Yes);
        forget->click();
        QVERIFY(!QDir(m_buyer.dir).exists());
        QTRY_VERIFY(!credentials.contains(m_buyer.credentialKey()));
        QCOMPARE(list->count(), 1);
        QVERIFY(QDir(m_rep.dir).exists());
    }
};

QTEST_MAIN(TestSessionDialogs)
#include "tst_sessiondialogs.moc"
