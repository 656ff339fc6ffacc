#pragma once

#include "config/Settings.h"

#include <QHash>
#include <QTabWidget>

class QLabel;

namespace sender {

// The server's configuration as a form, generated from ConfigSchema: one tab per section, one
// editor per key chosen by its type, its description and unit beside it, and every value checked
// with SettingsLoader::parseValue as it is typed, so the form accepts exactly what the file does.
class ConfigForm : public QTabWidget
{
    Q_OBJECT
public:
    explicit ConfigForm(const Settings &settings, QWidget *parent = nullptr);

    // The editor's text of a key ("SECTION.KEY"); booleans "1"/"0".
    QString text(const QString &id) const;
    void setText(const QString &id, const QString &text);
    QWidget *editor(const QString &id) const;
    QString errorOf(const QString &id) const;

    bool isValid() const;
    // The edited configuration, or nothing with *errors saying why (per-key and cross-key).
    std::optional<Settings> result(QStringList *errors) const;
    // Keys whose edited value differs from the settings the form started with.
    QStringList changedKeys() const;
    void restoreDefaults(const QString &section);

Q_SIGNALS:
    void validityChanged(bool valid);

private:
    struct Field
    {
        const ConfigKey *key;
        QWidget *editor;
        QLabel *error;
    };
    void validate(const QString &id);
    QWidget *makeEditor(const ConfigKey &key, const QString &id);

    Settings m_original;
    QHash<QString, Field> m_fields;
    QStringList m_order;
    bool m_valid = true;
};

} // namespace sender
