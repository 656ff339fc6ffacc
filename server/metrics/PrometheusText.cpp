#include "metrics/PrometheusText.h"

#include <QLocale>

#include <cmath>

namespace sender {

QByteArray PrometheusText::escapeLabelValue(const QString &value)
{
    QByteArray out;
    for (char c : value.toUtf8()) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
    return out;
}

QByteArray PrometheusText::escapeHelp(QByteArrayView help)
{
    QByteArray out;
    for (char c : help) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray PrometheusText::formatDouble(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

void PrometheusText::family(QByteArrayView name, QByteArrayView type, QByteArrayView help)
{
    m_out += "# HELP ";
    m_out += name;
    m_out += ' ';
    m_out += escapeHelp(help);
    m_out += "\n# TYPE ";
    m_out += name;
    m_out += ' ';
    m_out += type;
    m_out += '\n';
}

void PrometheusText::labels(const Labels &labels)
{
    if (labels.isEmpty())
        return;
    m_out += '{';
    bool first = true;
    for (const auto &[name, value] : labels) {
        if (!first)
            m_out += ',';
        first = false;
        m_out += name;
        m_out += "=\"";
        m_out += escapeLabelValue(value);
        m_out += '"';
    }
    m_out += '}';
}

void PrometheusText::sample(QByteArrayView name, const Labels &l, double value)
{
    m_out += name;
    labels(l);
    m_out += ' ';
    m_out += formatDouble(value);
    m_out += '\n';
}

void PrometheusText::sample(QByteArrayView name, const Labels &l, quint64 value)
{
    m_out += name;
    labels(l);
    m_out += ' ';
    m_out += QByteArray::number(value);
    m_out += '\n';
}

} // namespace sender
