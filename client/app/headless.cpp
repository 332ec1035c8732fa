#include "headless.h"

#include "auth/credentialstore.h"
#include "sync/headlesssync.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

namespace portico::client {

int runHeadlessSync(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Portico"));
    QCoreApplication::setOrganizationName(QStringLiteral("Portico"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PORTICO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Portico: one sync without a window"));
    parser.addHelpOption();
    const QCommandLineOption sync(QStringLiteral("sync"),
                                  QCoreApplication::translate("main", "Run one sync and exit."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QCoreApplication::translate("main", "The profile folder."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QCoreApplication::translate("main", "Server of a new profile."),
                                    QStringLiteral("URL"));
    const QCommandLineOption login(QStringLiteral("login"),
                                   QCoreApplication::translate("main", "Login of a new profile."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption passwordStdin(
        QStringLiteral("password-stdin"),
        QCoreApplication::translate("main", "Read the password from the first line of standard input."));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QCoreApplication::translate("main", "Give up after this many seconds (default 600)."),
        QStringLiteral("SECONDS"), QStringLiteral("600"));
    const QCommandLineOption pageSize(
        QStringLiteral("page-size"),
        QCoreApplication::translate("main", "Changes per pull request (1-5000)."), QStringLiteral("N"),
        QStringLiteral("0"));
    parser.addOptions({sync, profile, server, login, passwordStdin, timeout, pageSize});
    parser.process(app);

    QTextStream err(stderr);
    if (!parser.isSet(profile)) {
        err << QCoreApplication::translate("main", "--sync needs --profile DIR.") << Qt::endl;
        return 2;
    }
    HeadlessSync::Options options;
    options.profileDir = parser.value(profile);
    options.server = QUrl(parser.value(server));
    options.login = parser.value(login);
    options.timeoutSeconds = parser.value(timeout).toInt();
    if (options.timeoutSeconds <= 0)
        options.timeoutSeconds = 600;
    options.pageSize = std::clamp(parser.value(pageSize).toInt(), 0, 5000);
    if (parser.isSet(passwordStdin)) {
        std::string line;
        std::getline(std::cin, line);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        options.password = QString::fromStdString(line);
        std::fill(line.begin(), line.end(), '\0');
        if (options.password.isEmpty()) {
            err << QCoreApplication::translate("main", "No password on standard input.") << Qt::endl;
            return 2;
        }
    } else if (!options.login.isEmpty()) {
        err << QCoreApplication::translate("main", "A new profile needs --password-stdin.") << Qt::endl;
        return 2;
    }

    QNetworkAccessManager network;
    KeychainCredentialStore credentials(QStringLiteral("Portico"));
    HeadlessSync headless(std::move(options), network, credentials);
    int exitCode = 1;
    QObject::connect(&headless, &HeadlessSync::finished, &app, [&](int code, const QJsonObject &summary) {
        exitCode = code;
        std::fputs(QJsonDocument(summary).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
        std::fflush(stdout);
        QCoreApplication::exit(code);
    });
    // From the event loop, so that a failure at once still ends it.
    QTimer::singleShot(0, &headless, &HeadlessSync::start);
    QCoreApplication::exec();
    return exitCode;
}

} // namespace portico::client
