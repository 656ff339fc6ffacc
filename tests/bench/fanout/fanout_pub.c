/* fanout_pub: publishes realistic ~1.5 KB face events at a fixed rate R for D seconds.
 *
 * Every event carries "meta":{"bench_seq":S,"bench_ts":T} as its first key (T = CLOCK_MONOTONIC ns
 * taken just before the write that sends it), and "source":"cam-<S mod K>", so a subscriber with
 * ?sources=cam-1 should see exactly the events with S mod K == 1 (one in K).
 *
 * Modes:
 *   luna   Redis PUBLISH luna-sender:<account> of the handler's message
 *          {"handler_id","Luna-Request-Id","events":[event],"event_create_time","event_end_time"}
 *   frame  Redis PUBLISH luna-sender:<account> of the client frame the Sender would build
 *          ({"event":event,"handler_id",...}): what the floor server writes as is
 *   nchan  HTTP POST /pub/<account> of that same client frame, pipelined on one keep-alive
 *          connection (nchan delivers the body as is)
 *
 * Pacing: event k is due at t0 + k/R; the loop sends everything that is due in one write
 * (pipelined), then sleeps until the next due time (clock_nanosleep, absolute). Replies are read
 * without blocking and counted. The report goes to stdout as key=value lines. */
#define _GNU_SOURCE
#include "bench_common.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <unistd.h>

enum mode { M_LUNA, M_FRAME, M_NCHAN };

static struct
{
    enum mode mode;
    const char *host;
    int port;
    const char *account;
    double rate;
    double duration;
    int sources;
    int batch_max;
} opt = {M_LUNA, "127.0.0.1", 0, "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a", 100, 10, 10, 256};

static const char kHandler[] = "8950722f-3fd4-4223-b48f-03f95f0e8dfb";
static const char kRequest[] = "1709277342,6f1b7a8e-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
static const char kCreate[] = "2024-03-01T10:15:42.123456+03:00";
static const char kEnd[] = "2024-03-01T10:15:42.345678+03:00";

#define MAX_SOURCES 64
static char *bodies[MAX_SOURCES]; /* the event after its first two keys, one per source */
static size_t body_len[MAX_SOURCES];

/* The rest of a face event, modelled on the vendor's example message: face attributes
 * (age/gender/ethnicity), a match with a label and candidates, location, tags, one detection with
 * liveness/mask/emotions, and the aggregate estimations. Values vary with the source. */
