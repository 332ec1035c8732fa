#pragma once

#include <QLocale>
#include <QStringList>
#include <QTranslator>

namespace portico::client {

// The interface language: Portico's own strings (portico_<lang>.qm) and Qt's (qtbase_<lang>.qm:
// the standard buttons, the calendar, the file dialog), installed into the application for as
// long as this object lives.
class Translations final
{
public:
    Translations() = default;
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    // The folders searched for portico_<lang>.qm: next to the binary in the build tree and where
    // `install` puts them.
    static QStringList defaultFolders();

    // Sets the default locale and installs what exists for it; false when Portico's own
    // translation for a non-English locale was not found.
    bool install(const QLocale &locale, const QStringList &folders = defaultFolders());

private:
    QTranslator m_portico;
    QTranslator m_qt;
    bool m_installed = false;
};

} // namespace portico::client
