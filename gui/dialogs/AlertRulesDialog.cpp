#include "gui/dialogs/AlertRulesDialog.h"

#include "engine/EngineFeed.h"
#include "events/EventMessage.h"
#include "gui/models/EventStreamModel.h"
#include "gui/text/Format.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sender {

namespace {

const QStringList &severityNames()
{
    static const QStringList names {QStringLiteral("info"), QStringLiteral("warning"),
                                    QStringLiteral("critical")};
    return names;
}

QTableWidgetItem *textItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

AlertRulesDialog::AlertRulesDialog(EngineFeed *view, const EventStreamModel *recent,
                                   QWidget *parent)
    : QDialog(parent)
    , m_view(view)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_hits(new QTableWidget(0, 6, this))
    , m_name(new QLineEdit(this))
    , m_severity(new QComboBox(this))
    , m_condition(new QLineEdit(this))
    , m_accounts(new QLineEdit(this))
    , m_quiet(new QSpinBox(this))
    , m_error(new QLabel(this))
    , m_status(new QLabel(this))
    , m_add(new QPushButton(tr("Add rule"), this))
    , m_remove(new QPushButton(tr("Remove rule"), this))
    , m_save(new QPushButton(tr("Save rules"), this))
{
    setObjectName(QStringLiteral("alertRulesDialog"));
    setWindowTitle(tr("Alert rules — %1").arg(view->instanceName()));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Severity"), tr("Condition"), tr("Accounts"),
                                        tr("Quiet (s)"), tr("Recent hits")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(Condition, QHeaderView::Stretch);
    m_hits->setHorizontalHeaderLabels(
        {tr("Time"), tr("Account"), tr("Source"), tr("Age, gender"), tr("Match"), tr("Liveness")});
    m_hits->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_hits->verticalHeader()->hide();
    m_hits->horizontalHeader()->setStretchLastSection(true);

    m_severity->addItem(tr("info"), severityNames().at(0));
    m_severity->addItem(tr("warning"), severityNames().at(1));
    m_severity->addItem(tr("critical"), severityNames().at(2));
    m_condition->setPlaceholderText(tr(
        "A subscription query, e.g. matching_candidates_labels=wanted&object_similarity__gte=0.9"));
    // Lag rules (issue 25) take the same field: their terms are lag_events__gt and
    // lag_seconds__gt, and they watch the subscribers rather than the events.
    m_condition->setToolTip(
        tr("Events: a subscription query. Subscriber lag: lag_events__gt=N and/or "
           "lag_seconds__gt=S (both must hold when both are given), e.g. lag_seconds__gt=10 "
           "raises an alert when a subscriber falls more than 10 s behind"));
    m_accounts->setPlaceholderText(tr("Empty: every account; else account ids, comma separated"));
    m_quiet->setRange(0, alerts::AlertRuleSet::kMaxQuietSeconds);
    m_quiet->setSuffix(tr(" s"));
    m_quiet->setToolTip(tr("One alert per rule and source in this time, not one per event"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Severity:"), m_severity);
    form->addRow(tr("Condition:"), m_condition);
    form->addRow(tr("Accounts:"), m_accounts);
    form->addRow(tr("Quiet period:"), m_quiet);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    auto *close = new QPushButton(tr("Close"), this);
    buttons->addWidget(close);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(form);
    topLayout->addWidget(m_error);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(
        new QLabel(tr("Recent events the selected rule would have hit:"), this));
    bottomLayout->addWidget(m_hits, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(1000, 700);

    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { selectRow(row); });
    for (QLineEdit *edit : {m_name, m_condition, m_accounts})
        connect(edit, &QLineEdit::textEdited, this, &AlertRulesDialog::formEdited);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &AlertRulesDialog::formEdited);
    connect(m_quiet, &QSpinBox::valueChanged, this, &AlertRulesDialog::formEdited);
    connect(m_add, &QPushButton::clicked, this, &AlertRulesDialog::addRule);
    connect(m_remove, &QPushButton::clicked, this, &AlertRulesDialog::removeRule);
    connect(m_save, &QPushButton::clicked, this, &AlertRulesDialog::save);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    connect(view, &EngineFeed::alertRulesReady, this, &AlertRulesDialog::setRules);
    connect(view, &EngineFeed::alertError, this, [this](const QString &error) {
        m_status->setText(tr("Not saved: %1").arg(error));
        m_save->setEnabled(m_valid);
    });
    connect(view, &EngineFeed::eventsSampled, this,
            [this](const QList<EventSample> &samples) { appendSamples(samples); });

    if (recent) {
        QList<EventSample> seen;
        const int first = qMax(0, recent->rowCount() - kRecentCap);
        for (int row = first; row < recent->rowCount(); ++row)
            seen.append(recent->sampleAt(row));
        appendSamples(seen);
    }
    selectRow(-1);
    m_status->setText(tr("Reading the rules…"));
    view->requestAlertRules();
}

QJsonObject AlertRulesDialog::draftJson(const Draft &draft)
{
    QJsonArray accounts;
    for (const QString &account :
         draft.accounts.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
        accounts.append(account);
    return {{QStringLiteral("name"), draft.name},
            {QStringLiteral("severity"), draft.severity},
            {QStringLiteral("condition"), draft.condition},
            {QStringLiteral("accounts"), accounts},
            {QStringLiteral("quiet_seconds"), draft.quietSeconds}};
}

QByteArray AlertRulesDialog::rulesJson() const
{
    QJsonArray rules;
    for (const Draft &draft : m_drafts)
        rules.append(draftJson(draft));
    return QJsonDocument(QJsonObject {{QStringLiteral("rules"), rules}}).toJson();
}

void AlertRulesDialog::compile(Draft &draft) const
{
    // The engine's own parser on a file of this one rule: the same checks, the same words.
    const QByteArray one =
        QJsonDocument(QJsonObject {{QStringLiteral("rules"), QJsonArray {draftJson(draft)}}})
            .toJson(QJsonDocument::Compact);
    QString error;
    std::optional<alerts::AlertRuleSet> set = alerts::AlertRuleSet::fromJson(one, &error);
    draft.compiled.reset();
    draft.error = error;
    if (set && !set->rules().isEmpty())
        draft.compiled = set->rules().first();
    draft.hits = countHits(draft);
}

int AlertRulesDialog::countHits(const Draft &draft) const
{
    if (!draft.compiled)
        return 0;
    int hits = 0;
    for (const EventSample &sample : m_recent) {
        if (sample.message && draft.compiled->appliesTo(sample.account)
            && draft.compiled->matchesEvent(*sample.message, sample.index))
            ++hits;
    }
    return hits;
}

int AlertRulesDialog::hitsOf(int row) const
{
    if (row < 0 || row >= m_drafts.size() || !m_drafts.at(row).compiled)
        return -1;
    return m_drafts.at(row).hits;
}

void AlertRulesDialog::setRules(const QByteArray &json, const QString &fileError)
{
    m_drafts.clear();
    const QJsonArray rules = QJsonDocument::fromJson(json).object().value(u"rules").toArray();
    for (const QJsonValue &value : rules) {
        const QJsonObject rule = value.toObject();
        Draft draft;
        draft.name = rule.value(u"name").toString();
        draft.severity = rule.value(u"severity").toString(QStringLiteral("warning"));
        draft.condition = rule.value(u"condition").toString();
        QStringList accounts;
        for (const QJsonValue &account : rule.value(u"accounts").toArray())
            accounts.append(account.toString());
        draft.accounts = accounts.join(QStringLiteral(", "));
        draft.quietSeconds = rule.value(u"quiet_seconds").toInt();
        compile(draft);
        m_drafts.append(draft);
    }
    m_table->setRowCount(int(m_drafts.size()));
    for (int row = 0; row < m_drafts.size(); ++row)
        fillRow(row);
    validateAll();
    m_status->setText(fileError.isEmpty()
                          ? tr("%n rule(s) in force.", nullptr, int(m_drafts.size()))
                          : tr("The rules file has an error, so the engine keeps its last good "
                               "rules (shown here): %1")
                                .arg(fileError));
    selectRow(m_drafts.isEmpty() ? -1 : 0);
    if (!m_drafts.isEmpty())
        m_table->selectRow(0);
}

void AlertRulesDialog::appendSamples(const QList<EventSample> &samples)
{
    if (samples.isEmpty())
        return;
    bool currentHit = false;
    const auto apply = [&](const EventSample &sample, int sign) {
        if (!sample.message)
            return;
        for (qsizetype row = 0; row < m_drafts.size(); ++row) {
            Draft &draft = m_drafts[row];
            if (draft.compiled && draft.compiled->appliesTo(sample.account)
                && draft.compiled->matchesEvent(*sample.message, sample.index)) {
                draft.hits += sign;
                currentHit = currentHit || row == m_current;
            }
        }
    };
    for (const EventSample &sample : samples) {
        m_recent.push_back(sample);
        apply(sample, +1);
        if (m_recent.size() > size_t(kRecentCap)) {
            apply(m_recent.front(), -1);
            m_recent.pop_front();
        }
    }
    for (int row = 0; row < m_drafts.size(); ++row)
        m_table->item(row, Hits)->setText(hitsText(m_drafts.at(row)));
    if (currentHit)
        showHits();
}

QString AlertRulesDialog::hitsText(const Draft &draft) const
{
    if (!draft.compiled)
        return tr("error");
    // A lag rule watches the subscribers: recent events say nothing of it.
    return draft.compiled->isLag() ? tr("subscriber lag") : QString::number(draft.hits);
}

void AlertRulesDialog::fillRow(int row)
{
    const Draft &draft = m_drafts.at(row);
    const int severity = int(severityNames().indexOf(draft.severity));
    m_table->setItem(row, Name, textItem(draft.name));
    m_table->setItem(row, Severity,
                     textItem(severity >= 0 ? m_severity->itemText(severity) : draft.severity));
    m_table->setItem(row, Condition, textItem(draft.condition));
    m_table->setItem(row, Accounts,
                     textItem(draft.accounts.isEmpty() ? tr("all") : draft.accounts));
    m_table->setItem(row, Quiet, textItem(QString::number(draft.quietSeconds)));
    m_table->setItem(row, Hits, textItem(hitsText(draft)));
    const QColor text = draft.compiled ? palette().color(QPalette::Text) : QColor(0xb0, 0x00, 0x20);
    for (int column = 0; column < ColumnCount; ++column) {
        m_table->item(row, column)->setForeground(text);
        m_table->item(row, column)->setToolTip(draft.error);
    }
}

void AlertRulesDialog::selectRow(int row)
{
    m_current = row >= 0 && row < m_drafts.size() ? row : -1;
    const bool editing = m_current >= 0;
    for (QWidget *w : std::initializer_list<QWidget *> {m_name, m_severity, m_condition, m_accounts,
                                                        m_quiet, m_remove})
        w->setEnabled(editing);
    m_filling = true;
    const Draft draft = editing ? m_drafts.at(m_current) : Draft();
    m_name->setText(draft.name);
    m_severity->setCurrentIndex(qMax(0, int(severityNames().indexOf(draft.severity))));
    m_condition->setText(draft.condition);
    m_accounts->setText(draft.accounts);
    m_quiet->setValue(draft.quietSeconds);
    m_filling = false;
    validateAll();
    showHits();
}

void AlertRulesDialog::formEdited()
{
    if (m_filling || m_current < 0)
        return;
    Draft &draft = m_drafts[m_current];
    draft.name = m_name->text().trimmed();
    draft.severity = m_severity->currentData().toString();
    draft.condition = m_condition->text().trimmed();
    draft.accounts = m_accounts->text().trimmed();
    draft.quietSeconds = m_quiet->value();
    compile(draft);
    fillRow(m_current);
    validateAll();
    showHits();
    m_status->setText(tr("Changed here, not saved yet: the engine still runs its own rules."));
}

void AlertRulesDialog::addRule()
{
    Draft draft;
    // A unique name to start from; the engine refuses two rules of one name.
    for (int n = int(m_drafts.size()) + 1;; ++n) {
        draft.name = tr("rule %1").arg(n);
        const bool taken = std::any_of(m_drafts.cbegin(), m_drafts.cend(),
                                       [&](const Draft &d) { return d.name == draft.name; });
        if (!taken)
            break;
    }
    compile(draft);
    m_drafts.append(draft);
    const int row = int(m_drafts.size()) - 1;
    m_table->setRowCount(row + 1);
    fillRow(row);
    m_table->selectRow(row);
    selectRow(row);
    m_condition->setFocus();
}

void AlertRulesDialog::removeRule()
{
    if (m_current < 0)
        return;
    const int row = m_current;
    m_drafts.removeAt(row);
    m_table->removeRow(row);
    selectRow(qMin(row, int(m_drafts.size()) - 1));
    m_status->setText(tr("Changed here, not saved yet: the engine still runs its own rules."));
}

void AlertRulesDialog::validateAll()
{
    QString error;
    m_valid = alerts::AlertRuleSet::fromJson(rulesJson(), &error).has_value();
    // The selected rule's own error first: that is what the operator is typing.
    if (m_current >= 0 && !m_drafts.at(m_current).error.isEmpty())
        error = m_drafts.at(m_current).error;
    m_error->setText(m_valid ? QString() : error);
    m_error->setVisible(!m_valid);
    m_save->setEnabled(m_valid);
}

void AlertRulesDialog::showHits()
{
    m_hits->setRowCount(0);
    if (m_current < 0 || !m_drafts.at(m_current).compiled)
        return;
    const alerts::AlertRule &rule = *m_drafts.at(m_current).compiled;
    QList<const EventSample *> hits;
    for (auto it = m_recent.crbegin(); it != m_recent.crend() && hits.size() < kHitRowsCap; ++it) {
        if (it->message && rule.appliesTo(it->account)
            && rule.filter.matches(*it->message, it->index))
            hits.append(&*it);
    }
    m_hits->setRowCount(int(hits.size()));
    for (int row = 0; row < hits.size(); ++row) {
        const EventSample &sample = *hits.at(row);
        const EventSummary s = summarize(*sample.message, sample.index);
        QString ageGender = s.age ? QString::number(*s.age) : QString();
        if (!s.gender.isEmpty())
            ageGender += (ageGender.isEmpty() ? QString() : QStringLiteral(", ")) + s.gender;
        QString match = s.topMatchLabel;
        if (s.topSimilarity)
            match += QStringLiteral(" %1").arg(*s.topSimilarity, 0, 'f', 3);
        const QStringList texts {format::clockTime(sample.receivedAt),
                                 format::shortUuid(sample.account.toString(QUuid::WithoutBraces)),
                                 s.source,
                                 ageGender,
                                 match.trimmed(),
                                 s.liveness};
        for (int column = 0; column < texts.size(); ++column)
            m_hits->setItem(row, column, textItem(texts.at(column)));
    }
}

void AlertRulesDialog::save()
{
    if (!m_valid)
        return;
    m_save->setEnabled(false);
    m_status->setText(tr("Saving…"));
    m_view->setAlertRules(rulesJson());
}

} // namespace sender