static void build_bodies(void)
{
    static const char *eth[] = {"caucasian", "asian", "african_american", "indian"};
    static const char *labels[] = {"staff", "vip", "blacklist", "visitors", "contractors"};
    static const char *emo[] = {"happiness", "neutral", "surprise", "sadness", "anger"};
    static const char *masks[] = {"missing", "medical_mask", "occluded"};
    static const char *live[] = {"real", "spoof", "real", "unknown"};
    char tmp[4096];
    for (int k = 0; k < opt.sources; k++) {
        // clang-format off
        int n = snprintf(
            tmp, sizeof tmp,
            "\"source\":\"cam-%d\",\"tags\":[\"entrance\",\"floor-%d\"],"
            "\"face_attributes\":{\"basic_attributes\":{\"age\":%d,\"gender\":%d,\"ethnicities\":{"
            "\"estimations\":{\"african_american\":1.9e-12,\"asian\":0.0312,\"caucasian\":0.9687,"
            "\"indian\":0.0001},\"predominant_ethnicity\":\"%s\"}},\"score\":0.9731,"
            "\"samples\":[\"b668c4a5-2191-476e-a261-3b4f9ce2e25e\"]},"
            "\"matches\":[{\"label\":\"%s\",\"candidates\":[{\"face\":{\"face_id\":"
            "\"426542d6-5509-4e5b-8a01-e2abd5c0a8c6\",\"user_data\":\"Ivan P.\",\"lists\":["
            "\"429b0e78-4616-426a-b57f-02baa72d638d\"]},\"similarity\":0.%02d}]}],"
            "\"user_data\":\"entrance %d, floor 1\",\"location\":{\"city\":\"Moscow\",\"area\":\"CAO\","
            "\"district\":\"Tverskoy\",\"street\":\"Tverskaya\",\"house_number\":\"%d\","
            "\"geo_position\":{\"longitude\":37.61%02d,\"latitude\":55.75%02d}},"
            "\"detections\":[{\"filename\":\"frame-%06d.jpg\",\"samples\":{\"face\":{\"sample_id\":"
            "\"b668c4a5-2191-476e-a261-3b4f9ce2e25e\",\"detection\":{"
            "\"attributes\":{\"liveness\":{\"prediction\":\"%s\","
            "\"estimations\":{\"score\":0.9811,\"quality\":0.9123}},\"mask\":{\"predominant_mask\":"
            "\"%s\"},\"emotions\":{\"predominant_emotion\":\"%s\"}}}}},\"detect_ts\":1709277342.123}],"
            "\"aggregate_estimations\":{\"face\":{\"attributes\":{\"liveness\":{\"prediction\":\"%s\","
            "\"estimations\":{\"score\":0.9811,\"quality\":0.9123}}}}},"
            "\"track_id\":\"track-%d\"}",
            k, k % 3 + 1, 18 + (k * 7) % 60, k % 2, eth[k % 4], labels[k % 5], 50 + (k * 9) % 50, k,
            k + 1, k, k, 100 + k, live[k % 4], masks[k % 3], emo[k % 5], live[k % 4], 4700 + k);
        // clang-format on
        if (n <= 0 || (size_t)n >= sizeof tmp)
            die("event template");
        bodies[k] = strdup(tmp);
        body_len[k] = (size_t)n;
    }
}

/* Appends the payload of event seq (stamped ts) to out; returns its length. */
static size_t build_payload(char *out, uint64_t seq, int64_t ts)
{
    int k = (int)(seq % (uint64_t)opt.sources);
    char *p = out;
    if (opt.mode == M_LUNA)
        p += sprintf(p, "{\"handler_id\":\"%s\",\"Luna-Request-Id\":\"%s\",\"events\":[", kHandler,
                     kRequest);
    else
        p += sprintf(p, "{\"event\":");
    p += sprintf(p,
                 "{\"meta\":{\"bench_seq\":%llu,\"bench_ts\":%lld},\"event_id\":"
                 "\"6a2ff0f4-3b6c-4f0e-9f57-%012llx\",",
                 (unsigned long long)seq, (long long)ts, (unsigned long long)seq);
    memcpy(p, bodies[k], body_len[k]);
    p += body_len[k];
    if (opt.mode == M_LUNA)
        p += sprintf(p, "],\"event_create_time\":\"%s\",\"event_end_time\":\"%s\"}", kCreate, kEnd);
    else
        p +=
            sprintf(p,
                    ",\"handler_id\":\"%s\",\"event-create-time\":\"%s\",\"event-end-time\":\"%s\","
                    "\"Luna-Request-id\":\"%s\"}",
                    kHandler, kCreate, kEnd, kRequest);
    return (size_t)(p - out);
}

static char payload[8192];

static size_t append_request(char *out, uint64_t seq, int64_t ts)
{
    size_t n = build_payload(payload, seq, ts);
    if (opt.mode == M_NCHAN)
        return (size_t)sprintf(out,
                               "POST /pub/%s HTTP/1.1\r\nHost: localhost\r\n"
                               "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%.*s",
                               opt.account, n, (int)n, payload);
    char channel[128];
    int cl = snprintf(channel, sizeof channel, "luna-sender:%s", opt.account);
    return (size_t)sprintf(out, "*3\r\n$7\r\nPUBLISH\r\n$%d\r\n%s\r\n$%zu\r\n%.*s\r\n", cl, channel,
                           n, (int)n, payload);
}

