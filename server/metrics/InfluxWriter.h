#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace sender {

// Pushes the /metrics counters to InfluxDB ([INFLUX]): every interval the Prometheus text is turned
// into line protocol and queued; one POST /write at a time carries a batch. Everything is
// asynchronous on the owner's thread (QNetworkAccessManager), so a slow or absent InfluxDB never
// delays delivery. The queue is bounded in points: past the bound the oldest points waiting (not
// the batch in flight) are dropped and counted. A failed write is retried after a delay that
// doubles up to a cap; a write InfluxDB refuses for good (4xx other than 429) is dropped and
// counted.
class InfluxWriter : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl writeUrl; // .../write?db=...&precision=ns
        QByteArray authorization; // the Authorization header value, or empty; never logged
        int intervalMs = 10000;
        qsizetype batchPoints = 5000;
        qsizetype bufferPoints = 100000;
        int retryMinMs = 1000;
        int retryMaxMs = 60000;
        int timeoutMs = 10000;
        QByteArray extraTags; // ",host=..." appended to every point (already escaped)
    };
    struct Counters
    {
        quint64 pointsWritten = 0;
        quint64 pointsDropped = 0;
        quint64 writeFailures = 0;
        quint64 batchesWritten = 0;
        qsizetype pointsQueued = 0;
    };
    using MetricsSource = std::function<QByteArray()>; // Prometheus text, as /metrics serves it

    InfluxWriter(Options options, MetricsSource source, QObject *parent = nullptr);
    ~InfluxWriter() override;

    void start();
    // Collects once now (besides the timer) and sends if idle.
    void collect();
    const Counters &counters() const { return m_counters; }

    // The Prometheus text exposition as line protocol: one point per sample, the metric name as
    // measurement, its labels as tags, field value=<float>, all at timestampNs. Samples that are
    // NaN or infinite (which line protocol cannot carry) are left out.
    static QByteArray lineProtocol(QByteArrayView prometheusText, qint64 timestampNs,
                                   QByteArrayView extraTags = {});
    // Escapes a measurement name, tag key or tag value for line protocol.
    static QByteArray escape(QByteArrayView text, bool isMeasurement = false);

Q_SIGNALS:
    void batchWritten(qsizetype points);
    void writeFailed(int httpStatus);

private:
    void enqueue(const QByteArray &lines);
    void sendNext();
    void finished();

    Options m_options;
    MetricsSource m_source;
    QNetworkAccessManager *m_network;
    QNetworkReply *m_reply = nullptr;
    std::deque<QByteArray> m_points; // one line each, oldest first
    qsizetype m_inFlight = 0; // the first m_inFlight points are the batch being written
    QTimer m_collectTimer;
    QTimer m_retryTimer;
    int m_retryDelayMs = 0;
    Counters m_counters;
};

} // namespace sender
