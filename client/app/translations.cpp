#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace portico::client {

Translations::~Translations()
{
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_portico);
        QCoreApplication::removeTranslator(&m_qt);
    }
}

QStringList Translations::defaultFolders()
{
    const QString binary = QCoreApplication::applicationDirPath();
    return {binary + QStringLiteral("/../../translations"), // build tree
            binary + QStringLiteral("/../translations"),
            binary + QStringLiteral("/../share/portico/translations")}; // installed
}

bool Translations::install(const QLocale &locale, const QStringList &folders)
{
    QLocale::setDefault(locale);
    if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    bool found = false;
    for (const QString &folder : folders) {
        if (m_portico.load(locale, QStringLiteral("portico"), QStringLiteral("_"), folder)) {
            QCoreApplication::installTranslator(&m_portico);
            found = true;
            break;
        }
    }
    m_installed = true;
    return found || locale.language() == QLocale::English || locale.language() == QLocale::C;
}

} // namespace portico::client