/* Reply accounting. Redis answers ":<receivers>\r\n"; nginx/nchan answers an HTTP response
 * (201 Created when subscribers got it, 202 Accepted when nobody listened). */
static uint64_t replies, unheard, bad_replies;
static char rbuf[1 << 16];
static size_t rlen;

static void consume_replies(void)
{
    size_t pos = 0;
    for (;;) {
        char *start = rbuf + pos, *end = rbuf + rlen;
        if (opt.mode != M_NCHAN) {
            char *nl = memchr(start, '\n', (size_t)(end - start));
            if (!nl)
                break;
            if (*start == ':') {
                replies++;
                if (start[1] == '0')
                    unheard++;
            } else {
                bad_replies++;
                if (bad_replies < 3)
                    fprintf(stderr, "fanout_pub: redis said %.*s\n", (int)(nl - start), start);
            }
            pos = (size_t)(nl + 1 - rbuf);
        } else {
            char *he = memmem(start, (size_t)(end - start), "\r\n\r\n", 4);
            if (!he)
                break;
            size_t clen = 0;
            char *cl = memmem(start, (size_t)(he - start), "Content-Length:", 15);
            if (!cl)
                cl = memmem(start, (size_t)(he - start), "content-length:", 15);
            if (cl)
                clen = strtoul(cl + 15, NULL, 10);
            if ((size_t)(end - (he + 4)) < clen)
                break;
            int status = (end - start > 12) ? atoi(start + 9) : 0;
            if (status == 201 || status == 202) {
                replies++;
                if (status == 202)
                    unheard++;
            } else {
                bad_replies++;
                if (bad_replies < 3)
                    fprintf(stderr, "fanout_pub: nchan said %.*s\n", (int)strcspn(start, "\r\n"),
                            start);
            }
            pos = (size_t)(he + 4 + clen - rbuf);
        }
    }
    memmove(rbuf, rbuf + pos, rlen - pos);
    rlen -= pos;
}

