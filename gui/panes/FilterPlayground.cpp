#include "gui/panes/FilterPlayground.h"

#include "engine/ClientRefusal.h"
#include "gui/models/EventSearchProxy.h"
#include "gui/models/EventStreamModel.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/text/FilterText.h"
#include "gui/text/Format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace sender {

namespace {

// Queries that show what filters do on the demo's events (the last one shows an error).
constexpr const char *kExamples[] = {
    "sources=cam-01-main-entrance,cam-02-lobby",
    "age__gte=50&gender=1",
    "matching_candidates_labels=vip,bad+guys&object_similarity__gte=0.8",
    "liveness=0,2",
    "emotions=1,3&masks=2,3",
    "geo_position=origin_longitude,37.6095,origin_latitude,55.7578",
    "upper_clothing_colors=red,black&backpack_states=1",
    "stream_ids=a7e4c7d2-1b7e-4f8e-9c1d-3b5a7e9f0c21", // the stream of cam-01-main-entrance
    "age__gte=300",
};

// What a client would type after "?": also accepts a whole URL or a leading "?". Like the
// handshake gate, access_token (a credential, not a filter) is taken out before the filters are
// parsed.
QByteArray queryPart(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype mark = trimmed.indexOf(u'?');
    const QByteArray query = (mark >= 0 ? trimmed.mid(mark + 1) : trimmed).toUtf8();
    QByteArray filters;
    for (const QByteArray &item : query.split('&')) {
        if (item.startsWith("access_token=") || item == "access_token")
            continue;
        if (!filters.isEmpty())
            filters += '&';
        filters += item;
    }
    return filters;
}

} // namespace

