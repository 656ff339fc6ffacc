/* fanout_sub: N WebSocket subscribers in one process, one thread, one epoll set.
 *
 * Each connection sends an HTTP/1.1 upgrade (with Luna-Account-Id, and the given path + query),
 * then parses the server's frames. For every data message it reads the publisher's stamp
 * ("bench_seq":S,"bench_ts":T, placed in the event's "meta" object near the start of the frame, so
 * a scan of the first bytes finds it), records publish-to-receive latency (CLOCK_MONOTONIC, shared
 * by every process on the machine), counts deliveries and sequence gaps per connection, and answers
 * pings with pongs. The payload past the stamp is never copied.
 *
 * Scale options: --bind-from A --bind-count K binds connection i to the source address A + (i mod
 * K) (IP_BIND_ADDRESS_NO_PORT, so the port is picked at connect and every address has its own range
 * of ephemeral ports: 100 000 connections to one server port need several addresses on loopback);
 * --vary M replaces "%d" in --path with i mod M, so the server sees M distinct filters;
 * --index-base B numbers this process's connections from B (i = B + k), so that several processes
 * sharing one N (scale.sh with more connections than one process may hold) spread over the
 * addresses and filters exactly as one process would.
 *
 * Control: writes "ready" to --ready-file once all N are upgraded; SIGUSR1 = the publisher is done,
 * exit once no data message arrived for --idle-ms (or --drain-max-ms passed); SIGTERM/SIGINT = exit
 * now. The report goes to stdout as key=value lines. */
#define _GNU_SOURCE
#include "bench_common.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

enum conn_state { CS_IDLE, CS_CONNECTING, CS_HANDSHAKE, CS_OPEN, CS_CLOSED };

#define HEAD_CAP 192 /* payload bytes kept per message to find the stamp */
#define HS_CAP 4096

typedef struct
{
    int fd;
    uint8_t state;
    uint8_t attempts;
    /* frame parser */
    uint8_t hdr[14];
    uint8_t hdr_len;
    uint8_t opcode; /* opcode of the frame being read */
    uint8_t msg_opcode; /* opcode of the message being assembled (text/binary) */
    uint8_t fin;
    uint8_t masked;
    uint8_t compressed; /* the message being assembled had RSV1 (permessage-deflate) */
    uint64_t remaining; /* payload bytes left in the current frame */
    uint16_t head_len;
    uint8_t head[HEAD_CAP];
    uint8_t ctrl[125];
    uint8_t ctrl_len;
    /* handshake */
    char *hs;
    uint16_t hs_len;
    /* stats */
    uint64_t delivered;
    int64_t last_seq;
    uint64_t gaps, missing, dups;
} conn;

static struct
{
    const char *host;
    int port;
    const char *path;
    const char *account;
    int n;
    int concurrency;
    const char *ready_file;
    int idle_ms, drain_max_ms;
    int64_t seq_step;
    int64_t seq_first;
    const char *bind_from;
    int bind_count;
    int vary;
    int index_base;
} opt = {"127.0.0.1", 0, "/2/ws", NULL, 100, 128, NULL, 500, 5000, 1, 0, NULL, 1, 0, 0};

static conn *conns;
static int epfd;
static struct sockaddr_in server_addr;
static char request[2048];
static size_t request_len;
/* with --vary: the request is built per connection from the parts before and after "%d" */
static char req_pre[2048], req_post[2048];
static uint32_t bind_base; /* host order, with --bind-from */
static histogram hist;
static uint64_t total_delivered, unstamped, pings, closes_by_server, conn_errors, hs_failures;
static uint64_t frames_total;
static int64_t first_delivery_ns, last_delivery_ns, last_data_ns;
static int open_count, inflight, next_to_start;
static char first_hs_failure[256];
static uint16_t close_codes_seen[8];
static int close_codes_n;

static bool opt_deflate; /* offer permessage-deflate, as browsers do */

