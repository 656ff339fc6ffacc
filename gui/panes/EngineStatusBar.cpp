#include "gui/panes/EngineStatusBar.h"

#include "gui/text/Format.h"

#include <QCoreApplication>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>

namespace sender {

namespace {

const QColor kGood(0x2f, 0x8f, 0x4e);
const QColor kWarn(0xb7, 0x79, 0x1f);
const QColor kBad(0xc0, 0x39, 0x2b);

QString dot(const QColor &color)
{
    return QStringLiteral("<span style=\"color:%1\">●</span> ").arg(color.name());
}

} // namespace

QString EngineStatusBar::sourceStateText(const EngineSnapshot &s, QString *tooltip, QColor *color)
{
    const SourceStatus *redis = nullptr;
    bool demo = false;
    for (const SourceStatus &source : s.sources) {
        if (source.kind == SourceKind::Redis)
            redis = &source;
        if (source.kind == SourceKind::Demo)
            demo = true;
    }
    QString text;
    QColor c = kGood;
    if (!redis) {
        text = demo ? tr("Embedded bus + demo events") : tr("Embedded bus (no Redis)");
        if (tooltip)
            *tooltip = tr("No Redis is configured: events come from the embedded bus");
    } else {
        switch (redis->state) {
        case SourceState::Up:
            text = tr("Redis: subscribed");
            break;
        case SourceState::Connecting:
            text = tr("Redis: connecting…");
            c = kWarn;
            break;
        case SourceState::Down:
            text = redis->nextRetryInMs >= 0
                ? tr("Redis: down, retry in %1 s")
                      .arg(QLocale().toString(double(redis->nextRetryInMs) / 1000.0, 'f', 1))
                : tr("Redis: down");
            c = kBad;
            break;
        case SourceState::Stopped:
            text = tr("Redis: stopped");
            c = kWarn;
            break;
        }
        if (tooltip)
            *tooltip = tr("%1\nReconnects: %2").arg(redis->detail).arg(redis->reconnects);
    }
    if (color)
        *color = c;
    return text;
}

EngineStatusBar::EngineStatusBar(QStatusBar *bar)
    : QObject(bar)
    , m_bar(bar)
{
    m_link = addField(QStringLiteral("statusLink"), false);
    m_link->hide();
    m_address = addField(QStringLiteral("statusAddress"), false);
    m_source = addField(QStringLiteral("statusSource"), false);
    m_rateIn = addField(QStringLiteral("statusRateIn"), true);
    m_rateOut = addField(QStringLiteral("statusRateOut"), true);
    m_clients = addField(QStringLiteral("statusClients"), true);
    m_history = addField(QStringLiteral("statusHistory"), true);
    m_history->hide(); // until a snapshot says the history is on
    m_uptime = addField(QStringLiteral("statusUptime"), true);
    m_rateIn->setToolTip(tr("Events received per second from all sources"));
    m_rateOut->setToolTip(tr("Frames delivered per second to WebSocket clients"));
    m_clients->setToolTip(tr("Subscribed WebSocket clients"));
    m_uptime->setToolTip(tr("Time since the engine started"));
    // Fixed widths for the fields that change ten times a second, so the bar does not jitter.
    const QFontMetrics fm(bar->font());
    m_rateIn->setMinimumWidth(fm.horizontalAdvance(tr("In %1").arg(format::rate(88888))) + 8);
    m_rateOut->setMinimumWidth(fm.horizontalAdvance(tr("Out %1").arg(format::rate(888888))) + 8);
    showStarting();
}

QLabel *EngineStatusBar::addField(const QString &objectName, bool permanent)
{
    auto *label = new QLabel(m_bar);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::RichText);
    label->setContentsMargins(6, 0, 6, 0);
    if (permanent)
        m_bar->addPermanentWidget(label);
    else
        m_bar->addWidget(label);
    return label;
}

void EngineStatusBar::showStarting()
{
    m_address->setText(dot(kWarn) + tr("Starting…"));
}

void EngineStatusBar::showAddressUnknown()
{
    m_address->hide();
}

void EngineStatusBar::showStarted(const QString &address)
{
    m_address->show();
    m_address->setText(dot(kGood) + tr("Listening on %1").arg(address.toHtmlEscaped()));
    m_address->setToolTip(tr("HTTP and WebSocket (/1/ws, /2/ws) clients connect here"));
}

