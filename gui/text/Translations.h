#pragma once

#include <QList>
#include <QString>

namespace sender {

struct ConsoleLanguage
{
    QString code; // "en", "ru"
    QString nativeName; // "English", "Русский"
};

// The languages the console ships translations for.
QList<ConsoleLanguage> consoleLanguages();

// Loads the console's translation into the application: the override when it names a shipped
// language, else the first of the system's UI languages that is shipped, else English.
// Returns the code of the language in use. Call again to switch (the previous one is removed).
QString installConsoleTranslation(const QString &languageOverride);

} // namespace sender