static void usage(void)
{
    fprintf(stderr,
            "usage: fanout_sub --port P [--host H] [--path /2/ws?q] [--account UUID] [-n N]\n"
            "  [--concurrency C] [--ready-file F] [--idle-ms 500] [--drain-max-ms 5000]\n"
            "  [--seq-step S --seq-first F]   (which sequence numbers this filter should see)\n"
            "  [--bind-from 127.0.0.2 --bind-count K]  (connection i binds address + i mod K)\n"
            "  [--vary M]   (\"%%d\" in --path becomes i mod M: M distinct filters)\n"
            "  [--index-base B]  (this process's connections are i = B, B + 1, ...)\n"
            "  [--deflate]  (offer permessage-deflate; compressed messages are inflated)\n");
    exit(2);
}

static void start_connect(int i)
{
    conn *c = &conns[i];
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->fd = fd;
    c->state = CS_CONNECTING;
    c->attempts++;
    c->hs_len = 0;
    inflight++;
    if (opt.bind_from) {
        struct sockaddr_in local = {.sin_family = AF_INET};
        local.sin_addr.s_addr =
            htonl(bind_base + (uint32_t)((opt.index_base + i) % opt.bind_count));
        if (setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one) < 0)
            die("IP_BIND_ADDRESS_NO_PORT");
        if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0)
            die("bind");
    }
    if (connect(fd, (struct sockaddr *)&server_addr, sizeof server_addr) < 0
        && errno != EINPROGRESS) {
        /* e.g. EADDRNOTAVAIL: no ephemeral port left for this source address */
        if (!first_hs_failure[0])
            snprintf(first_hs_failure, sizeof first_hs_failure, "connect: %s", strerror(errno));
        conn_errors++;
        close(fd);
        c->fd = -1;
        c->state = CS_CLOSED;
        inflight--;
        hs_failures++;
        return;
    }
    struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = (uint32_t)i};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
        die("epoll_ctl add");
}

static void start_more(void)
{
    while (inflight < opt.concurrency && next_to_start < opt.n)
        start_connect(next_to_start++);
}

static void conn_drop(int i, bool retry)
{
    conn *c = &conns[i];
    bool was_pending = c->state == CS_CONNECTING || c->state == CS_HANDSHAKE;
    if (c->state == CS_OPEN)
        open_count--;
    if (was_pending)
        inflight--;
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
    c->state = CS_CLOSED;
    free(c->hs);
    c->hs = NULL;
    if (retry && was_pending && c->attempts < 5) {
        start_connect(i);
        return;
    }
    if (was_pending)
        hs_failures++;
}

static void write_ready(void)
{
    if (!opt.ready_file)
        return;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", opt.ready_file);
    FILE *f = fopen(tmp, "w");
    if (!f)
        die("ready file");
    fprintf(f, "ready %d\n", open_count);
    fclose(f);
    rename(tmp, opt.ready_file);
}

/* Client frames are masked (RFC 6455 5.3); a zero mask keeps the payload as is and is valid. */
static void send_control(conn *c, uint8_t opcode, const uint8_t *payload, size_t len)
{
    uint8_t frame[2 + 4 + 125];
    frame[0] = 0x80 | opcode;
    frame[1] = 0x80 | (uint8_t)len;
    memset(frame + 2, 0, 4);
    memcpy(frame + 6, payload, len);
    ssize_t w = send(c->fd, frame, 6 + len, MSG_NOSIGNAL);
    (void)w; /* a full socket buffer on a pong is not worth queuing for */
}

static uint64_t wire_bytes; /* every byte read from the sockets, handshakes included */
static uint64_t compressed_messages;

/* The first plain bytes of a compressed message (raw DEFLATE, no context takeover): enough to
   find the stamp, as a client that inflates every message would. */
static size_t inflate_head(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, -15) != Z_OK)
        return 0;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    inflate(&z, Z_SYNC_FLUSH);
    size_t produced = cap - z.avail_out;
    inflateEnd(&z);
    return produced;
}

