#include "BenchData.h"
#include "events/EventMessage.h"
#include "events/JsonTape.h"
#include "events/WsFrame.h"

#include <benchmark/benchmark.h>

using sender::EventMessage;

namespace {

void parseMessage(benchmark::State &state, const char *file)
{
    const QByteArray raw = benchData(file);
    for (auto _ : state) {
        QString error;
        auto message = EventMessage::parse(raw, &error);
        benchmark::DoNotOptimize(message);
    }
    state.SetBytesProcessed(state.iterations() * raw.size());
}

// The validating scan alone: the share of parseMessage that is not attribute extraction.
void scanJson(benchmark::State &state, const char *file)
{
    const QByteArray raw = benchData(file);
    sender::json::Tape tape;
    for (auto _ : state) {
        QString error;
        bool ok = tape.parse(raw, &error);
        benchmark::DoNotOptimize(ok);
    }
    state.SetBytesProcessed(state.iterations() * raw.size());
}

// The whole per-message cost on the engine thread: parse once, build every event's frame once.
void parseAndBuildFrames(benchmark::State &state, const char *file)
{
    const QByteArray raw = benchData(file);
    for (auto _ : state) {
        QString error;
        auto message = EventMessage::parse(raw, &error);
        for (qsizetype i = 0; i < message->eventCount(); ++i)
            benchmark::DoNotOptimize(message->frame(i).constData());
    }
    state.SetBytesProcessed(state.iterations() * raw.size());
}

void frameText(benchmark::State &state)
{
    const QByteArray payload(state.range(0), 'x');
    for (auto _ : state) {
        QByteArray frame = sender::wsframe::text(payload);
        benchmark::DoNotOptimize(frame.constData());
    }
    state.SetBytesProcessed(state.iterations() * payload.size());
}

// What every recipient after the first pays: the shared frame is only referenced.
void sharedFrame(benchmark::State &state)
{
    QString error;
    const auto message = EventMessage::parse(benchData("face_event_message.json"), &error);
    (void)message->frame(0);
    for (auto _ : state) {
        QByteArray frame = message->frame(0);
        benchmark::DoNotOptimize(frame.constData());
    }
}

} // namespace

BENCHMARK_CAPTURE(parseMessage, face_event_1_5KB, "face_event_message.json");
BENCHMARK_CAPTURE(parseMessage, body_event, "body_event_message.json");
BENCHMARK_CAPTURE(parseMessage, multi_event_3, "multi_event_message.json");
BENCHMARK_CAPTURE(parseMessage, seed_event_36KB, "seed_message.json");
BENCHMARK_CAPTURE(scanJson, face_event_1_5KB, "face_event_message.json");
BENCHMARK_CAPTURE(scanJson, seed_event_36KB, "seed_message.json");
BENCHMARK_CAPTURE(parseAndBuildFrames, face_event_1_5KB, "face_event_message.json");
BENCHMARK_CAPTURE(parseAndBuildFrames, seed_event_36KB, "seed_message.json");
BENCHMARK(frameText)->Arg(125)->Arg(1500)->Arg(65536);
BENCHMARK(sharedFrame);
