#include "gui/dialogs/ConfigForm.h"

#include "config/SettingsLoader.h"
#include "gui/storage/SettingsFile.h"
#include "gui/text/TranslatableTexts.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace sender {

namespace {

QString originNote(Settings::Origin origin)
{
    switch (origin) {
    case Settings::Origin::Environment:
        return ConfigForm::tr("Set by the environment: that value wins over the file at the next "
                              "start.");
    case Settings::Origin::CommandLine:
        return ConfigForm::tr("Set on the command line: that value wins over the file at the next "
                              "start.");
    default:
        return {};
    }
}

} // namespace

ConfigForm::ConfigForm(const Settings &settings, QWidget *parent)
    : QTabWidget(parent)
    , m_original(settings)
{
    setDocumentMode(true);
    for (const QString &section : ConfigSchema::sections()) {
        auto *page = new QWidget;
        auto *form = new QFormLayout(page);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
        form->setVerticalSpacing(10);
        for (const ConfigKey &key : ConfigSchema::keys()) {
            if (section != QLatin1StringView(key.section))
                continue;
            const QString id = key.id();
            QWidget *editor = makeEditor(key, id);
            auto *unit = new QLabel(*key.unit ? translatedUnit(key) : QString(), page);
            auto *description = new QLabel(translatedDescription(key), page);
            description->setWordWrap(true);
            description->setTextInteractionFlags(Qt::TextSelectableByMouse);
            QPalette muted = description->palette();
            muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
            description->setPalette(muted);
            const QString note = originNote(settings.origin(id));
            if (!note.isEmpty())
                description->setText(description->text() + u'\n' + note);
            auto *error = new QLabel(page);
            error->setObjectName(QStringLiteral("error_") + id);
            error->setStyleSheet(QStringLiteral("color: #c0392b"));
            error->setWordWrap(true);
            error->hide();

            auto *row = new QHBoxLayout;
            row->addWidget(editor, 1);
            if (!unit->text().isEmpty())
                row->addWidget(unit);
            else
                delete unit;
            auto *cell = new QVBoxLayout;
            cell->setSpacing(2);
            cell->addLayout(row);
            cell->addWidget(error);
            cell->addWidget(description);
            auto *label = new QLabel(QString::fromLatin1(key.key), page);
            label->setToolTip(tr("%1 in the [%2] section of the file; environment variable %3")
                                  .arg(QString::fromLatin1(key.key),
                                       QString::fromLatin1(key.section), key.environmentName()));
            QFont bold = label->font();
            bold.setBold(true);
            label->setFont(bold);
            label->setBuddy(editor);
            form->addRow(label, cell);
            m_fields.insert(id, {&key, editor, error});
            m_order.append(id);
        }
        auto *scroll = new QScrollArea;
        scroll->setWidget(page);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        addTab(scroll, sectionTitle(section));
    }
}

QWidget *ConfigForm::makeEditor(const ConfigKey &key, const QString &id)
{
    const QString text = settingText(key, m_original.value(id));
    QWidget *editor = nullptr;
    switch (key.type) {
    case ConfigKey::Type::Boolean: {
        auto *box = new QCheckBox(tr("Enabled"));
        box->setChecked(text == u"1");
        connect(box, &QCheckBox::toggled, this, [this, id] { validate(id); });
        editor = box;
        break;
    }
    case ConfigKey::Type::Choice: {
        auto *combo = new QComboBox;
        combo->addItems(key.choices);
        combo->setCurrentText(text);
        connect(combo, &QComboBox::currentTextChanged, this, [this, id] { validate(id); });
        editor = combo;
        break;
    }
    case ConfigKey::Type::Integer:
        if (key.minimum >= std::numeric_limits<int>::min()
            && key.maximum <= std::numeric_limits<int>::max()) {
            auto *spin = new QSpinBox;
            spin->setRange(int(key.minimum), int(key.maximum));
            spin->setValue(text.toInt());
            spin->setGroupSeparatorShown(true);
            spin->setAccelerated(true);
            connect(spin, &QSpinBox::valueChanged, this, [this, id] { validate(id); });
            editor = spin;
            break;
        }
        [[fallthrough]];
    default: {
        auto *line = new QLineEdit(text);
        if (key.isSecret()) {
            line->setEchoMode(QLineEdit::Password);
            QAction *reveal = line->addAction(QIcon(QStringLiteral(":/icons/eye.png")),
                                              QLineEdit::TrailingPosition);
            reveal->setCheckable(true);
            reveal->setToolTip(tr("Show the value"));
            connect(reveal, &QAction::toggled, line, [line](bool shown) {
                line->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
            });
        }
        if (key.type == ConfigKey::Type::RedisUrl)
            line->setPlaceholderText(tr("empty: the embedded bus"));
        connect(line, &QLineEdit::textChanged, this, [this, id] { validate(id); });
        editor = line;
    }
    }
    editor->setObjectName(QStringLiteral("edit_") + id);
    return editor;
}

