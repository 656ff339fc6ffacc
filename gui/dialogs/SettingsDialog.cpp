#include "gui/dialogs/SettingsDialog.h"

#include "config/SettingsLoader.h"
#include "gui/dialogs/ConfigForm.h"
#include "gui/storage/SettingsFile.h"
#include "gui/text/Translations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QVBoxLayout>

namespace sender {

SettingsDialog::SettingsDialog(const Settings &settings, const ConsolePreferences &preferences,
                               QWidget *parent)
    : QDialog(parent)
    , m_form(new ConfigForm(settings, this))
    , m_language(new QComboBox(this))
    , m_eventCap(new QSpinBox(this))
    , m_closeToTray(new QCheckBox(tr("Keep the server running in the tray when the window is "
                                     "closed"),
                                  this))
    , m_demoClients(new QCheckBox(tr("In demo mode, connect a few WebSocket clients with "
                                     "different filters"),
                                  this))
    , m_problems(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                         | QDialogButtonBox::RestoreDefaults,
                                     this))
    , m_path(settings.configFile().isEmpty() ? SettingsLoader::defaultUserConfigPath()
                                             : settings.configFile())
    , m_newSettings(settings)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    auto *intro = new QLabel(
        tr("Server settings are saved to <b>%1</b> and applied by restarting the engine: "
           "connected clients are closed (code 1001) and reconnect.")
            .arg(m_path.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    m_language->setObjectName(QStringLiteral("languageChoice"));
    m_language->addItem(tr("System language"), QString());
    for (const ConsoleLanguage &l : consoleLanguages())
        m_language->addItem(l.nativeName, l.code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(preferences.language)));
    m_eventCap->setObjectName(QStringLiteral("eventCap"));
    m_eventCap->setRange(ConsolePreferences::kMinEventCap, ConsolePreferences::kMaxEventCap);
    m_eventCap->setGroupSeparatorShown(true);
    m_eventCap->setSingleStep(1000);
    m_eventCap->setValue(preferences.eventCap);
    m_eventCap->setSuffix(tr(" events"));
    m_closeToTray->setChecked(preferences.closeToTray);
    m_demoClients->setChecked(preferences.demoClients);

    auto *console = new QWidget;
    auto *consoleForm = new QFormLayout(console);
    consoleForm->addRow(tr("Language:"), m_language);
    auto *languageNote = new QLabel(tr("Takes effect the next time the console starts."), console);
    languageNote->setEnabled(false);
    consoleForm->addRow(QString(), languageNote);
    consoleForm->addRow(tr("Event list keeps:"), m_eventCap);
    auto *capNote = new QLabel(tr("The event stream and the filter playground keep this many of "
                                  "the newest events; memory grows with it."),
                               console);
    capNote->setWordWrap(true);
    capNote->setEnabled(false);
    consoleForm->addRow(QString(), capNote);
    consoleForm->addRow(QString(), m_closeToTray);
    consoleForm->addRow(QString(), m_demoClients);
    m_form->addTab(console, tr("Console"));

    m_problems->setObjectName(QStringLiteral("settingsProblems"));
    m_problems->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_problems->setWordWrap(true);
    m_problems->hide();

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save and apply"));
    m_buttons->button(QDialogButtonBox::RestoreDefaults)
        ->setToolTip(tr("Put the defaults into this page's fields"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] {
                const QStringList sections = ConfigSchema::sections();
                const int tab = m_form->currentIndex();
                if (tab < sections.size()) {
                    m_form->restoreDefaults(sections[tab]);
                } else {
                    m_language->setCurrentIndex(0);
                    m_eventCap->setValue(ConsolePreferences::kDefaultEventCap);
                    m_closeToTray->setChecked(true);
                    m_demoClients->setChecked(true);
                }
            });
    connect(m_form, &ConfigForm::validityChanged, m_buttons->button(QDialogButtonBox::Ok),
            &QPushButton::setEnabled);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_form, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    const int em = fontMetrics().horizontalAdvance(u'M');
    resize(qMax(84 * em, m_form->tabBar()->sizeHint().width() + 4 * em),
           44 * fontMetrics().height());
}

ConsolePreferences SettingsDialog::preferences() const
{
    ConsolePreferences p;
    p.language = m_language->currentData().toString();
    p.eventCap = m_eventCap->value();
    p.closeToTray = m_closeToTray->isChecked();
    p.demoClients = m_demoClients->isChecked();
    return p;
}

void SettingsDialog::accept()
{
    QStringList errors;
    const std::optional<Settings> settings = m_form->result(&errors);
    if (!settings) {
        m_problems->setText(errors.join(u'\n'));
        m_problems->show();
        return;
    }
    m_changed = m_form->changedKeys();
    m_newSettings = *settings;
    if (!m_changed.isEmpty()) {
        QString error;
        if (!saveSettingsFile(m_path, m_newSettings, m_changed, &error)) {
            m_problems->setText(tr("Not saved: %1").arg(error));
            m_problems->show();
            return;
        }
        m_newSettings.setConfigFile(m_path);
    }
    QDialog::accept();
}

} // namespace sender
