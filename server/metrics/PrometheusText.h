#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace sender {

// Writes the Prometheus text exposition format, version 0.0.4: one # HELP and # TYPE per family
// before its samples, label values escaped (\\, \", \n), numbers as Go's strconv formats them.
class PrometheusText
{
public:
    using Labels = QList<std::pair<QByteArray, QString>>;

    static constexpr QByteArrayView kContentType = "text/plain; version=0.0.4; charset=utf-8";

    void family(QByteArrayView name, QByteArrayView type, QByteArrayView help);
    void sample(QByteArrayView name, const Labels &labels, double value);
    void sample(QByteArrayView name, const Labels &labels, quint64 value);
    void sample(QByteArrayView name, double value) { sample(name, {}, value); }
    void sample(QByteArrayView name, quint64 value) { sample(name, {}, value); }

    // A family of one unlabelled sample, its name written once.
    template<typename Value>
    void gauge(QByteArrayView name, QByteArrayView help, Value value)
    {
        family(name, "gauge", help);
        sample(name, value);
    }
    template<typename Value>
    void counter(QByteArrayView name, QByteArrayView help, Value value)
    {
        family(name, "counter", help);
        sample(name, value);
    }

    const QByteArray &text() const { return m_out; }

    static QByteArray escapeLabelValue(const QString &value);
    static QByteArray escapeHelp(QByteArrayView help);
    static QByteArray formatDouble(double value);

private:
    void labels(const Labels &labels);

    QByteArray m_out;
};

} // namespace sender