void EngineStatusBar::showStartFailed(const QString &error)
{
    m_address->setText(dot(kBad) + tr("Not running"));
    m_address->setToolTip(error);
    m_bar->showMessage(tr("The server could not start: %1").arg(error), 15000);
}

void EngineStatusBar::showStopped()
{
    m_address->setText(dot(kWarn) + tr("Stopped"));
}

void EngineStatusBar::showSnapshot(const EngineSnapshot &s, const RateTracker::Rates &rates)
{
    QString tooltip;
    QColor color;
    const QString source = sourceStateText(s, &tooltip, &color);
    m_source->setText(dot(color) + source.toHtmlEscaped());
    m_source->setToolTip(tooltip);
    m_rateIn->setText(tr("In %1").arg(format::rate(rates.eventsIn)));
    m_rateOut->setText(tr("Out %1").arg(format::rate(rates.delivered)));
    m_clients->setText(tr("Clients %1").arg(format::count(quint64(s.subscribers))));
    showHistory(s.history);
    if (s.startedAt.isValid())
        m_uptime->setText(
            tr("Up %1").arg(format::duration(s.startedAt.secsTo(QDateTime::currentDateTimeUtc()))));
}

void EngineStatusBar::showHistory(const HistorySnapshot &h)
{
    // Off costs nothing and shows nothing: no field that would only ever say "off".
    m_history->setVisible(h.enabled);
    if (!h.enabled)
        return;
    m_history->setText(
        tr("History %1 ev · %2").arg(format::count(h.events), format::bytes(qint64(h.bytes))));
    m_history->setToolTip(
        tr("Recent events kept so that a client that reconnects with since_event_id or since "
           "misses nothing\n"
           "Events held: %1 (%2), accounts: %3\n"
           "Evicted since the start: %4\n"
           "Limits: HISTORY.MAX_EVENTS per account, HISTORY.MAX_SECONDS of age and "
           "HISTORY.MAX_BYTES across all accounts; past any of them the oldest events go first, "
           "and a client cannot resume from before them")
            .arg(format::count(h.events), format::bytes(qint64(h.bytes)),
                 format::count(quint64(h.accounts)), format::count(h.evictions)));
}

void EngineStatusBar::showLink(EngineFeed::LinkState state, const QString &instance,
                               const QString &detail, int nextRetryInMs)
{
    using LinkState = EngineFeed::LinkState;
    QString text;
    switch (state) {
    case LinkState::Up:
        text = dot(kGood) + tr("Attached to %1").arg(instance.toHtmlEscaped());
        break;
    case LinkState::Connecting:
        text = dot(kWarn) + tr("Connecting to %1…").arg(instance.toHtmlEscaped());
        break;
    case LinkState::Down:
        // Plain and bold: the panes below show the last state, not the present one.
        text = dot(kBad)
            + QStringLiteral("<b>%1</b>")
                  .arg((nextRetryInMs >= 0
                            ? tr("Link to %1 lost, retrying in %2 s")
                                  .arg(instance)
                                  .arg(QLocale().toString(double(nextRetryInMs) / 1000.0, 'f', 1))
                            : tr("Link to %1 lost").arg(instance))
                           .toHtmlEscaped())
            + QStringLiteral(" (%1)").arg(detail.toHtmlEscaped());
        break;
    case LinkState::Refused:
        text = dot(kBad)
            + QStringLiteral("<b>%1</b>")
                  .arg(tr("%1 refused the token: File › Connect to service… to give another")
                           .arg(instance)
                           .toHtmlEscaped())
            + QStringLiteral(" (%1)").arg(detail.toHtmlEscaped());
        break;
    }
    m_link->setText(text);
    m_link->setToolTip(detail);
    m_link->show();
}

void EngineStatusBar::setStale(bool stale)
{
    for (QLabel *field : {m_address, m_source, m_rateIn, m_rateOut, m_clients, m_history, m_uptime})
        field->setEnabled(!stale);
}

QString EngineStatusBar::linkText() const
{
    return m_link->text();
}

QString EngineStatusBar::addressText() const
{
    return m_address->text();
}
QString EngineStatusBar::sourceText() const
{
    return m_source->text();
}
QString EngineStatusBar::ratesText() const
{
    return m_rateIn->text() + u' ' + m_rateOut->text();
}
QString EngineStatusBar::clientsText() const
{
    return m_clients->text();
}
QString EngineStatusBar::historyText() const
{
    return m_history->text();
}

} // namespace sender