static void read_replies(int fd, bool block)
{
    for (;;) {
        if (rlen == sizeof rbuf)
            die("reply too large");
        ssize_t r = recv(fd, rbuf + rlen, sizeof rbuf - rlen, block ? 0 : MSG_DONTWAIT);
        if (r < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        if (r <= 0) {
            fprintf(stderr, "fanout_pub: server closed the connection\n");
            exit(3);
        }
        rlen += (size_t)r;
        consume_replies();
        if (block)
            return;
    }
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
            read_replies(fd, false); /* keep the server from blocking on us while we wait */
            /* Until the socket takes more or a reply arrives (no fixed sleep). */
            struct pollfd waitfor = {.fd = fd, .events = POLLOUT | POLLIN};
            if (poll(&waitfor, 1, 1000) < 0 && errno != EINTR)
                die("poll");
            continue;
        }
        if (w < 0)
            die("send");
        p += w;
        n -= (size_t)w;
    }
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"mode", 1, 0, 'm'},    {"host", 1, 0, 'h'},         {"port", 1, 0, 'p'},
        {"account", 1, 0, 'a'}, {"rate", 1, 0, 'r'},         {"duration", 1, 0, 'd'},
        {"sources", 1, 0, 's'}, {"print-sample", 0, 0, 'S'}, {0, 0, 0, 0}};
    int ch;
    bool sample = false;
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (ch) {
        case 'm':
            opt.mode = !strcmp(optarg, "luna") ? M_LUNA
                : !strcmp(optarg, "frame")     ? M_FRAME
                : !strcmp(optarg, "nchan")     ? M_NCHAN
                                               : (enum mode) - 1;
            if ((int)opt.mode < 0) {
                fprintf(stderr, "mode: luna, frame or nchan\n");
                return 2;
            }
            break;
        case 'h':
            opt.host = optarg;
            break;
        case 'p':
            opt.port = atoi(optarg);
            break;
        case 'a':
            opt.account = optarg;
            break;
        case 'r':
            opt.rate = atof(optarg);
            break;
        case 'd':
            opt.duration = atof(optarg);
            break;
        case 's':
            opt.sources = atoi(optarg);
            break;
        case 'S':
            sample = true;
            break;
        default:
            fprintf(stderr,
                    "usage: fanout_pub --mode luna|frame|nchan --port P [--host H] "
                    "[--account UUID] [--rate R] [--duration S] [--sources K] [--print-sample]\n");
            return 2;
        }
    }
    if (opt.sources < 1 || opt.sources > MAX_SOURCES || opt.rate <= 0 || strlen(opt.account) > 64) {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    build_bodies();
    if (sample) {
        size_t n = build_payload(payload, 123456, now_ns());
        fwrite(payload, 1, n, stdout);
        putchar('\n');
        return 0;
    }
    if (opt.port <= 0) {
        fprintf(stderr, "--port is required\n");
        return 2;
    }

    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)opt.port)};
    inet_pton(AF_INET, opt.host, &sa.sin_addr);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        die("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    const uint64_t total = (uint64_t)(opt.rate * opt.duration + 0.5);
    const double interval_ns = 1e9 / opt.rate;
    size_t cap = (size_t)opt.batch_max * 8192;
    char *out = malloc(cap);
    uint64_t sent = 0, writes = 0, payload_bytes = 0;
    int64_t max_lag = 0;
    int64_t t0 = now_ns() + 1000000; /* first event 1 ms from now */
    while (sent < total) {
        int64_t t = now_ns();
        uint64_t due = t < t0 ? 0 : (uint64_t)((double)(t - t0) / interval_ns) + 1;
        if (due > total)
            due = total;
        if (due <= sent) {
            int64_t next = t0 + (int64_t)((double)sent * interval_ns);
            struct timespec ts = {.tv_sec = next / 1000000000LL, .tv_nsec = next % 1000000000LL};
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
            continue;
        }
        int64_t lag = t - (t0 + (int64_t)((double)sent * interval_ns));
        if (lag > max_lag)
            max_lag = lag;
        size_t len = 0;
        int64_t stamp = now_ns();
        while (sent < due && len + 8192 <= cap) {
            size_t n = append_request(out + len, sent, stamp);
            len += n;
            payload_bytes += n;
            sent++;
        }
        write_all(fd, out, len);
        writes++;
        read_replies(fd, false);
    }
    int64_t t_end = now_ns();
    /* collect the remaining replies so the counts are complete */
    int64_t deadline = now_ns() + 5000000000LL;
    struct timeval tv = {.tv_sec = 0, .tv_usec = 200000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (replies + bad_replies < sent && now_ns() < deadline)
        read_replies(fd, true);

    uint64_t matching = 0; /* events a ?sources=cam-1 subscriber should get */
    for (uint64_t s = 1 % (uint64_t)opt.sources; s < sent; s += (uint64_t)opt.sources)
        matching++;
    double elapsed = (double)(t_end - t0) / 1e9;
    printf("published=%llu\nmatching_cam1=%llu\nelapsed_s=%.3f\nrate_achieved=%.1f\n",
           (unsigned long long)sent, (unsigned long long)matching, elapsed,
           elapsed > 0 ? (double)sent / elapsed : 0.0);
    printf("writes=%llu\nmax_lag_ms=%.2f\nreplies=%llu\nunheard=%llu\nbad_replies=%llu\n",
           (unsigned long long)writes, (double)max_lag / 1e6, (unsigned long long)replies,
           (unsigned long long)unheard, (unsigned long long)bad_replies);
    printf("avg_request_bytes=%.0f\n", sent ? (double)payload_bytes / (double)sent : 0.0);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("cpu_s=%.3f\n",
           (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
               + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
    close(fd);
    return 0;
}
