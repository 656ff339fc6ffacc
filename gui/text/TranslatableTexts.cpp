#include "gui/text/TranslatableTexts.h"

#include "config/ConfigSchema.h"

#include <QCoreApplication>

// Texts that are not written in this module's tr() calls, listed so that lupdate extracts them:
// the standard texts of Qt's own widgets (Debian ships no Russian qtbase catalogue). The
// configuration's descriptions, units and section titles are marked where they are defined, in
// server/config/ConfigSchema.cpp, which lupdate reads too; tst_translations checks that every
// description has a Russian text, so a new key cannot silently stay untranslated.

namespace {

[[maybe_unused]] const char *const kQtStandardTexts[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Copy"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Copy &Link Location"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Select All"),
    QT_TRANSLATE_NOOP("QAbstractSpinBox", "&Step up"),
    QT_TRANSLATE_NOOP("QAbstractSpinBox", "Step &down"),
    QT_TRANSLATE_NOOP("QAbstractSpinBox", "&Select All"),
    QT_TRANSLATE_NOOP("QDockWidget", "Float"),
    QT_TRANSLATE_NOOP("QDockWidget", "Close"),
};

} // namespace

namespace sender {

QString translatedUnit(const ConfigKey &key)
{
    return QCoreApplication::translate("ConfigUnit", key.unit);
}

QString translatedDescription(const ConfigKey &key)
{
    return QCoreApplication::translate("ConfigSchema", key.description);
}

QString sectionTitle(const QString &section)
{
    const char *title = ConfigSchema::sectionTitle(section);
    // A section added without a title shows under its own name.
    return title ? QCoreApplication::translate("ConfigSchema", title) : section;
}

} // namespace sender
