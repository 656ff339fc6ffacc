// Alert evaluation per event (issue 14): every rule runs on every event of every source, so its
// cost is measured next to the delivery cost (BM_HubDispatch) it is added to.
#include "BenchData.h"
#include "alerts/AlertEvaluator.h"
#include "events/EventMessage.h"

#include <benchmark/benchmark.h>

using namespace sender;
using namespace Qt::StringLiterals;

namespace {

// 100 realistic rules: watchlist labels, spoofs, masks per zone, age bands, each for one camera.
// matchEvery: every matchEvery-th rule matches the sample face event (0: none does).
alerts::AlertRuleSet hundredRules(int matchEvery, int quietSeconds)
{
    QByteArray json = R"({"rules": [)";
    for (int i = 0; i < 100; ++i) {
        const bool match = matchEvery > 0 && i % matchEvery == 0;
        const QByteArray camera =
            match ? QByteArray("cam-entrance-1") : QByteArray("cam-" + QByteArray::number(i));
        QByteArray condition;
        switch (i % 4) {
        case 0:
            condition = "matching_candidates_labels=" + QByteArray(match ? "staff" : "wanted")
                + "&object_similarity__gte=0.9";
            break;
        case 1:
            condition = "liveness=" + QByteArray(match ? "1" : "0") + "&sources=" + camera;
            break;
        case 2:
            condition = "masks=" + QByteArray(match ? "2" : "1") + "&sources=" + camera;
            break;
        default:
            condition = "age__gte=" + QByteArray(match ? "18" : "70") + "&sources=" + camera;
        }
        json += (i ? "," : "") + R"({"name": "r)"_ba + QByteArray::number(i)
            + R"(", "severity": "critical", "condition": ")" + condition + R"(", "quiet_seconds": )"
            + QByteArray::number(quietSeconds) + "}";
    }
    QString error;
    auto set = alerts::AlertRuleSet::fromJson(QByteArray(json + "]}"), &error);
    if (!set) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        std::abort();
    }
    return *set;
}

void evaluate(benchmark::State &state, int matchEvery)
{
    QString error;
    const auto message = EventMessage::parse(benchData("face_event_message.json"), &error);
    qint64 now = 0;
    alerts::AlertEvaluator evaluator([&now] { return now; });
    // A long quiet period: after the first event the matching rules are quiet, as during a burst
    // of the same person at the same camera (the log is not part of this measurement).
    evaluator.setRules(hundredRules(matchEvery, 3600));
    const QUuid account = QUuid::createUuid();
    evaluator.evaluate(account, *message, 0);
    for (auto _ : state)
        benchmark::DoNotOptimize(evaluator.evaluate(account, *message, 0));
}

} // namespace

BENCHMARK_CAPTURE(evaluate, rules100_none_match, 0);
BENCHMARK_CAPTURE(evaluate, rules100_some_match_quiet, 10);
