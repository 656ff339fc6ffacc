/* Small helpers shared by the fan-out load tools (subscriber, publisher, floor server).
 * Plain C11 + Linux; no Qt, no third-party libraries, so run.sh can build the tools with one cc
 * call each. Every timestamp is CLOCK_MONOTONIC in nanoseconds: one clock shared by every process
 * on the machine, so publish-to-receive latency can be taken across processes. */
#ifndef FANOUT_BENCH_COMMON_H
#define FANOUT_BENCH_COMMON_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static inline int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void die(const char *what)
{
    fprintf(stderr, "fatal: %s: %s\n", what, strerror(errno));
    exit(2);
}

/* Raise RLIMIT_NOFILE to the hard limit: 5 000 sockets need more than the usual 1 024. */
static inline void raise_nofile(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/* Parses a decimal unsigned number at p (at most end), returns the position after it or NULL. */
static inline const char *parse_u64(const char *p, const char *end, uint64_t *out)
{
    uint64_t v = 0;
    const char *start = p;
    while (p < end && *p >= '0' && *p <= '9')
        v = v * 10 + (uint64_t)(*p++ - '0');
    if (p == start)
        return NULL;
    *out = v;
    return p;
}

/* Latency histogram, log-linear: values below 64 us are exact; above, 64 sub-buckets per power of
 * two (about 1.5 % resolution) up to 2^40 us. Cheap to record (a clz and a shift). */
#define HIST_SUB_BITS 6
#define HIST_SUB (1u << HIST_SUB_BITS)
#define HIST_EXP 40
#define HIST_BUCKETS (HIST_SUB * (HIST_EXP + 1))

typedef struct
{
    uint64_t counts[HIST_BUCKETS];
    uint64_t total;
    uint64_t max;
} histogram;

static inline unsigned hist_index(uint64_t v)
{
    if (v < HIST_SUB)
        return (unsigned)v;
    unsigned msb = 63u - (unsigned)__builtin_clzll(v); /* >= HIST_SUB_BITS */
    unsigned exp = msb - HIST_SUB_BITS + 1;
    if (exp > HIST_EXP)
        return HIST_BUCKETS - 1;
    unsigned sub = (unsigned)(v >> (msb - HIST_SUB_BITS + 1)) & (HIST_SUB - 1);
    return exp * HIST_SUB + sub;
}

/* Upper edge of a bucket, so percentiles never flatter. */
static inline uint64_t hist_value(unsigned idx)
{
    unsigned exp = idx / HIST_SUB, sub = idx % HIST_SUB;
    if (exp == 0)
        return sub;
    uint64_t base = (uint64_t)(HIST_SUB | sub) << (exp - 1);
    return base + ((uint64_t)1 << (exp - 1)) - 1;
}

static inline void hist_record(histogram *h, uint64_t v)
{
    h->counts[hist_index(v)]++;
    h->total++;
    if (v > h->max)
        h->max = v;
}

static inline uint64_t hist_percentile(const histogram *h, double pct)
{
    if (h->total == 0)
        return 0;
    uint64_t want = (uint64_t)((double)h->total * pct / 100.0);
    if (want >= h->total)
        want = h->total - 1;
    uint64_t seen = 0;
    for (unsigned i = 0; i < HIST_BUCKETS; i++) {
        seen += h->counts[i];
        if (seen > want)
            return hist_value(i) < h->max ? hist_value(i) : h->max;
    }
    return h->max;
}

#endif
