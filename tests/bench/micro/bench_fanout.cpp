// The hub's cost per delivery with every counter of /metrics in place (they are plain integer adds
// on the engine thread: no lock, no atomic, no allocation), and the latency histogram's cost per
// message. Compare BM_HubDispatch's time per delivery with BM_QueuePushOnly, which does the bare
// queue work without the hub and its counters: the difference is what the bookkeeping costs.

#include "BenchData.h"
#include "events/EventMessage.h"
#include "fanout/Hub.h"
#include "filters/SubscriptionFilter.h"
#include "metrics/LatencyHistogram.h"

#include <benchmark/benchmark.h>
#include <memory>
#include <vector>

using namespace sender;

namespace {

// Takes frames like a socket that always has room: the queue is emptied at flush.
class SinkRecipient : public Recipient
{
public:
    SinkRecipient()
        : queue(1 << 30)
    { }
    SendQueue &sendQueue() override { return queue; }
    void flushQueued() override { queue.consume(queue.bytes()); }
    void closeAsSlowConsumer(const QString &) override { }
    SendQueue queue;
};

std::shared_ptr<const SubscriptionFilter> filterOf(QByteArrayView query)
{
    FilterError error;
    return std::make_shared<const SubscriptionFilter>(*SubscriptionFilter::parse(query, &error));
}

const QUuid kAccount = QUuid::fromString(QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"));

void BM_HubDispatch(benchmark::State &state)
{
    const int recipients = int(state.range(0));
    QString error;
    const auto message = EventMessage::parse(benchData("face_event_message.json"), &error);
    Hub hub;
    std::vector<std::unique_ptr<SinkRecipient>> rs;
    const auto all = filterOf("");
    for (int i = 0; i < recipients; ++i) {
        rs.push_back(std::make_unique<SinkRecipient>());
        hub.subscribe(rs.back().get(), kAccount, all);
    }
    for (auto _ : state) {
        hub.dispatch(kAccount, *message);
        hub.flush();
    }
    state.SetItemsProcessed(state.iterations() * recipients);
    state.counters["ns/delivery"] =
        benchmark::Counter(double(state.iterations() * recipients),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_HubDispatch)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMicrosecond);

void BM_QueuePushOnly(benchmark::State &state)
{
    const int recipients = int(state.range(0));
    QString error;
    const auto message = EventMessage::parse(benchData("face_event_message.json"), &error);
    std::vector<std::unique_ptr<SinkRecipient>> rs;
    for (int i = 0; i < recipients; ++i)
        rs.push_back(std::make_unique<SinkRecipient>());
    for (auto _ : state) {
        const QByteArray &frame = message->frame(0);
        for (auto &r : rs)
            r->queue.push(frame);
        for (auto &r : rs)
            r->flushQueued();
    }
    state.SetItemsProcessed(state.iterations() * recipients);
    state.counters["ns/delivery"] =
        benchmark::Counter(double(state.iterations() * recipients),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_QueuePushOnly)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMicrosecond);

void BM_LatencyHistogramObserve(benchmark::State &state)
{
    LatencyHistogram histogram;
    qint64 ns = 1234;
    for (auto _ : state) {
        histogram.observeNs(ns);
        ns = (ns * 7 + 13) % 2'000'000'000; // spread over the buckets
        benchmark::DoNotOptimize(histogram);
    }
}
BENCHMARK(BM_LatencyHistogramObserve);

} // namespace
