#pragma once

#include <QWidget>

#include <deque>

namespace sender {

// Events in and deliveries per second over the last minutes: one point a second, drawn with
// QPainter (the console needs two lines, not a charting library).
class RatesChart : public QWidget
{
    Q_OBJECT
public:
    explicit RatesChart(QWidget *parent = nullptr);

    void addSample(double eventsIn, double delivered);
    void clear();
    int sampleCount() const { return int(m_samples.size()); }
    static constexpr int kSeconds = 300;

    QSize sizeHint() const override { return {420, 220}; }
    QSize minimumSizeHint() const override { return {240, 140}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Sample
    {
        double eventsIn;
        double delivered;
    };
    std::deque<Sample> m_samples;
};

} // namespace sender
