// The history for resuming clients (issue 15): what a resume costs (selecting 10 000 buffered
// events for one filtered client, the work done on the engine thread during its handshake) and
// what keeping history adds per event on the delivery path (hub dispatch with and without
// EventHistory::record, 100 or 1000 subscribers, eviction by count in steady state).

#include "BenchData.h"
#include "events/EventMessage.h"
#include "fanout/Hub.h"
#include "filters/SubscriptionFilter.h"
#include "history/EventHistory.h"

#include <benchmark/benchmark.h>
#include <memory>
#include <vector>

using namespace sender;

namespace {

const QUuid kAccount = QUuid::fromString(QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"));
const QByteArray kTemplateId = "6a2ff0f4-3b6c-4f0e-9f57-1f1d6c1e8b3a";

QByteArray idOf(int n)
{
    return QByteArray("00000000-0000-4000-8000-") + QByteArray::number(n).rightJustified(12, '0');
}

// The face event of tests/data with event id n and, for every other event, another camera.
std::shared_ptr<const EventMessage> faceEvent(int n)
{
    QByteArray raw = benchData("face_event_message.json");
    raw.replace(kTemplateId, idOf(n));
    if (n % 2)
        raw.replace("cam-entrance-1", "cam-exit-2");
    QString error;
    auto m = EventMessage::parse(raw, &error);
    if (!m)
        std::abort();
    return m;
}

SubscriptionFilter filterOf(QByteArrayView query)
{
    FilterError error;
    return *SubscriptionFilter::parse(query, &error);
}

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

// n subscribers of kAccount without a filter (one group), owned by the caller.
std::vector<std::unique_ptr<SinkRecipient>> subscribeAll(Hub &hub, int n)
{
    std::vector<std::unique_ptr<SinkRecipient>> rs;
    FilterError error;
    const auto all =
        std::make_shared<const SubscriptionFilter>(*SubscriptionFilter::parse("", &error));
    for (int i = 0; i < n; ++i) {
        rs.push_back(std::make_unique<SinkRecipient>());
        hub.subscribe(rs.back().get(), kAccount, all);
    }
    return rs;
}

// A resume from the oldest of 10 000 buffered events by a client whose filter passes half of them
// (sources=cam-entrance-1 and an age bound): the id is looked up from the newest back, every event
// after it is filtered, the passing frames are collected (shared, not copied), and then queued to
// the client's send queue as ClientConnection does.
void BM_ReplayTenThousandToOneFilteredClient(benchmark::State &state)
{
    EventHistory history;
    constexpr int kEvents = 10000;
    for (int n = 1; n <= kEvents; ++n)
        history.record(kAccount, faceEvent(n));
    const SubscriptionFilter filter = filterOf("sources=cam-entrance-1&age__gte=18");
    ResumePoint from;
    from.afterEventId = QUuid::fromString(QLatin1StringView(idOf(1)));
    SinkRecipient client;
    qsizetype replayed = 0;
    for (auto _ : state) {
        const Replay r = history.replay(kAccount, from, filter);
        for (const QByteArray &frame : r.frames)
            client.queue.pushUnbounded(frame);
        client.flushQueued();
        replayed = r.frames.size();
    }
    state.counters["replayed"] = double(replayed);
    state.SetItemsProcessed(state.iterations() * (kEvents - 1));
}
BENCHMARK(BM_ReplayTenThousandToOneFilteredClient)->Unit(benchmark::kMillisecond);

// The same resume by time (since): a binary search instead of the id lookup.
void BM_ReplaySinceTenThousandToOneFilteredClient(benchmark::State &state)
{
    qint64 now = 1800000000000LL;
    EventHistory history;
    history.setClock([&now] { return now; });
    constexpr int kEvents = 10000;
    for (int n = 1; n <= kEvents; ++n) {
        ++now;
        history.record(kAccount, faceEvent(n));
    }
    const SubscriptionFilter filter = filterOf("sources=cam-entrance-1&age__gte=18");
    ResumePoint from;
    from.sinceMs = 1800000000000LL;
    for (auto _ : state) {
        const Replay r = history.replay(kAccount, from, filter);
        benchmark::DoNotOptimize(r.frames.size());
    }
    state.SetItemsProcessed(state.iterations() * kEvents);
}
BENCHMARK(BM_ReplaySinceTenThousandToOneFilteredClient)->Unit(benchmark::kMillisecond);

// Per event on the delivery path: dispatch to 100 or 1000 subscribers (first arg), with history
// off (second arg 0) or on (1). The difference is what history costs per event; the messages are
// distinct (as they are in production) and parsed outside the timing.
void BM_DispatchWithHistory(benchmark::State &state)
{
    const int subscribers = int(state.range(0));
    const bool withHistory = state.range(1) != 0;
    constexpr int kMessages = 4096;
    std::vector<std::shared_ptr<const EventMessage>> messages;
    for (int n = 0; n < kMessages; ++n)
        messages.push_back(faceEvent(n));
    Hub hub;
    const auto rs = subscribeAll(hub, subscribers);
    EventHistory history;
    HistoryLimits limits;
    limits.maxEvents = 1000; // steady state: every record also evicts one
    history.setLimits(limits);
    size_t i = 0;
    for (auto _ : state) {
        const auto &m = messages[i++ % kMessages];
        hub.dispatch(kAccount, *m);
        if (withHistory)
            history.record(kAccount, m);
        hub.flush();
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(withHistory ? "history on" : "history off");
}
BENCHMARK(BM_DispatchWithHistory)
    ->Args({100, 0})
    ->Args({100, 1})
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Unit(benchmark::kMicrosecond);

// record() alone, per event, in steady state (every record evicts the oldest).
void BM_HistoryRecord(benchmark::State &state)
{
    constexpr int kMessages = 4096;
    std::vector<std::shared_ptr<const EventMessage>> messages;
    for (int n = 0; n < kMessages; ++n) {
        messages.push_back(faceEvent(n));
        messages.back()->frame(0); // encoded by fan-out before history sees it
    }
    EventHistory history;
    HistoryLimits limits;
    limits.maxEvents = 1000;
    history.setLimits(limits);
    size_t i = 0;
    for (auto _ : state)
        history.record(kAccount, messages[i++ % kMessages]);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HistoryRecord)->Unit(benchmark::kNanosecond);

// The same as the server does it: every message parsed from its bytes inside the loop (a fresh
// allocation each time, as a message from Redis is), dispatched to 10 or 100 subscribers (first
// arg) and kept in a history of as many events as the second arg (0: history off; 10 000 is the
// default), so that what the history retains keeps the freed memory of old messages from being
// reused while it is still in the cache. BM_DispatchWithHistory above parses outside the timing
// and keeps every message alive anyway, so it cannot show that cost.
void BM_ParseDispatchWithHistory(benchmark::State &state)
{
    const int subscribers = int(state.range(0));
    const int kept = int(state.range(1));
    const bool withHistory = kept > 0;
    constexpr int kMessages = 4096;
    std::vector<QByteArray> raws;
    const QByteArray raw = benchData("face_event_message.json");
    for (int n = 0; n < kMessages; ++n) {
        QByteArray one = raw;
        one.replace(kTemplateId, idOf(n));
        raws.push_back(one);
    }
    Hub hub;
    const auto rs = subscribeAll(hub, subscribers);
    EventHistory history;
    HistoryLimits limits;
    limits.maxEvents = qMax(1, kept);
    history.setLimits(limits);
    size_t i = 0;
    for (auto _ : state) {
        QString parseError;
        const QByteArray &bytes = raws[i++ % kMessages];
        // A copy, as the bytes read from Redis are a buffer of their own.
        const std::shared_ptr<const EventMessage> m =
            EventMessage::parse(QByteArray(bytes.constData(), bytes.size()), &parseError);
        if (!m)
            std::abort();
        hub.dispatch(kAccount, *m);
        if (withHistory)
            history.record(kAccount, m);
        hub.flush();
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(withHistory ? "history on" : "history off");
}
BENCHMARK(BM_ParseDispatchWithHistory)
    ->Args({10, 0})
    ->Args({10, 100})
    ->Args({10, 10000})
    ->Args({100, 0})
    ->Args({100, 100})
    ->Args({100, 10000})
    ->Unit(benchmark::kMicrosecond);

} // namespace