static void on_message(conn *c, int64_t t)
{
    /* The stamp sits in the first bytes: {"event":{"meta":{"bench_seq":S,"bench_ts":T}... */
    static const char seq_key[] = "\"bench_seq\":";
    static const char ts_key[] = "\"bench_ts\":";
    const char *p = (const char *)c->head, *end = p + c->head_len;
    uint8_t plain[4 * HEAD_CAP];
    if (c->compressed) {
        compressed_messages++;
        size_t k = inflate_head(c->head, c->head_len, plain, sizeof plain);
        p = (const char *)plain;
        end = p + k;
    }
    const char *s = memmem(p, (size_t)(end - p), seq_key, sizeof seq_key - 1);
    uint64_t seq = 0, ts = 0;
    const char *q = s ? parse_u64(s + sizeof seq_key - 1, end, &seq) : NULL;
    const char *tk = q ? memmem(q, (size_t)(end - q), ts_key, sizeof ts_key - 1) : NULL;
    if (!tk || !parse_u64(tk + sizeof ts_key - 1, end, &ts)) {
        unstamped++;
        return;
    }
    int64_t lat_us = (t - (int64_t)ts) / 1000;
    hist_record(&hist, lat_us < 0 ? 0 : (uint64_t)lat_us);
    int64_t sq = (int64_t)seq;
    int64_t expect = c->last_seq < 0 ? opt.seq_first : c->last_seq + opt.seq_step;
    if (sq < expect && c->last_seq >= 0) {
        c->dups++;
        return;
    }
    if (sq > expect) {
        c->gaps++;
        c->missing += (uint64_t)((sq - expect) / opt.seq_step);
    }
    c->last_seq = sq;
    c->delivered++;
    total_delivered++;
    if (!first_delivery_ns)
        first_delivery_ns = t;
    last_delivery_ns = t;
    last_data_ns = t;
}

/* Returns false when the connection must be dropped. */
static bool parse_frames(int i, const uint8_t *p, size_t n, int64_t t)
{
    conn *c = &conns[i];
    while (n > 0) {
        if (c->remaining == 0 && c->hdr_len < 255) {
            /* collecting a header */
            while (n > 0) {
                c->hdr[c->hdr_len++] = *p++;
                n--;
                size_t need = 2;
                if (c->hdr_len >= 2) {
                    uint8_t l7 = c->hdr[1] & 0x7f;
                    need += (l7 == 126 ? 2 : l7 == 127 ? 8 : 0) + ((c->hdr[1] & 0x80) ? 4 : 0);
                }
                if (c->hdr_len == need)
                    break;
            }
            size_t need = 2;
            if (c->hdr_len < 2)
                return true;
            uint8_t l7 = c->hdr[1] & 0x7f;
            need += (l7 == 126 ? 2 : l7 == 127 ? 8 : 0) + ((c->hdr[1] & 0x80) ? 4 : 0);
            if (c->hdr_len < need)
                return true;
            uint64_t len = l7;
            if (l7 == 126)
                len = ((uint64_t)c->hdr[2] << 8) | c->hdr[3];
            else if (l7 == 127) {
                len = 0;
                for (int k = 0; k < 8; k++)
                    len = (len << 8) | c->hdr[2 + k];
            }
            c->fin = c->hdr[0] & 0x80;
            c->opcode = c->hdr[0] & 0x0f;
            c->hdr_len = 0;
            c->remaining = len;
            frames_total++;
            if (c->opcode == 1 || c->opcode == 2) {
                c->msg_opcode = c->opcode;
                c->compressed = (c->hdr[0] & 0x40) != 0;
                c->head_len = 0;
            }
            if (c->opcode >= 8)
                c->ctrl_len = 0;
            if (len == 0) {
                /* empty frame: finish it right here */
                if (c->opcode == 9) {
                    send_control(c, 0xA, c->ctrl, 0);
                    pings++;
                } else if (c->opcode == 8) {
                    closes_by_server++;
                    send_control(c, 0x8, c->ctrl, 0);
                    return false;
                } else if (c->opcode < 8 && c->fin)
                    on_message(c, t);
                continue;
            }
            if (len > (1ull << 31))
                return false;
        }
        /* payload bytes */
        size_t take = n < c->remaining ? n : (size_t)c->remaining;
        if (c->opcode >= 8) {
            size_t room = sizeof c->ctrl - c->ctrl_len;
            size_t k = take < room ? take : room;
            memcpy(c->ctrl + c->ctrl_len, p, k);
            c->ctrl_len += (uint8_t)k;
        } else if (c->head_len < HEAD_CAP) {
            size_t room = HEAD_CAP - c->head_len;
            size_t k = take < room ? take : room;
            memcpy(c->head + c->head_len, p, k);
            c->head_len += (uint16_t)k;
        }
        p += take;
        n -= take;
        c->remaining -= take;
        if (c->remaining == 0) {
            if (c->opcode == 9) {
                send_control(c, 0xA, c->ctrl, c->ctrl_len);
                pings++;
            } else if (c->opcode == 8) {
                closes_by_server++;
                if (c->ctrl_len >= 2 && close_codes_n < 8)
                    close_codes_seen[close_codes_n++] = (uint16_t)((c->ctrl[0] << 8) | c->ctrl[1]);
                send_control(c, 0x8, c->ctrl, c->ctrl_len >= 2 ? 2 : 0);
                return false;
            } else if (c->opcode < 8 && c->fin) {
                on_message(c, t);
            }
        }
    }
    return true;
}

