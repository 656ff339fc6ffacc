#pragma once

#include "config/Settings.h"
#include "gui/storage/ConsolePreferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace sender {

class ConfigForm;

// Settings: the server and Redis configuration (generated from ConfigSchema, saved to the
// configuration file in use and applied by restarting the engine) and the console's own
// preferences (kept apart, in the console's settings).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const Settings &settings, const ConsolePreferences &preferences,
                   QWidget *parent = nullptr);

    ConfigForm *form() const { return m_form; }
    // Where the server configuration is saved: the file in use, else the user's default file.
    QString configPath() const { return m_path; }
    ConsolePreferences preferences() const;
    // After accept(): the configuration to restart with (only when serverChanged()).
    const Settings &newSettings() const { return m_newSettings; }
    bool serverChanged() const { return !m_changed.isEmpty(); }
    QStringList changedKeys() const { return m_changed; }

    // Validates, saves the file when the server configuration changed, and closes; on a problem
    // the dialog stays open and says what is wrong.
    void accept() override;

private:
    ConfigForm *m_form;
    QComboBox *m_language;
    QSpinBox *m_eventCap;
    QCheckBox *m_closeToTray;
    QCheckBox *m_demoClients;
    QLabel *m_problems;
    QDialogButtonBox *m_buttons;
    QString m_path;
    Settings m_newSettings;
    QStringList m_changed;
};

} // namespace sender
