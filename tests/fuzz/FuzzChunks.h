#pragma once

#include <QByteArrayView>

#include <cstdlib>
#include <functional>
#include <random>
#include <vector>

// Helpers for the targets that parse a stream: the same bytes cut into different chunk sizes must
// give the same result as all at once (what arrives in one read() is up to the network).
namespace fuzz {

inline void check(bool condition)
{
    if (!condition)
        std::abort(); // libFuzzer reports the input as a crash
}

// Ways to cut data: whole, byte by byte (small inputs), and pseudo-random sizes seeded from the
// data itself, so that a corpus file stays plain text and a crash reproduces from it alone.
inline std::vector<std::vector<QByteArrayView>> chunkings(QByteArrayView data)
{
    std::vector<std::vector<QByteArrayView>> all;
    all.push_back({data});
    if (data.size() <= 4096) {
        std::vector<QByteArrayView> bytes;
        for (qsizetype i = 0; i < data.size(); ++i)
            bytes.push_back(data.sliced(i, 1));
        all.push_back(std::move(bytes));
    }
    std::seed_seq seed(data.begin(), data.end());
    std::minstd_rand random(seed);
    std::vector<QByteArrayView> cut;
    for (qsizetype at = 0; at < data.size();) {
        // Mostly small pieces, sometimes large ones.
        const qsizetype size =
            random() % 8 == 0 ? qsizetype(1 + random() % 2048) : qsizetype(1 + random() % 17);
        const qsizetype take = qMin(size, data.size() - at);
        cut.push_back(data.sliced(at, take));
        at += take;
    }
    all.push_back(std::move(cut));
    return all;
}

} // namespace fuzz
