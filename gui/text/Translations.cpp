#include "gui/text/Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace sender {

QList<ConsoleLanguage> consoleLanguages()
{
    // Each language names itself, so that a user who cannot read the current one finds theirs.
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("ru"), QStringLiteral("Русский")}};
}

namespace {

bool shipped(const QString &code)
{
    for (const ConsoleLanguage &l : consoleLanguages()) {
        if (l.code == code)
            return true;
    }
    return false;
}

QString pickLanguage(const QString &languageOverride)
{
    if (shipped(languageOverride))
        return languageOverride;
    for (const QString &name : QLocale::system().uiLanguages()) {
        const QString code = QLocale(name).name().section(u'_', 0, 0);
        if (shipped(code))
            return code;
    }
    return QStringLiteral("en");
}

} // namespace

QString installConsoleTranslation(const QString &languageOverride)
{
    static QTranslator *translator = nullptr;
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
        translator = nullptr;
    }
    const QString code = pickLanguage(languageOverride);
    auto *next = new QTranslator;
    if (next->load(QStringLiteral(":/i18n/luna-sender_%1.qm").arg(code))) {
        QCoreApplication::installTranslator(next);
        translator = next;
    } else {
        delete next;
    }
    if (!languageOverride.isEmpty() && shipped(languageOverride))
        QLocale::setDefault(QLocale(languageOverride));
    return code;
}

} // namespace sender
