#include "application.h"
#include "auth/credentialstore.h"
#include "headless.h"
#include "profile/profilestore.h"
#include "translations.h"
#include "workspace/appsettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QSettings>

#include <cstring>

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--sync") == 0)
            return portico::client::runHeadlessSync(argc, argv);
    }
    QApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Portico"));
    QApplication::setOrganizationName(QStringLiteral("Portico"));
    QApplication::setApplicationVersion(QStringLiteral(PORTICO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Portico desktop client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
                                    QApplication::translate("main", "Server offered for a new profile."),
                                    QStringLiteral("URL"), QStringLiteral("http://127.0.0.1:8080"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QApplication::translate("main", "Open this profile folder."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption profiles(
        QStringLiteral("profiles"),
        QApplication::translate("main", "Keep profiles under this folder instead of the user's data folder."),
        QStringLiteral("DIR"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QApplication::translate("main", "Interface language (en, ru)."),
                                      QStringLiteral("CODE"));
    // Shown in --help only: "--sync" anywhere on the command line is handled above.
    const QCommandLineOption sync(
        QStringLiteral("sync"),
        QApplication::translate(
            "main", "Run one sync without a window and exit (portico --sync --help lists its options)."));
    parser.addOptions({server, profile, profiles, language, sync});
    parser.process(app);

    QSettings settings;
    const portico::client::AppSettings preferences = portico::client::AppSettings::load(settings);
    const QString code = parser.isSet(language) ? parser.value(language) : preferences.language;
    portico::client::Translations translations;
    translations.install(code.isEmpty() ? QLocale() : QLocale(code));

    portico::client::KeychainCredentialStore credentials(QStringLiteral("Portico"));
    portico::client::ProfileStore profileStore(
        parser.isSet(profiles) ? parser.value(profiles) : portico::client::ProfileStore::defaultRoot());
    portico::client::Application portico({QUrl(parser.value(server)), parser.value(profile)}, credentials,
                                         profileStore, settings);
    portico.start();
    return QApplication::exec();
}
