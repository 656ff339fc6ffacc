// RatesChart: keeps the last kSeconds samples, and draws both lines where their values say
// (rendered offscreen and read back pixel by pixel).

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "gui/panes/RatesChart.h"

#include <QImage>

using namespace sender;

namespace {

// Rows (top to bottom) of the pixels in column x that are close to colour.
QList<int> rowsOf(const QImage &image, int x, const QColor &colour)
{
    QList<int> rows;
    for (int y = 0; y < image.height(); ++y) {
        const QColor c = image.pixelColor(x, y);
        if (qAbs(c.red() - colour.red()) + qAbs(c.green() - colour.green())
                + qAbs(c.blue() - colour.blue())
            < 60)
            rows.append(y);
    }
    return rows;
}

const QColor kIn(0x2b, 0x6c, 0xb0);
const QColor kOut(0x2f, 0x9e, 0x5b);

} // namespace

class TestRatesChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void keepsTheLastSeconds()
    {
        RatesChart chart;
        QCOMPARE(chart.sampleCount(), 0);
        for (int i = 0; i < RatesChart::kSeconds + 25; ++i)
            chart.addSample(i, i / 2.0);
        QCOMPARE(chart.sampleCount(), RatesChart::kSeconds);
        chart.clear();
        QCOMPARE(chart.sampleCount(), 0);
    }

    // Events in at 1 000/s and deliveries at 250/s: near the right edge, the events line is
    // drawn, the delivery line too, and the events line is higher (a larger value).
    void drawsBothLinesToScale()
    {
        RatesChart chart;
        chart.resize(600, 300);
        const QImage empty = chart.grab().toImage();
        const int x = 600 - 40;
        QVERIFY(rowsOf(empty, x, kIn).isEmpty());
        QVERIFY(rowsOf(empty, x, kOut).isEmpty());

        for (int i = 0; i < 60; ++i)
            chart.addSample(1000, 250);
        const QImage drawn = chart.grab().toImage();
        const QList<int> in = rowsOf(drawn, x, kIn);
        const QList<int> out = rowsOf(drawn, x, kOut);
        QVERIFY2(!in.isEmpty(), "no events line");
        QVERIFY2(!out.isEmpty(), "no delivery line");
        QVERIFY2(in.first() < out.first(),
                 qPrintable(QStringLiteral("events at y %1, deliveries at y %2")
                                .arg(in.first())
                                .arg(out.first())));
        // Four times the value: from the bottom of the plot, the events line is about four times
        // as high as the delivery line (the plot's bottom is below both).
        const int bottom = drawn.height() - 1;
        QVERIFY(bottom - in.first() > 2 * (bottom - out.first()) - 40);
    }
};

QTEST_MAIN(TestRatesChart)
#include "tst_rateschart.moc"
