#include "gui/panes/RatesChart.h"

#include "gui/text/Format.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace sender {

namespace {

const QColor kInColor(0x2b, 0x6c, 0xb0);
const QColor kOutColor(0x2f, 0x9e, 0x5b);

// A grid step of 1, 2 or 5 times a power of ten, so four steps cover `value`: axis labels people
// read at a glance.
double niceStep(double value)
{
    const double raw = qMax(value / 4.0, 2.5);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * magnitude >= raw)
            return step * magnitude;
    }
    return 10 * magnitude;
}

QString axisLabel(double value)
{
    if (value >= 1e6)
        return QLocale().toString(value / 1e6, 'g', 3) + QStringLiteral("M");
    if (value >= 1e4)
        return QLocale().toString(value / 1e3, 'g', 3) + QStringLiteral("k");
    return QLocale().toString(qint64(value));
}

} // namespace

RatesChart::RatesChart(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("Events received from the sources and frames delivered to WebSocket clients, "
                  "per second, over the last five minutes"));
}

void RatesChart::addSample(double eventsIn, double delivered)
{
    m_samples.push_back({eventsIn, delivered});
    while (m_samples.size() > size_t(kSeconds))
        m_samples.pop_front();
    update();
}

void RatesChart::clear()
{
    m_samples.clear();
    update();
}

void RatesChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    // Disabled (an attached console whose link is down): the last curves, faded like other panes.
    if (!isEnabled())
        p.setOpacity(0.4);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    const int pad = fm.height() / 2;

    // Legend: what each line is and its latest value.
    const Sample last = m_samples.empty() ? Sample {0, 0} : m_samples.back();
    int x = pad;
    const int legendY = pad;
    auto legend = [&](const QColor &color, const QString &text) {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(x, legendY + fm.height() / 2 - 4, 10, 8), 2, 2);
        x += 14;
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QPoint(x, legendY + fm.ascent()), text);
        x += fm.horizontalAdvance(text) + 2 * fm.height();
    };
    legend(kInColor, tr("Events in %1").arg(format::rate(last.eventsIn)));
    legend(kOutColor, tr("Delivered %1").arg(format::rate(last.delivered)));

    double peak = 0;
    for (const Sample &s : m_samples)
        peak = std::max({peak, s.eventsIn, s.delivered});
    const double top = 4 * niceStep(peak * 1.05);

    const int labelWidth = fm.horizontalAdvance(axisLabel(top)) + pad;
    const QRect plot(labelWidth + pad, legendY + fm.height() + pad, width() - labelWidth - 2 * pad,
                     height() - (legendY + fm.height() + pad) - fm.height() - pad);
    if (plot.width() < 20 || plot.height() < 20)
        return;

    // Grid and axis labels.
    const QColor gridColor = palette().color(QPalette::Mid);
    const QColor labelColor = palette().color(QPalette::PlaceholderText);
    p.setBrush(Qt::NoBrush);
    for (int i = 0; i <= 4; ++i) {
        const double value = top * i / 4;
        const int y = plot.bottom() - int(plot.height() * i / 4.0);
        p.setPen(QPen(gridColor, 1, i == 0 ? Qt::SolidLine : Qt::DotLine));
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(labelColor);
        p.drawText(QRect(0, y - fm.height() / 2, labelWidth, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, axisLabel(value));
    }
    // A label every minute when they fit, else every other one.
    const int labelStep = fm.horizontalAdvance(tr("−%1 min").arg(5)) * 2 > plot.width() / 5 ? 2 : 1;
    for (int minute = 0; minute <= kSeconds / 60; ++minute) {
        const int xm = plot.right() - int(plot.width() * minute * 60.0 / kSeconds);
        p.setPen(QPen(gridColor, 1, Qt::DotLine));
        if (minute > 0)
            p.drawLine(xm, plot.top(), xm, plot.bottom());
        if (minute % labelStep)
            continue;
        p.setPen(labelColor);
        const QString text = minute == 0 ? tr("now") : tr("−%1 min").arg(minute);
        const int w = fm.horizontalAdvance(text);
        const int left = qBound(0, xm - w / 2, width() - w);
        p.drawText(QPoint(minute == 0 ? plot.right() - w : left, plot.bottom() + fm.ascent() + 2),
                   text);
    }

    if (m_samples.empty()) {
        p.setPen(labelColor);
        p.drawText(plot, Qt::AlignCenter, tr("Waiting for the first second of data…"));
        return;
    }

    auto series = [&](double Sample::*field, const QColor &color) {
        QPainterPath line;
        const size_t n = m_samples.size();
        for (size_t i = 0; i < n; ++i) {
            const double age = double(n - 1 - i); // seconds before now
            const QPointF point(plot.right() - plot.width() * age / kSeconds,
                                plot.bottom() - plot.height() * (m_samples[i].*field) / top);
            if (i == 0)
                line.moveTo(point);
            else
                line.lineTo(point);
        }
        QPainterPath area = line;
        area.lineTo(QPointF(plot.right(), plot.bottom()));
        area.lineTo(QPointF(line.elementAt(0).x, plot.bottom()));
        area.closeSubpath();
        QColor fill = color;
        fill.setAlpha(40);
        p.fillPath(area, fill);
        p.strokePath(line, QPen(color, 1.8));
    };
    p.save();
    p.setClipRect(plot.adjusted(0, -2, 1, 1));
    series(&Sample::delivered, kOutColor);
    series(&Sample::eventsIn, kInColor);
    p.restore();
}

} // namespace sender