QWidget *ConfigForm::editor(const QString &id) const
{
    return m_fields.value(id).editor;
}

QString ConfigForm::text(const QString &id) const
{
    QWidget *w = editor(id);
    if (auto *box = qobject_cast<QCheckBox *>(w))
        return box->isChecked() ? QStringLiteral("1") : QStringLiteral("0");
    if (auto *combo = qobject_cast<QComboBox *>(w))
        return combo->currentText();
    if (auto *spin = qobject_cast<QSpinBox *>(w))
        return QString::number(spin->value());
    if (auto *line = qobject_cast<QLineEdit *>(w))
        return line->text();
    return {};
}

void ConfigForm::setText(const QString &id, const QString &text)
{
    QWidget *w = editor(id);
    if (auto *box = qobject_cast<QCheckBox *>(w))
        box->setChecked(text == u"1" || text.compare(u"true", Qt::CaseInsensitive) == 0);
    else if (auto *combo = qobject_cast<QComboBox *>(w))
        combo->setCurrentText(text);
    else if (auto *spin = qobject_cast<QSpinBox *>(w))
        spin->setValue(text.toInt());
    else if (auto *line = qobject_cast<QLineEdit *>(w))
        line->setText(text);
    validate(id);
}

QString ConfigForm::errorOf(const QString &id) const
{
    const Field f = m_fields.value(id);
    return f.error && !f.error->isHidden() ? f.error->text() : QString();
}

void ConfigForm::validate(const QString &id)
{
    const Field f = m_fields.value(id);
    if (!f.key)
        return;
    QVariant value;
    QString why;
    const bool ok = SettingsLoader::parseValue(*f.key, text(id), &value, &why);
    f.error->setText(ok ? QString() : why);
    f.error->setVisible(!ok);
    const bool valid = isValid();
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}

bool ConfigForm::isValid() const
{
    for (const Field &f : m_fields) {
        if (!f.error->isHidden())
            return false;
    }
    return true;
}

std::optional<Settings> ConfigForm::result(QStringList *errors) const
{
    Settings settings = m_original;
    QStringList problems;
    for (const QString &id : m_order) {
        const Field &f = m_fields[id];
        QVariant value;
        QString why;
        if (!SettingsLoader::parseValue(*f.key, text(id), &value, &why)) {
            problems.append(QStringLiteral("%1: %2").arg(id, why));
            continue;
        }
        if (settingText(*f.key, value) != settingText(*f.key, m_original.value(id)))
            settings.set(id, value, Settings::Origin::Console);
    }
    if (problems.isEmpty())
        problems = SettingsLoader::crossCheck(settings);
    if (!problems.isEmpty()) {
        if (errors)
            *errors = problems;
        return std::nullopt;
    }
    return settings;
}

QStringList ConfigForm::changedKeys() const
{
    QStringList changed;
    for (const QString &id : m_order) {
        const Field &f = m_fields[id];
        QVariant value;
        QString why;
        if (SettingsLoader::parseValue(*f.key, text(id), &value, &why)
            && settingText(*f.key, value) != settingText(*f.key, m_original.value(id)))
            changed.append(id);
    }
    return changed;
}

void ConfigForm::restoreDefaults(const QString &section)
{
    for (const QString &id : m_order) {
        const Field &f = m_fields[id];
        if (section == QLatin1StringView(f.key->section))
            setText(id, settingText(*f.key, f.key->defaultValue));
    }
}

} // namespace sender
