/* fanout_floor: the raw epoll floor. A tiny single-threaded C server that accepts the Sender's
 * WebSocket handshake (GET /.../ws?<query> with Luna-Account-Id), subscribes to Redis
 * (PSUBSCRIBE luna-sender:*), and writes each message it gets, wrapped in one pre-encoded text
 * frame header, to every socket of that account. It does the Sender's job minus the JSON work:
 *   - connections are grouped by (account, query); the only query it understands is
 *     sources=<one source>, checked once per event and group with a memmem for "source":"<x>"
 *     (the ideal "index by filter" cost; an empty query takes every event);
 *   - batching per wake-up: every message read from Redis in one wake-up is framed into one
 *     buffer per group, and each socket gets that buffer in one send();
 *   - a socket that cannot take it all keeps the rest in its own bounded queue (EPOLLOUT), and is
 *     closed when the queue passes --queue-bytes (the Sender's slow-consumer rule);
 *   - with --ping-interval S, the Sender's keepalive (the contract pings every 20 s): each
 *     subscriber is pinged a random half to whole interval after its upgrade, then every S seconds,
 *     from a wheel of 100 ms slots, and its pongs are read (and ignored, as every client frame).
 * The published payload is already the client frame's JSON (fanout_pub --mode frame), so the bytes
 * on the wire are the same size as the Sender's. With --reuse-port it listens with SO_REUSEPORT, as
 * luna-sender does with SERVER.REUSE_PORT, so that several floors share one port (scale.sh runs as
 * many as the file limit needs, the same way as it runs luna-sender). */
#define _GNU_SOURCE
#include "bench_common.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

/* ---- SHA-1 and base64, for Sec-WebSocket-Accept only ---- */
static uint32_t rol(uint32_t v, int s)
{
    return (v << s) | (v >> (32 - s));
}

static void sha1(const uint8_t *msg, size_t len, uint8_t out[20])
{
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    size_t total = ((len + 8) / 64 + 1) * 64;
    uint8_t *m = calloc(total, 1);
    memcpy(m, msg, len);
    m[len] = 0x80;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++)
        m[total - 1 - i] = (uint8_t)(bits >> (8 * i));
    for (size_t off = 0; off < total; off += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)m[off + 4 * i] << 24 | (uint32_t)m[off + 4 * i + 1] << 16
                | (uint32_t)m[off + 4 * i + 2] << 8 | m[off + 4 * i + 3];
        for (int i = 16; i < 80; i++)
            w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) {
            uint32_t f, k;
            if (i < 20)
                f = (b & c) | (~b & d), k = 0x5A827999;
            else if (i < 40)
                f = b ^ c ^ d, k = 0x6ED9EBA1;
            else if (i < 60)
                f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
            else
                f = b ^ c ^ d, k = 0xCA62C1D6;
            uint32_t t = rol(a, 5) + f + e + k + w[i];
            e = d, d = c, c = rol(b, 30), b = a, a = t;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
    }
    free(m);
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 4; j++)
            out[4 * i + j] = (uint8_t)(h[i] >> (24 - 8 * j));
}

static void base64(const uint8_t *in, size_t n, char *out)
{
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0)
            | (i + 2 < n ? in[i + 2] : 0);
        out[o++] = tbl[(v >> 18) & 63];
        out[o++] = tbl[(v >> 12) & 63];
        out[o++] = i + 1 < n ? tbl[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? tbl[v & 63] : '=';
    }
    out[o] = 0;
}

/* ---- growable byte buffer ---- */
typedef struct
{
    char *p;
    size_t len, cap, off; /* off: bytes already consumed from the front */
} buf_t;

static void buf_append(buf_t *b, const void *d, size_t n)
{
    if (b->len + n > b->cap) {
        if (b->off) {
            memmove(b->p, b->p + b->off, b->len - b->off);
            b->len -= b->off;
            b->off = 0;
        }
        if (b->len + n > b->cap) {
            size_t nc = b->cap ? b->cap : 4096;
            while (nc < b->len + n)
                nc *= 2;
            b->p = realloc(b->p, nc);
            if (!b->p)
                die("realloc");
            b->cap = nc;
        }
    }
    memcpy(b->p + b->len, d, n);
    b->len += n;
}

