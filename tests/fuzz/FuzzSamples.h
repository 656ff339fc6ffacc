#pragma once

#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"

#include <cstdlib>
#include <memory>
#include <vector>

// Fixed inputs the fuzz targets combine with the fuzzed one: messages to evaluate fuzzed filters
// against, and filters to evaluate fuzzed messages with. Together they reach every check.
namespace fuzz {

inline void require(bool condition)
{
    if (!condition)
        std::abort(); // libFuzzer reports the input as a crash
}

inline const std::vector<std::shared_ptr<const sender::EventMessage>> &sampleMessages()
{
    static const auto messages = [] {
        const char *raw[] = {
            R"({"handler_id":"8950722f-3fd4-4223-b48f-03f95f0e8dfb","events":[{"source":"cam1","tags":["vip","staff"],"user_data":"caf\u00e9 entrance","face_attributes":{"basic_attributes":{"age":42,"gender":1,"ethnicities":{"predominant_ethnicity":"caucasian"}}},"matches":[{"label":"staff","candidates":[{"similarity":0.87}]}],"location":{"city":"Moscow","area":"CAO","district":"Tverskoy","street":"Tverskaya","house_number":"7","geo_position":{"longitude":37.6156,"latitude":55.7522}},"aggregate_estimations":{"face":{"attributes":{"liveness":{"prediction":"real"},"mask":{"predominant_mask":"missing"},"emotions":{"predominant_emotion":"happiness"}}},"body":{"attributes":{"basic_attributes":{"apparent_age":41,"apparent_gender":1},"upper_body":{"headwear":{"state":1,"apparent_color":"black"},"sleeve":{"length":"long"},"upper_clothing":{"colors":["red","black"]}},"lower_body":{"lower_garment":{"type":"trousers","colors":["black"]},"shoes":{"apparent_color":"white"}},"accessories":{"backpack":{"state":0}}}}}}]})",
            R"({"handler_id":"346a5645-ec89-4806-820a-dbcb6e0dc38e","events":[{"source":"cam-2","detections":[{"samples":{"face":{"detection":{"attributes":{"liveness":{"prediction":0},"mask":{"predominant_mask":"occluded"}}}},"body":{"detection":{"attributes":{"basic_attributes":{"apparent_age":20,"apparent_gender":"female"},"lower_body":{"lower_garment":{"type":2}}}}}}},{"samples":{"body":{"detection":{"attributes":{"basic_attributes":{"apparent_age":60}}}}}}]},{}]})",
            R"({"handler_id":"not-a-uuid","events":[{"source":"\u0063am1","tags":[],"matches":[{"candidates":[{"similarity":0}]}]}]})",
        };
        std::vector<std::shared_ptr<const sender::EventMessage>> list;
        for (const char *text : raw) {
            QString error;
            list.push_back(sender::EventMessage::parse(QByteArray(text), &error));
            require(list.back() != nullptr);
        }
        return list;
    }();
    return messages;
}

inline const std::vector<sender::SubscriptionFilter> &sampleFilters()
{
    static const auto filters = [] {
        const char *queries[] = {
            "",
            "sources=cam1,cam-2&age__gte=18&gender=1&liveness=1&object_similarity__gte=0.7",
            "matching_candidates_labels=staff&object_similarity__lt=0.9&age__lt=50&ethnic_groups=1,"
            "4"
            "&masks=1,2&emotions=4,5&tags=vip&user_data=caf",
            "geo_position=origin_longitude,37.6,origin_latitude,55.75,longitude_delta,1&cities="
            "Moscow"
            "&areas=CAO&districts=Tverskoy&streets=Tverskaya&house_numbers=7"
            "&handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb"
            "&stream_ids=a7e4c7d2-1b7e-4f8e-9c1d-3b5a7e9f0c21",
            "apparent_gender=0,1&apparent_age__gte=18&apparent_age__lt=50&headwear_states=1"
            "&sleeve_lengths=long&upper_clothing_colors=red&lower_garment_colors=black"
            "&lower_garment_types=trousers,skirt&shoes_colors=white&headwear_colors=black"
            "&backpack_states=0",
            "sources=a,b,c,d,e,f,g,h,i,j,cam1&cities=a,b,c,d,e,f,g,h,i,Moscow",
        };
        std::vector<sender::SubscriptionFilter> list;
        for (const char *query : queries) {
            sender::FilterError error;
            const auto filter = sender::SubscriptionFilter::parse(QByteArrayView(query), &error);
            require(filter.has_value());
            list.push_back(*filter);
        }
        return list;
    }();
    return filters;
}

} // namespace fuzz