FilterPlayground::FilterPlayground(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventStreamModel(EventStreamModel::Mode::Playground, this))
    , m_proxy(new EventSearchProxy(this))
    , m_query(new QLineEdit(this))
    , m_account(new QComboBox(this))
    , m_result(new QLabel(this))
    , m_errorBodyLabel(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_onlyPassing(new QCheckBox(tr("Only events that pass"), this))
    , m_view(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setDynamicSortFilter(false);

    m_query->setObjectName(QStringLiteral("playgroundQuery"));
    m_query->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_query->setPlaceholderText(QStringLiteral("sources=cam-01-main-entrance&age__gte=50"));
    m_query->setClearButtonEnabled(true);
    m_query->setToolTip(
        tr("The query string of a subscription, as after /2/ws? in a client's URL"));
    connect(m_query, &QLineEdit::textChanged, this, &FilterPlayground::evaluate);

    auto *examples = new QToolButton(this);
    examples->setText(tr("Examples"));
    examples->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(examples);
    for (const char *example : kExamples) {
        const QString text = QString::fromLatin1(example);
        menu->addAction(text, this, [this, text] { setQuery(text); });
    }
    examples->setMenu(menu);

    m_account->setObjectName(QStringLiteral("playgroundAccount"));
    m_account->addItem(tr("Any account"), QString());
    m_account->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_account->setToolTip(tr("A client receives only the events of the account in its "
                             "Luna-Account-Id header"));
    connect(m_account, &QComboBox::currentIndexChanged, this, &FilterPlayground::evaluate);

    m_result->setObjectName(QStringLiteral("playgroundResult"));
    m_result->setTextFormat(Qt::RichText);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // The body a refused client reads, as plain text so that long JSON wraps.
    m_errorBodyLabel->setObjectName(QStringLiteral("playgroundErrorBody"));
    m_errorBodyLabel->setTextFormat(Qt::PlainText);
    m_errorBodyLabel->setWordWrap(true);
    m_errorBodyLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_errorBodyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBodyLabel->hide();
    m_counts->setObjectName(QStringLiteral("playgroundCounts"));

    connect(m_onlyPassing, &QCheckBox::toggled, m_proxy, &EventSearchProxy::setOnlyPassing);

    m_view->setObjectName(QStringLiteral("playgroundView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    format::fitColumns(m_view, eventColumnSamples(true));
    m_view->setColumnHidden(m_model->columnOf(EventStreamModel::Face), true); // no pictures here
    // The recent count follows the window: rows in, rows trimmed, each counted once.
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { countRows(first, last, +1); });
    connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) { countRows(first, last, -1); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &FilterPlayground::recount);
    // Follow the newest events, where the live verdicts appear.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, m_view, &QTableView::scrollToBottom);

    auto *queryRow = new QHBoxLayout;
    auto *prefix = new QLabel(QStringLiteral("/2/ws?"), this);
    prefix->setFont(m_query->font());
    queryRow->addWidget(prefix);
    queryRow->addWidget(m_query, 1);
    queryRow->addWidget(examples);

    auto *form = new QFormLayout;
    form->addRow(tr("Query:"), queryRow);
    form->addRow(tr("Account:"), m_account);

    auto *countsRow = new QHBoxLayout;
    countsRow->addWidget(m_counts, 1);
    countsRow->addWidget(m_onlyPassing);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(m_errorBodyLabel);
    layout->addLayout(countsRow);
    layout->addWidget(m_view, 1);
    evaluate();
}

void FilterPlayground::setQuery(const QString &query)
{
    m_query->setText(query);
}

QString FilterPlayground::query() const
{
    return m_query->text();
}

void FilterPlayground::setAccount(const QUuid &account)
{
    if (account.isNull()) {
        m_account->setCurrentIndex(0);
        return;
    }
    const QString text = account.toString(QUuid::WithoutBraces);
    int at = m_account->findData(text);
    if (at < 0) {
        m_accounts.insert(account);
        m_account->addItem(text, text);
        at = m_account->count() - 1;
    }
    m_account->setCurrentIndex(at);
}

std::optional<QUuid> FilterPlayground::selectedAccount() const
{
    const QString text = m_account->currentData().toString();
    if (text.isEmpty())
        return std::nullopt;
    return QUuid::fromString(text);
}

void FilterPlayground::evaluate()
{
    FilterError error;
    m_filter = SubscriptionFilter::parse(queryPart(m_query->text()), &error);
    if (m_filter) {
        m_errorBodyLabel->hide();
        m_errorStatus = m_errorCode = 0;
        m_errorDesc.clear();
        m_errorDetail.clear();
        m_errorBody.clear();
        m_result->setText(
            QStringLiteral("<span style=\"color:#2f8f4e\">✔ %1</span><br>%2<br>"
                           "<span style=\"color:gray\">%3</span>")
                .arg(tr("Valid: a client with this query is accepted.").toHtmlEscaped(),
                     describeFilter(*m_filter).toHtmlEscaped(),
                     (m_filter->isEmpty()
                          ? tr("No filters")
                          : tr("Canonical form: %1").arg(m_filter->canonicalQuery()))
                         .toHtmlEscaped()));
    } else {
        // Exactly the handshake's answer (contract section 3): the same catalog entry.
        const ClientRefusal e = badQueryParameterRefusal(error.parameter, error.detail);
        m_errorStatus = e.httpStatus;
        m_errorCode = e.code;
        m_errorDesc = e.desc;
        m_errorDetail = e.detail;
        m_errorBody = e.body;
        m_result->setText(
            QStringLiteral("<span style=\"color:#c0392b\">✘ %1</span><br>%2")
                .arg(tr("A client would be refused: HTTP %1, error %2")
                         .arg(e.httpStatus)
                         .arg(e.code)
                         .toHtmlEscaped(),
                     QString(e.desc + QStringLiteral(": ") + e.detail).toHtmlEscaped()));
        m_errorBodyLabel->setText(QString::fromUtf8(m_errorBody));
        m_errorBodyLabel->show();
    }
    m_model->setVerdictFilter(m_filter, selectedAccount());
    m_liveSeen = m_livePassed = 0;
    m_proxy->refilter();
    recount();
}

void FilterPlayground::recount()
{
    m_recentPassed = 0;
    if (m_filter) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            m_recentPassed += m_model->passes(row) ? 1 : 0;
    }
    updateCounts();
}

int FilterPlayground::recentCount() const
{
    return m_model->rowCount();
}

void FilterPlayground::appendSamples(const QList<EventSample> &samples)
{
    for (const EventSample &s : samples) {
        if (!m_accounts.contains(s.account)) {
            m_accounts.insert(s.account);
            const QString text = s.account.toString(QUuid::WithoutBraces);
            m_account->addItem(text, text);
        }
        if (m_filter) {
            ++m_liveSeen;
            m_livePassed += m_model->passes(s) ? 1 : 0;
        }
    }
    m_model->appendSamples(samples);
    updateCounts();
}

void FilterPlayground::countRows(int first, int last, int sign)
{
    if (!m_filter)
        return;
    for (int row = first; row <= last; ++row)
        m_recentPassed += m_model->passes(row) ? sign : 0;
}

void FilterPlayground::setCap(int cap)
{
    m_model->setCap(cap);
    updateCounts();
}

void FilterPlayground::updateCounts()
{
    if (!m_filter) {
        m_counts->setText(tr("Fix the query to see which events it passes."));
        return;
    }
    const int recent = m_model->rowCount();
    const double share = recent ? 100.0 * m_recentPassed / recent : 0.0;
    m_counts->setText(tr("Recent events: %1 of %2 pass (%3 %) · live since this query: %4 of %5")
                          .arg(format::count(quint64(m_recentPassed)),
                               format::count(quint64(recent)), QLocale().toString(share, 'f', 1),
                               format::count(m_livePassed), format::count(m_liveSeen)));
}

} // namespace sender
