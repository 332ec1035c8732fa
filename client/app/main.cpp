#include "application.h"
#include "headless.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstring>

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--sync") == 0)
            return portico::client::runHeadlessSync(argc, argv);
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Portico"));
    QApplication::setOrganizationName(QStringLiteral("Portico"));
    QApplication::setApplicationVersion(QStringLiteral(PORTICO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Portico desktop client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
                                    QApplication::translate("main", "Server to connect to."),
                                    QStringLiteral("URL"), QStringLiteral("http://127.0.0.1:8080"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QApplication::translate("main", "Interface language (en, ru)."),
                                      QStringLiteral("CODE"));
    parser.addOption(server);
    parser.addOption(language);
    parser.process(app);

    portico::client::Application portico({QUrl(parser.value(server)), parser.value(language)});
    portico.loadTranslations(app);
    portico.showMainWindow();
    return QApplication::exec();
}