static void on_handshake_data(int i, const uint8_t *p, size_t n, int64_t t)
{
    conn *c = &conns[i];
    if (!c->hs)
        c->hs = malloc(HS_CAP);
    size_t room = HS_CAP - 1 - c->hs_len;
    size_t k = n < room ? n : room;
    memcpy(c->hs + c->hs_len, p, k);
    c->hs_len += (uint16_t)k;
    c->hs[c->hs_len] = 0;
    char *end = strstr(c->hs, "\r\n\r\n");
    if (!end) {
        if (c->hs_len >= HS_CAP - 1) {
            snprintf(first_hs_failure, sizeof first_hs_failure, "response head too long");
            conn_drop(i, false);
        }
        return;
    }
    if (strncmp(c->hs, "HTTP/1.1 101", 12) != 0) {
        if (!first_hs_failure[0]) {
            size_t l = strcspn(c->hs, "\r\n");
            snprintf(first_hs_failure, sizeof first_hs_failure, "%.*s", (int)(l < 200 ? l : 200),
                     c->hs);
        }
        conn_drop(i, false);
        return;
    }
    size_t head = (size_t)(end + 4 - c->hs);
    /* frames may follow the head in the same read */
    size_t extra = k - (c->hs_len - head); /* bytes of p that belong to frames start here */
    size_t consumed_from_p = extra;
    free(c->hs);
    c->hs = NULL;
    c->state = CS_OPEN;
    c->last_seq = -1;
    inflight--;
    open_count++;
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
    epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
    if (open_count == opt.n)
        write_ready();
    if (consumed_from_p < n && !parse_frames(i, p + consumed_from_p, n - consumed_from_p, t))
        conn_drop(i, false);
    start_more();
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {{"host", 1, 0, 'h'},
                                             {"port", 1, 0, 'p'},
                                             {"path", 1, 0, 'P'},
                                             {"account", 1, 0, 'a'},
                                             {"n", 1, 0, 'n'},
                                             {"concurrency", 1, 0, 'c'},
                                             {"ready-file", 1, 0, 'r'},
                                             {"idle-ms", 1, 0, 'i'},
                                             {"drain-max-ms", 1, 0, 'd'},
                                             {"seq-step", 1, 0, 's'},
                                             {"seq-first", 1, 0, 'f'},
                                             {"bind-from", 1, 0, 'B'},
                                             {"bind-count", 1, 0, 'K'},
                                             {"vary", 1, 0, 'V'},
                                             {"deflate", 0, 0, 'D'},
                                             {"index-base", 1, 0, 'I'},
                                             {0, 0, 0, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "n:", longopts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            opt.host = optarg;
            break;
        case 'p':
            opt.port = atoi(optarg);
            break;
        case 'P':
            opt.path = optarg;
            break;
        case 'a':
            opt.account = optarg;
            break;
        case 'n':
            opt.n = atoi(optarg);
            break;
        case 'c':
            opt.concurrency = atoi(optarg);
            break;
        case 'r':
            opt.ready_file = optarg;
            break;
        case 'i':
            opt.idle_ms = atoi(optarg);
            break;
        case 'd':
            opt.drain_max_ms = atoi(optarg);
            break;
        case 's':
            opt.seq_step = atoll(optarg);
            break;
        case 'f':
            opt.seq_first = atoll(optarg);
            break;
        case 'B':
            opt.bind_from = optarg;
            break;
        case 'K':
            opt.bind_count = atoi(optarg);
            break;
        case 'V':
            opt.vary = atoi(optarg);
            break;
        case 'D':
            opt_deflate = true;
            break;
        case 'I':
            opt.index_base = atoi(optarg);
            break;
        default:
            usage();
        }
    }
    if (opt.port <= 0 || opt.n <= 0 || opt.seq_step <= 0 || opt.bind_count <= 0 || opt.vary < 0
        || opt.concurrency <= 0 || opt.index_base < 0)
        usage();
    if (opt.bind_from) {
        struct in_addr a;
        if (inet_pton(AF_INET, opt.bind_from, &a) != 1)
            usage();
        bind_base = ntohl(a.s_addr);
    }
    if (opt.vary > 0 && !strstr(opt.path, "%d")) {
        fprintf(stderr, "fanout_sub: --vary needs \"%%d\" in --path\n");
        usage();
    }
    raise_nofile();

    server_addr.sin_family = AF_INET;
    server_addr.sin_port = htons((uint16_t)opt.port);
    if (inet_pton(AF_INET, opt.host, &server_addr.sin_addr) != 1)
        usage();
    int rl =
        snprintf(request, sizeof request,
                 "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                 "%s%s%s%s\r\n",
                 opt.path, opt.host, opt.port, opt.account ? "Luna-Account-Id: " : "",
                 opt.account ? opt.account : "", opt.account ? "\r\n" : "",
                 opt_deflate ? "Sec-WebSocket-Extensions: permessage-deflate; "
                               "client_max_window_bits\r\n"
                             : "");
    if (rl <= 0 || (size_t)rl >= sizeof request)
        usage();
    request_len = (size_t)rl;
    if (opt.vary > 0) {
        /* the request with "%d" as is: split it there (the path is not a format string) */
        char *d = strstr(request, "%d");
        snprintf(req_pre, sizeof req_pre, "%.*s", (int)(d - request), request);
        snprintf(req_post, sizeof req_post, "%s", d + 2);
    }

    conns = calloc((size_t)opt.n, sizeof *conns);
    if (!conns)
        die("calloc");
    epfd = epoll_create1(EPOLL_CLOEXEC);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    struct epoll_event sev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
    epoll_ctl(epfd, EPOLL_CTL_ADD, sfd, &sev);

    int64_t t_start = now_ns(), t_ready = 0;
    start_more();

    static uint8_t buf[1 << 18];
    struct epoll_event events[512];
    bool draining = false, stop = false;
    int64_t drain_since = 0;
    while (!stop) {
        int timeout = draining ? 50 : 1000;
        int ne = epoll_wait(epfd, events, 512, timeout);
        if (ne < 0 && errno != EINTR)
            die("epoll_wait");
        int64_t t = now_ns();
        for (int e = 0; e < ne; e++) {
            uint32_t i = events[e].data.u32;
            if (i == UINT32_MAX) {
                struct signalfd_siginfo si;
                while (read(sfd, &si, sizeof si) == sizeof si) {
                    if (si.ssi_signo == SIGUSR1) {
                        draining = true;
                        drain_since = t;
                        last_data_ns = t;
                    } else {
                        stop = true;
                    }
                }
                continue;
            }
            conn *c = &conns[i];
            if (c->state == CS_CONNECTING) {
                int err = 0;
                socklen_t el = sizeof err;
                getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
                if (err) {
                    conn_errors++;
                    conn_drop((int)i, true);
                    continue;
                }
                const char *req = request;
                size_t req_len = request_len;
                char vreq[4096];
                if (opt.vary > 0) {
                    int vl = snprintf(vreq, sizeof vreq, "%s%d%s", req_pre,
                                      (int)(((uint32_t)opt.index_base + i) % (uint32_t)opt.vary),
                                      req_post);
                    req = vreq;
                    req_len = (size_t)vl;
                }
                if (send(c->fd, req, req_len, MSG_NOSIGNAL) != (ssize_t)req_len) {
                    conn_errors++;
                    conn_drop((int)i, true);
                    continue;
                }
                c->state = CS_HANDSHAKE;
                struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};
                epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
                continue;
            }
            if (c->state != CS_HANDSHAKE && c->state != CS_OPEN)
                continue;
            ssize_t r = recv(c->fd, buf, sizeof buf, 0);
            if (r > 0)
                wire_bytes += (uint64_t)r;
            if (r <= 0) {
                if (r < 0 && (errno == EAGAIN || errno == EINTR))
                    continue;
                if (c->state == CS_OPEN)
                    conn_errors++;
                conn_drop((int)i, c->state == CS_HANDSHAKE);
                continue;
            }
            t = now_ns();
            if (c->state == CS_HANDSHAKE)
                on_handshake_data((int)i, buf, (size_t)r, t);
            else if (!parse_frames((int)i, buf, (size_t)r, t))
                conn_drop((int)i, false);
        }
        start_more(); /* a failed attempt frees a slot too */
        if (!t_ready && open_count == opt.n)
            t_ready = now_ns();
        if (!t_ready && next_to_start >= opt.n && inflight == 0 && open_count < opt.n) {
            /* every attempt finished and some failed: say so and stop */
            fprintf(stderr, "fanout_sub: only %d of %d connections upgraded; first failure: %s\n",
                    open_count, opt.n, first_hs_failure[0] ? first_hs_failure : "(connect errors)");
            write_ready();
            t_ready = now_ns();
        }
        if (draining) {
            int64_t tn = now_ns();
            if (tn - last_data_ns > (int64_t)opt.idle_ms * 1000000LL
                || tn - drain_since > (int64_t)opt.drain_max_ms * 1000000LL)
                stop = true;
        }
    }

    uint64_t min_d = UINT64_MAX, max_d = 0, gaps = 0, missing = 0, dups = 0;
    for (int i = 0; i < opt.n; i++) {
        conn *c = &conns[i];
        if (c->delivered < min_d)
            min_d = c->delivered;
        if (c->delivered > max_d)
            max_d = c->delivered;
        gaps += c->gaps;
        missing += c->missing;
        dups += c->dups;
    }
    double window = last_delivery_ns > first_delivery_ns
        ? (double)(last_delivery_ns - first_delivery_ns) / 1e9
        : 0.0;
    printf("conn_struct_bytes=%zu\n", sizeof(conn));
    printf("wire_bytes=%llu\ncompressed_messages=%llu\n", (unsigned long long)wire_bytes,
           (unsigned long long)compressed_messages);
    printf("connections=%d\nopen_at_end=%d\nconnect_ms=%.0f\nhandshake_failures=%llu\n", opt.n,
           open_count, t_ready ? (double)(t_ready - t_start) / 1e6 : -1.0,
           (unsigned long long)hs_failures);
    printf("first_failure=%s\n", first_hs_failure);
    printf("delivered=%llu\nunstamped=%llu\nframes=%llu\nper_conn_min=%llu\nper_conn_max=%llu\n",
           (unsigned long long)total_delivered, (unsigned long long)unstamped,
           (unsigned long long)frames_total, (unsigned long long)(min_d == UINT64_MAX ? 0 : min_d),
           (unsigned long long)max_d);
    printf("gaps=%llu\nmissing_in_gaps=%llu\nduplicates=%llu\n", (unsigned long long)gaps,
           (unsigned long long)missing, (unsigned long long)dups);
    printf("closed_by_server=%llu\nconn_errors=%llu\npings_answered=%llu\n",
           (unsigned long long)closes_by_server, (unsigned long long)conn_errors,
           (unsigned long long)pings);
    printf("close_codes=");
    for (int k = 0; k < close_codes_n; k++)
        printf("%s%u", k ? "," : "", close_codes_seen[k]);
    printf("\nwindow_s=%.3f\n", window);
    printf("p50_us=%llu\np90_us=%llu\np99_us=%llu\np999_us=%llu\nmax_us=%llu\n",
           (unsigned long long)hist_percentile(&hist, 50),
           (unsigned long long)hist_percentile(&hist, 90),
           (unsigned long long)hist_percentile(&hist, 99),
           (unsigned long long)hist_percentile(&hist, 99.9), (unsigned long long)hist.max);
    return 0;
}