static void buf_free(buf_t *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* ---- connections and groups ---- */
enum { K_LISTEN = 0, K_REDIS = 1, K_SIGNAL = 2, K_CONN = 3 };

typedef struct group group;
typedef struct
{
    int fd;
    bool open; /* upgraded */
    bool want_out; /* EPOLLOUT armed */
    group *g;
    int slot; /* index in g->members */
    buf_t in; /* handshake bytes */
    buf_t out; /* unsent bytes */
    int wslot, widx; /* its place in the ping wheel; wslot -1: not in it */
} conn;

struct group
{
    char account[64];
    char source[64]; /* empty: every event */
    conn **members;
    int count, cap;
    buf_t batch; /* frames for this wake-up */
    group *next;
};

static group *groups;
static int epfd, redis_fd;
static size_t queue_limit = 4u << 20;
static uint64_t events_in, deliveries, slow_closed, bad_handshakes, accepted;
static uint64_t send_calls, pings_sent;

/* ---- the ping wheel: slot k holds the connections pinged at the k-th 100 ms tick (mod) ---- */
enum { TICK_MS = 100 };
typedef struct
{
    conn **items;
    int count, cap;
} wslot_t;
static wslot_t *wheel;
static int wheel_slots, ping_ticks; /* ping_ticks: the interval in ticks; 0: no pings */
static int64_t last_tick; /* the last tick processed */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int64_t tick_now(void)
{
    return now_ns() / (TICK_MS * 1000000LL);
}

static void wheel_add(conn *c, int64_t tick)
{
    wslot_t *w = &wheel[tick % wheel_slots];
    if (w->count == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->items = realloc(w->items, (size_t)w->cap * sizeof *w->items);
    }
    c->wslot = (int)(tick % wheel_slots);
    c->widx = w->count;
    w->items[w->count++] = c;
}

static void wheel_remove(conn *c)
{
    if (c->wslot < 0)
        return;
    wslot_t *w = &wheel[c->wslot];
    w->items[c->widx] = w->items[--w->count];
    w->items[c->widx]->widx = c->widx;
    c->wslot = -1;
}

static group *group_for(const char *account, const char *source)
{
    for (group *g = groups; g; g = g->next)
        if (!strcmp(g->account, account) && !strcmp(g->source, source))
            return g;
    group *g = calloc(1, sizeof *g);
    snprintf(g->account, sizeof g->account, "%s", account);
    snprintf(g->source, sizeof g->source, "%s", source);
    g->next = groups;
    groups = g;
    return g;
}

static void conn_close(conn *c)
{
    wheel_remove(c);
    if (c->g) {
        group *g = c->g;
        g->members[c->slot] = g->members[--g->count];
        g->members[c->slot]->slot = c->slot;
    }
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    buf_free(&c->in);
    buf_free(&c->out);
    free(c);
}

static void set_out(conn *c, bool want)
{
    if (c->want_out == want)
        return;
    c->want_out = want;
    struct epoll_event ev = {.events = EPOLLIN | (want ? EPOLLOUT : 0), .data.ptr = c};
    epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Writes what the connection has queued; returns false when it had to be closed. */
static bool flush_out(conn *c)
{
    while (c->out.len > c->out.off) {
        ssize_t w = send(c->fd, c->out.p + c->out.off, c->out.len - c->out.off, MSG_NOSIGNAL);
        send_calls++;
        if (w < 0) {
            if (errno == EAGAIN) {
                set_out(c, true);
                return true;
            }
            conn_close(c);
            return false;
        }
        c->out.off += (size_t)w;
    }
    c->out.len = c->out.off = 0;
    set_out(c, false);
    return true;
}

/* Sends a shared buffer; a connection that already has a backlog appends to it. */
static void deliver(conn *c, const char *p, size_t n)
{
    if (c->out.len > c->out.off) {
        if (c->out.len - c->out.off + n > queue_limit) {
            slow_closed++;
            conn_close(c);
            return;
        }
        buf_append(&c->out, p, n);
        return;
    }
    ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);
    send_calls++;
    if (w < 0) {
        if (errno != EAGAIN) {
            conn_close(c);
            return;
        }
        w = 0;
    }
    if ((size_t)w < n) {
        buf_append(&c->out, p + w, n - (size_t)w);
        set_out(c, true);
    }
}

/* Pings the connections whose tick has come, up to now; each goes back into the wheel one
 * interval on. Returns the milliseconds until the next tick (the epoll_wait timeout). */
static int run_pings(void)
{
    if (ping_ticks == 0)
        return -1;
    static const char ping[2] = {(char)0x89, 0};
    const int64_t now = tick_now();
    for (; last_tick < now; last_tick++) {
        wslot_t *w = &wheel[(last_tick + 1) % wheel_slots];
        conn **due = w->items;
        int n = w->count;
        w->items = NULL;
        w->count = w->cap = 0;
        for (int i = 0; i < n; i++)
            wheel_add(due[i], last_tick + 1 + ping_ticks);
        for (int i = 0; i < n; i++) {
            pings_sent++;
            deliver(due[i], ping, sizeof ping); /* may close it, which takes it off the wheel */
        }
        free(due);
    }
    const int64_t next_ms = (now + 1) * TICK_MS;
    const int64_t wait = next_ms - now_ns() / 1000000LL;
    return wait < 1 ? 1 : (int)wait;
}

static const char *header_value(const char *head, const char *name, size_t *len)
{
    size_t nl = strlen(name);
    for (const char *l = strstr(head, "\r\n"); l; l = strstr(l, "\r\n")) {
        l += 2;
        if (!strncasecmp(l, name, nl) && l[nl] == ':') {
            const char *v = l + nl + 1;
            while (*v == ' ')
                v++;
            *len = strcspn(v, "\r\n");
            return v;
        }
    }
    return NULL;
}

static void reject(conn *c, const char *status)
{
    char r[256];
    int n = snprintf(r, sizeof r, "HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                     status);
    ssize_t w = send(c->fd, r, (size_t)n, MSG_NOSIGNAL);
    (void)w;
    bad_handshakes++;
    conn_close(c);
}

static void on_handshake(conn *c)
{
    char tmp[65536];
    ssize_t r = recv(c->fd, tmp, sizeof tmp, 0);
    if (r <= 0) {
        if (r < 0 && errno == EAGAIN)
            return;
        conn_close(c);
        return;
    }
    buf_append(&c->in, tmp, (size_t)r);
    buf_append(&c->in, "", 1);
    c->in.len--;
    char *head = c->in.p;
    if (!strstr(head, "\r\n\r\n")) {
        if (c->in.len > 16384)
            reject(c, "431 Request Header Fields Too Large");
        return;
    }
    if (strncmp(head, "GET ", 4) != 0) {
        reject(c, "405 Method Not Allowed");
        return;
    }
    size_t klen, alen;
    const char *key = header_value(head, "Sec-WebSocket-Key", &klen);
    const char *acc = header_value(head, "Luna-Account-Id", &alen);
    if (!key || klen > 60) {
        reject(c, "400 Bad Request");
        return;
    }
    if (!acc || alen == 0 || alen >= 64) {
        reject(c, "403 Forbidden");
        return;
    }
    char account[64], source[64] = "";
    memcpy(account, acc, alen);
    account[alen] = 0;
    const char *uri_end = strchr(head + 4, ' ');
    const char *q = memchr(head + 4, '?', (size_t)(uri_end - head - 4));
    if (q && q + 1 < uri_end) {
        size_t ql = (size_t)(uri_end - q - 1);
        if (ql < 8 + 1 || strncmp(q + 1, "sources=", 8) != 0 || ql - 8 >= sizeof source
            || memchr(q + 9, ',', ql - 8) || memchr(q + 9, '&', ql - 8)) {
            reject(c, "400 Bad Request");
            return;
        }
        memcpy(source, q + 9, ql - 8);
        source[ql - 8] = 0;
    }
    char src[128], accept[32];
    uint8_t digest[20];
    int sl = snprintf(src, sizeof src, "%.*s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", (int)klen, key);
    sha1((const uint8_t *)src, (size_t)sl, digest);
    base64(digest, 20, accept);
    char resp[256];
    int n =
        snprintf(resp, sizeof resp,
                 "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Accept: %s\r\n\r\n",
                 accept);
    buf_free(&c->in);
    c->open = true;
    group *g = group_for(account, source);
    if (g->count == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->members = realloc(g->members, (size_t)g->cap * sizeof *g->members);
    }
    c->g = g;
    c->slot = g->count;
    g->members[g->count++] = c;
    if (ping_ticks > 0) /* first ping a random half to whole interval on, as the Sender's */
        wheel_add(c, tick_now() + ping_ticks - (int64_t)(rng() % (uint64_t)(ping_ticks / 2 + 1)));
    deliver(c, resp, (size_t)n);
}

/* Client frames are read and ignored (the stream is server to client); EOF closes. */
static void on_client_data(conn *c)
{
    char tmp[4096];
    ssize_t r = recv(c->fd, tmp, sizeof tmp, 0);
    if (r == 0 || (r < 0 && errno != EAGAIN))
        conn_close(c);
}

/* ---- Redis: minimal RESP reader for push messages ---- */
static buf_t rin;

/* Parses one RESP bulk string at p; returns the position after it, or NULL if incomplete. */
static const char *resp_bulk(const char *p, const char *end, const char **s, size_t *n)
{
    if (p >= end)
        return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
        return NULL;
    if (*p != '$') {
        /* integers/statuses inside subscribe confirmations */
        *s = p + 1;
        *n = (size_t)(nl - 1 - p - 1);
        return nl + 1;
    }
    long len = strtol(p + 1, NULL, 10);
    if (len < 0) {
        *s = NULL;
        *n = 0;
        return nl + 1;
    }
    if (end - (nl + 1) < len + 2)
        return NULL;
    *s = nl + 1;
    *n = (size_t)len;
    return nl + 1 + len + 2;
}

static void on_event(const char *channel, size_t cl, const char *payload, size_t pl)
{
    static const char prefix[] = "luna-sender:";
    if (cl <= sizeof prefix - 1 || memcmp(channel, prefix, sizeof prefix - 1) != 0)
        return;
    const char *acc = channel + sizeof prefix - 1;
    size_t al = cl - (sizeof prefix - 1);
    events_in++;
    /* the event's source, found once for all groups */
    const char *src = NULL;
    size_t srcl = 0;
    const char *s = memmem(payload, pl, "\"source\":\"", 10);
    if (s) {
        src = s + 10;
        const char *e = memchr(src, '"', (size_t)(payload + pl - src));
        srcl = e ? (size_t)(e - src) : 0;
    }
    uint8_t hdr[10];
    size_t hl;
    hdr[0] = 0x81;
    if (pl < 126) {
        hdr[1] = (uint8_t)pl;
        hl = 2;
    } else if (pl < 65536) {
        hdr[1] = 126;
        hdr[2] = (uint8_t)(pl >> 8);
        hdr[3] = (uint8_t)pl;
        hl = 4;
    } else {
        hdr[1] = 127;
        for (int i = 0; i < 8; i++)
            hdr[2 + i] = (uint8_t)((uint64_t)pl >> (56 - 8 * i));
        hl = 10;
    }
    for (group *g = groups; g; g = g->next) {
        if (g->count == 0 || strlen(g->account) != al || memcmp(g->account, acc, al) != 0)
            continue;
        if (g->source[0] && (!src || strlen(g->source) != srcl || memcmp(g->source, src, srcl)))
            continue;
        buf_append(&g->batch, hdr, hl);
        buf_append(&g->batch, payload, pl);
        deliveries += (uint64_t)g->count;
    }
}

static void on_redis(void)
{
    char tmp[1 << 18];
    for (;;) {
        ssize_t r = recv(redis_fd, tmp, sizeof tmp, MSG_DONTWAIT);
        if (r == 0) {
            fprintf(stderr, "fanout_floor: redis closed the connection\n");
            exit(3);
        }
        if (r < 0) {
            if (errno == EAGAIN)
                break;
            die("redis recv");
        }
        buf_append(&rin, tmp, (size_t)r);
        if ((size_t)r < sizeof tmp)
            break;
    }
    const char *p = rin.p + rin.off, *end = rin.p + rin.len;
    for (;;) {
        if (p >= end || *p != '*')
            break;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        long n = strtol(p + 1, NULL, 10);
        const char *q = nl + 1;
        const char *s[4] = {0};
        size_t sl[4] = {0};
        bool complete = true;
        for (long i = 0; i < n; i++) {
            const char *v;
            size_t vl;
            q = resp_bulk(q, end, &v, &vl);
            if (!q) {
                complete = false;
                break;
            }
            if (i < 4)
                s[i] = v, sl[i] = vl;
        }
        if (!complete)
            break;
        if (n == 4 && sl[0] == 8 && !memcmp(s[0], "pmessage", 8))
            on_event(s[2], sl[2], s[3], sl[3]);
        p = q;
    }
    rin.off = (size_t)(p - rin.p);
    if (rin.off == rin.len)
        rin.off = rin.len = 0;
    /* one send per socket per wake-up, with everything this wake-up brought */
    for (group *g = groups; g; g = g->next) {
        if (g->batch.len == 0)
            continue;
        for (int i = g->count - 1; i >= 0; i--)
            deliver(g->members[i], g->batch.p, g->batch.len);
        g->batch.len = g->batch.off = 0;
    }
}

int main(int argc, char **argv)
{
    int port = 0, redis_port = 0, ping_s = 0;
    bool reuse_port = false;
    static const struct option longopts[] = {
        {"port", 1, 0, 'p'},       {"redis-port", 1, 0, 'r'},    {"queue-bytes", 1, 0, 'q'},
        {"reuse-port", 0, 0, 'u'}, {"ping-interval", 1, 0, 'i'}, {0, 0, 0, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (ch) {
        case 'p':
            port = atoi(optarg);
            break;
        case 'r':
            redis_port = atoi(optarg);
            break;
        case 'q':
            queue_limit = (size_t)atoll(optarg);
            break;
        case 'u':
            reuse_port = true;
            break;
        case 'i':
            ping_s = atoi(optarg);
            break;
        default:
            fprintf(stderr,
                    "usage: fanout_floor --port P --redis-port R [--queue-bytes B] [--reuse-port] "
                    "[--ping-interval S]\n");
            return 2;
        }
    }
    if (port <= 0 || redis_port <= 0 || ping_s < 0) {
        fprintf(stderr,
                "usage: fanout_floor --port P --redis-port R [--queue-bytes B] [--reuse-port] "
                "[--ping-interval S]\n");
        return 2;
    }
    raise_nofile();
    if (ping_s > 0) {
        ping_ticks = ping_s * (1000 / TICK_MS);
        wheel_slots = ping_ticks + 1;
        wheel = calloc((size_t)wheel_slots, sizeof *wheel);
        last_tick = tick_now();
        rng_state ^= (uint64_t)getpid() * 0x100000001B3ull;
    }
    epfd = epoll_create1(EPOLL_CLOEXEC);

    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (reuse_port && setsockopt(lfd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0)
        die("SO_REUSEPORT");
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0)
        die("bind");
    if (listen(lfd, 4096) < 0)
        die("listen");
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = K_LISTEN};
    epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &ev);

    redis_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sa.sin_port = htons((uint16_t)redis_port);
    if (connect(redis_fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        die("connect redis");
    static const char sub[] = "*2\r\n$10\r\nPSUBSCRIBE\r\n$13\r\nluna-sender:*\r\n";
    if (send(redis_fd, sub, sizeof sub - 1, 0) != (ssize_t)(sizeof sub - 1))
        die("send redis");
    ev.data.u64 = K_REDIS;
    epoll_ctl(epfd, EPOLL_CTL_ADD, redis_fd, &ev);

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
    ev.data.u64 = K_SIGNAL;
    epoll_ctl(epfd, EPOLL_CTL_ADD, sfd, &ev);

    struct epoll_event events[1024];
    for (bool stop = false; !stop;) {
        int n = epoll_wait(epfd, events, 1024, run_pings());
        if (n < 0 && errno != EINTR)
            die("epoll_wait");
        bool redis_ready = false;
        for (int i = 0; i < n; i++) {
            uint64_t k = events[i].data.u64;
            if (k == K_LISTEN) {
                for (;;) {
                    int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (fd < 0)
                        break;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    conn *c = calloc(1, sizeof *c);
                    c->fd = fd;
                    c->wslot = -1;
                    accepted++;
                    struct epoll_event cev = {.events = EPOLLIN, .data.ptr = c};
                    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &cev);
                }
            } else if (k == K_REDIS) {
                redis_ready = true; /* after the client events of this wake-up */
            } else if (k == K_SIGNAL) {
                stop = true;
            } else {
                conn *c = events[i].data.ptr;
                if ((events[i].events & EPOLLOUT) && c->open && !flush_out(c))
                    continue;
                if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                    if (c->open)
                        on_client_data(c);
                    else
                        on_handshake(c);
                }
            }
        }
        if (redis_ready)
            on_redis();
    }
    fprintf(stderr,
            "fanout_floor: accepted=%llu bad_handshakes=%llu events_in=%llu deliveries=%llu "
            "send_calls=%llu slow_closed=%llu pings=%llu\n",
            (unsigned long long)accepted, (unsigned long long)bad_handshakes,
            (unsigned long long)events_in, (unsigned long long)deliveries,
            (unsigned long long)send_calls, (unsigned long long)slow_closed,
            (unsigned long long)pings_sent);
    return 0;
}
