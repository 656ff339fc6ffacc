#include "BenchData.h"
#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"

#include <benchmark/benchmark.h>

using sender::EventMessage;
using sender::FilterError;
using sender::SubscriptionFilter;

namespace {

// Five conditions the sample face event (face_event_message.json) passes.
constexpr const char *kFivePassing = "sources=cam-entrance-1,cam-entrance-2&age__gte=18&gender=1&"
                                     "liveness=1&object_similarity__gte=0.7";
// The same shape, failing only at its last check (so every earlier check runs).
constexpr const char *kFiveFailingLate = "sources=cam-entrance-1,cam-entrance-2&age__gte=18&gender="
                                         "1&liveness=1&object_similarity__gte=0.95";
// A typical filtered-out subscriber: the first check already fails.
constexpr const char *kFailingEarly = "sources=cam-lobby&age__gte=18";
// Every parameter, all passed by all_attributes_message.json.
constexpr const char *kAllParameters =
    "sources=cam1,cam2&matching_candidates_labels=staff&object_similarity__gte=0.1"
    "&object_similarity__lt=1&age__gte=0&age__lt=200&gender=1&ethnic_groups=1,2,3,4&liveness=0,1,2"
    "&masks=1,2,3&emotions=1,2,3,4,5,6,7&tags=vip&user_data=caf&geo_position=origin_longitude,37.6,"
    "origin_latitude,55.75,longitude_delta,1&cities=Moscow&areas=CAO&districts=Tverskoy&streets="
    "Tverskaya"
    "&house_numbers=7&handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb&apparent_gender=0,1,2"
    "&apparent_age__gte=0&apparent_age__lt=100&headwear_states=0,1,2&sleeve_lengths=short,long"
    "&upper_clothing_colors=black,red&lower_garment_colors=black&lower_garment_types=trousers"
    "&shoes_colors=white&headwear_colors=black&backpack_states=0,1";

SubscriptionFilter filterOf(const char *query)
{
    FilterError error;
    auto filter = SubscriptionFilter::parse(QByteArrayView(query), &error);
    if (!filter)
        std::abort();
    return *filter;
}

void parseQuery(benchmark::State &state, const char *query)
{
    const QByteArray raw(query);
    for (auto _ : state) {
        FilterError error;
        auto filter = SubscriptionFilter::parse(raw, &error);
        benchmark::DoNotOptimize(filter);
    }
}

void match(benchmark::State &state, const char *file, const char *query, bool expected)
{
    QString error;
    const auto message = EventMessage::parse(benchData(file), &error);
    const SubscriptionFilter filter = filterOf(query);
    if (filter.matches(*message, 0) != expected)
        std::abort();
    for (auto _ : state) {
        bool passes = filter.matches(*message, 0);
        benchmark::DoNotOptimize(passes);
    }
}

// One event against many distinct subscription groups, 10% of which it passes: the hub's loop.
void matchManyGroups(benchmark::State &state)
{
    QString error;
    const auto message = EventMessage::parse(benchData("face_event_message.json"), &error);
    std::vector<SubscriptionFilter> filters;
    for (int i = 0; i < state.range(0); ++i) {
        const QByteArray source =
            i % 10 == 0 ? QByteArray("cam-entrance-1") : QByteArray("cam-" + QByteArray::number(i));
        const QByteArray query =
            "sources=" + source + "&age__gte=" + QByteArray::number(i % 30) + "&liveness=1";
        filters.push_back(filterOf(query.constData()));
    }
    for (auto _ : state) {
        int passed = 0;
        for (const SubscriptionFilter &filter : filters)
            passed += filter.matches(*message, 0);
        benchmark::DoNotOptimize(passed);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

} // namespace

BENCHMARK_CAPTURE(parseQuery, five_conditions, kFivePassing);
BENCHMARK_CAPTURE(parseQuery, all_31_parameters, kAllParameters);
constexpr const char *kFace = "face_event_message.json";
BENCHMARK_CAPTURE(match, empty_filter, kFace, "", true);
BENCHMARK_CAPTURE(match, five_conditions_pass, kFace, kFivePassing, true);
BENCHMARK_CAPTURE(match, five_conditions_fail_last, kFace, kFiveFailingLate, false);
BENCHMARK_CAPTURE(match, filtered_out_first_check, kFace, kFailingEarly, false);
BENCHMARK_CAPTURE(match, all_31_parameters_pass, "all_attributes_message.json", kAllParameters,
                  true);
BENCHMARK(matchManyGroups)->Arg(1000);
