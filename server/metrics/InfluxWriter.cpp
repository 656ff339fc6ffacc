#include "metrics/InfluxWriter.h"

#include "metrics/MetricsLog.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace sender {

namespace {

bool isNameChar(char c, bool first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
        || (!first && c >= '0' && c <= '9');
}

// One sample line of the exposition: name{labels} value. Appends its point to out, or nothing
// when the line is not a sample line line protocol can carry.
void appendPoint(QByteArrayView line, qint64 timestampNs, QByteArrayView extraTags, QByteArray &out)
{
    qsizetype i = 0;
    while (i < line.size() && isNameChar(line[i], i == 0))
        ++i;
    if (i == 0)
        return;
    QByteArray point = InfluxWriter::escape(line.first(i), true);
    if (i < line.size() && line[i] == '{') {
        ++i;
        while (i < line.size() && line[i] != '}') {
            const qsizetype keyStart = i;
            while (i < line.size() && isNameChar(line[i], i == keyStart))
                ++i;
            const QByteArrayView key = line.sliced(keyStart, i - keyStart);
            if (key.isEmpty() || i + 1 >= line.size() || line[i] != '=' || line[i + 1] != '"')
                return;
            i += 2;
            QByteArray value;
            while (i < line.size() && line[i] != '"') {
                if (line[i] == '\\' && i + 1 < line.size()) {
                    ++i;
                    value += line[i] == 'n' ? '\n' : line[i];
                } else {
                    value += line[i];
                }
                ++i;
            }
            if (i >= line.size())
                return;
            ++i; // the closing quote
            // Line protocol has no empty tag values: a label that is empty is no tag at all.
            if (!value.isEmpty())
                point += ',' + InfluxWriter::escape(key) + '=' + InfluxWriter::escape(value);
            if (i < line.size() && line[i] == ',')
                ++i;
        }
        if (i >= line.size())
            return;
        ++i; // '}'
    }
    if (i >= line.size() || line[i] != ' ')
        return;
    ++i;
    qsizetype end = line.indexOf(' ', i);
    if (end < 0)
        end = line.size();
    const QByteArrayView value = line.sliced(i, end - i);
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok || !qIsFinite(number))
        return;
    out += point;
    out += extraTags;
    out += " value=";
    out += value;
    out += ' ';
    out += QByteArray::number(timestampNs);
    out += '\n';
}

} // namespace

InfluxWriter::InfluxWriter(Options options, MetricsSource source, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_source(std::move(source))
    , m_network(new QNetworkAccessManager(this))
{
    m_collectTimer.setInterval(m_options.intervalMs);
    connect(&m_collectTimer, &QTimer::timeout, this, &InfluxWriter::collect);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &InfluxWriter::sendNext);
}

InfluxWriter::~InfluxWriter()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void InfluxWriter::start()
{
    m_collectTimer.start();
    collect();
}

QByteArray InfluxWriter::escape(QByteArrayView text, bool isMeasurement)
{
    QByteArray out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\n') {
            out += "\\n"; // a line break would end the point
            continue;
        }
        if (c == ',' || c == ' ' || (!isMeasurement && c == '=') || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

QByteArray InfluxWriter::lineProtocol(QByteArrayView prometheusText, qint64 timestampNs,
                                      QByteArrayView extraTags)
{
    QByteArray out;
    qsizetype start = 0;
    while (start < prometheusText.size()) {
        qsizetype end = prometheusText.indexOf('\n', start);
        if (end < 0)
            end = prometheusText.size();
        const QByteArrayView line = prometheusText.sliced(start, end - start);
        if (!line.isEmpty() && line[0] != '#')
            appendPoint(line, timestampNs, extraTags, out);
        start = end + 1;
    }
    return out;
}

void InfluxWriter::collect()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    enqueue(lineProtocol(m_source(), now, m_options.extraTags));
    if (!m_reply && !m_retryTimer.isActive())
        sendNext();
}

void InfluxWriter::enqueue(const QByteArray &lines)
{
    qsizetype start = 0;
    while (start < lines.size()) {
        const qsizetype end = lines.indexOf('\n', start);
        m_points.push_back(lines.sliced(start, end + 1 - start));
        start = end + 1;
    }
    // Over the bound: the oldest points that are not being written go first.
    const qsizetype excess = qsizetype(m_points.size()) - m_options.bufferPoints;
    if (excess > 0) {
        const qsizetype waiting = qsizetype(m_points.size()) - m_inFlight;
        const qsizetype drop = std::min(excess, waiting);
        m_points.erase(m_points.begin() + m_inFlight, m_points.begin() + m_inFlight + drop);
        m_counters.pointsDropped += quint64(drop);
    }
    m_counters.pointsQueued = qsizetype(m_points.size());
}

void InfluxWriter::sendNext()
{
    if (m_reply || m_points.empty())
        return;
    m_inFlight = std::min<qsizetype>(m_options.batchPoints, qsizetype(m_points.size()));
    QByteArray body;
    for (qsizetype i = 0; i < m_inFlight; ++i)
        body += m_points[size_t(i)];
    QNetworkRequest request(m_options.writeUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
    if (!m_options.authorization.isEmpty())
        request.setRawHeader("Authorization", m_options.authorization);
    request.setTransferTimeout(m_options.timeoutMs);
    m_reply = m_network->post(request, body);
    connect(m_reply, &QNetworkReply::finished, this, &InfluxWriter::finished);
}

void InfluxWriter::finished()
{
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const qsizetype batch = std::exchange(m_inFlight, 0);
    if (status >= 200 && status < 300) {
        m_points.erase(m_points.begin(), m_points.begin() + batch);
        m_counters.pointsWritten += quint64(batch);
        ++m_counters.batchesWritten;
        m_counters.pointsQueued = qsizetype(m_points.size());
        m_retryDelayMs = 0;
        Q_EMIT batchWritten(batch);
        sendNext();
        return;
    }
    ++m_counters.writeFailures;
    // The URL is logged without its query and credentials; the body InfluxDB answers says why.
    const QString where = m_options.writeUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    if (status >= 400 && status < 500 && status != 429) {
        // InfluxDB refuses these points for good (bad data, no such database, not authorised):
        // sending them again would only refuse them again.
        qCWarning(lcMetrics, "InfluxDB at %s refused %lld points (HTTP %d: %s); dropped",
                  qUtf8Printable(where), qlonglong(batch), status,
                  reply->read(512).trimmed().constData());
        m_points.erase(m_points.begin(), m_points.begin() + batch);
        m_counters.pointsDropped += quint64(batch);
        m_counters.pointsQueued = qsizetype(m_points.size());
        Q_EMIT writeFailed(status);
        m_retryTimer.start(m_options.retryMinMs);
        return;
    }
    m_retryDelayMs = m_retryDelayMs == 0 ? m_options.retryMinMs
                                         : std::min(m_retryDelayMs * 2, m_options.retryMaxMs);
    qCWarning(lcMetrics, "writing to InfluxDB at %s failed (%s); retrying in %d ms",
              qUtf8Printable(where),
              qUtf8Printable(status ? QStringLiteral("HTTP %1").arg(status) : reply->errorString()),
              m_retryDelayMs);
    Q_EMIT writeFailed(status);
    m_retryTimer.start(m_retryDelayMs);
}

} // namespace sender
