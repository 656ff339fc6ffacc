#include "config/ConfigSchema.h"

namespace sender {

using T = ConfigKey::Type;

namespace {

// The units and (below) the descriptions are marked for lupdate: the console shows them in its
// language, read from this one table (translations/CMakeLists.txt lets lupdate read this file).
constexpr const char *kSeconds = QT_TRANSLATE_NOOP("ConfigUnit", "s");
constexpr const char *kMilliseconds = QT_TRANSLATE_NOOP("ConfigUnit", "ms");
constexpr const char *kBytes = QT_TRANSLATE_NOOP("ConfigUnit", "bytes");
constexpr const char *kEventsPerSecond = QT_TRANSLATE_NOOP("ConfigUnit", "events/s");
constexpr const char *kEvents = QT_TRANSLATE_NOOP("ConfigUnit", "events");
constexpr const char *kAlerts = QT_TRANSLATE_NOOP("ConfigUnit", "alerts");
constexpr const char *kAccounts = QT_TRANSLATE_NOOP("ConfigUnit", "accounts");
constexpr const char *kStreams = QT_TRANSLATE_NOOP("ConfigUnit", "streams");
constexpr const char *kPoints = QT_TRANSLATE_NOOP("ConfigUnit", "points");
constexpr const char *kPictures = QT_TRANSLATE_NOOP("ConfigUnit", "pictures");
constexpr const char *kRequests = QT_TRANSLATE_NOOP("ConfigUnit", "requests");

struct SectionTitle
{
    const char *section;
    const char *title;
};
constexpr SectionTitle kSectionTitles[] = {
    {"SERVER", QT_TRANSLATE_NOOP("ConfigSchema", "Server")},
    {"REDIS", QT_TRANSLATE_NOOP("ConfigSchema", "Redis")},
    {"WEBSOCKET", QT_TRANSLATE_NOOP("ConfigSchema", "WebSocket")},
    {"ACCESS", QT_TRANSLATE_NOOP("ConfigSchema", "Access")},
    {"HISTORY", QT_TRANSLATE_NOOP("ConfigSchema", "History")},
    {"PUBLISH", QT_TRANSLATE_NOOP("ConfigSchema", "Publishing")},
    {"ALERTS", QT_TRANSLATE_NOOP("ConfigSchema", "Alerts")},
    {"DEMO", QT_TRANSLATE_NOOP("ConfigSchema", "Demo")},
    {"METRICS", QT_TRANSLATE_NOOP("ConfigSchema", "Metrics")},
    {"INFLUX", QT_TRANSLATE_NOOP("ConfigSchema", "InfluxDB")},
    {"MONITOR", QT_TRANSLATE_NOOP("ConfigSchema", "Monitoring port")},
    {"FLEET", QT_TRANSLATE_NOOP("ConfigSchema", "Fleet")},
    {"LUNA", QT_TRANSLATE_NOOP("ConfigSchema", "LUNA PLATFORM")},
    {"LOGGING", QT_TRANSLATE_NOOP("ConfigSchema", "Logging")},
};

} // namespace

QString ConfigKey::id() const
{
    return QLatin1StringView(section) + u'.' + QLatin1StringView(key);
}

QString ConfigKey::environmentName() const
{
    return QLatin1StringView("LUNA_SENDER_") + QLatin1StringView(section) + u'_'
        + QLatin1StringView(key);
}

bool ConfigKey::isSecret() const
{
    return type == T::Secret || type == T::AccountTokens;
}

const QList<ConfigKey> &ConfigSchema::keys()
{
    // clang-format off
    static const QList<ConfigKey> table = {
        {"SERVER", "HOST", T::String, QStringLiteral("0.0.0.0"), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Address to listen on for HTTP and WebSocket clients (0.0.0.0 or :: for all interfaces)."), true},
        {"SERVER", "PORT", T::Integer, 5080, 0, 65535, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "TCP port for HTTP and WebSocket clients; 0 picks a free port and logs it."), true},
        // Scale-out on one host (issue 27): see the manual's scaling page.
        {"SERVER", "REUSE_PORT", T::Boolean, false, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Listen with SO_REUSEPORT, so that several instances share one address and port and the "
           "kernel spreads new connections over them (every instance on the port must set it)."), false},
        {"SERVER", "DRAIN_SECONDS", T::Integer, 10, 0, 3600, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "On SIGTERM or SIGUSR2: /healthcheck says not ready, no new subscriptions, and the "
           "subscribers are closed with 1001 at random moments spread over this long; 0 closes them "
           "all at once."), true},
        {"SERVER", "INSTANCE_NAME", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "What the fleet view calls this instance (at most 64 printable characters); empty: its "
           "host name and Sender port."), true},
        {"SERVER", "MAX_CONNECTIONS", T::Integer, 50000, 1, 10000000, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Open client connections at most; a connection beyond it gets 503 with the JSON error."), true},
        {"SERVER", "MAX_REQUEST_HEAD_BYTES", T::Integer, 16384, 1024, 1048576, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Largest request line plus headers; a larger head gets 431."), true},
        {"SERVER", "MAX_BODY_BYTES", T::Integer, 16777216, 0, 268435456, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Largest request body any resource takes (only POST /1/publish takes one, and at most "
           "REDIS.MAX_MESSAGE_BYTES there); a larger body gets 413 before it is read."), true},
        {"SERVER", "REQUEST_TIMEOUT", T::Integer, 10, 1, 3600, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "A request (or WebSocket handshake) whose head and body have not arrived by then is cut."), true},
        {"SERVER", "KEEP_ALIVE_TIMEOUT", T::Integer, 30, 1, 3600, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "An idle keep-alive HTTP connection is closed after this long."), true},
        // Bounds on what strangers can make the server hold (issue 18): see the manual's security page.
        {"SERVER", "MAX_PENDING_BODY_BYTES", T::Integer, 67108864, 65536, 2147483647, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Request body bytes held by unfinished requests, all connections together; a request "
           "whose body would go beyond it gets 503 and its connection is closed."), true},
        {"SERVER", "MAX_CONNECTIONS_PER_ADDRESS", T::Integer, 4096, 1, 10000000, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Open connections from one client address at most (a whole site behind a NAT shares one); "
           "a connection beyond it gets 503 with the JSON error."), true},
        {"SERVER", "MAX_HANDSHAKES_PER_ADDRESS", T::Integer, 512, 1, 10000000, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Connections from one client address that are not (yet) a WebSocket at most: handshakes "
           "and HTTP requests in flight, idle keep-alive connections; one beyond it gets 503 with "
           "the JSON error."), true},

        {"SERVER", "TLS_CERTIFICATE", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "PEM file with the server certificate (and its chain). With TLS_PRIVATE_KEY, the port "
           "speaks https and wss instead of http and ws.")},
        {"SERVER", "TLS_PRIVATE_KEY", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "PEM file with the private key of TLS_CERTIFICATE.")},
        {"SERVER", "TLS_PRIVATE_KEY_PASSWORD", T::Secret, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Passphrase of TLS_PRIVATE_KEY, if it is encrypted.")},

        {"ACCESS", "ACCOUNT_TOKENS", T::AccountTokens, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "account-uuid:token pairs, comma-separated (an account may have several). When set, a "
           "subscription must present a token of its account (Authorization: Bearer <token>, or the "
           "access_token query parameter for browsers) or gets 401; empty means no token is needed, "
           "as in the original service."), true},
        {"ACCESS", "ALLOWED_ORIGINS", T::List, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Origins allowed to subscribe from a browser (e.g. https://console.example.org), "
           "comma-separated; a handshake with another Origin header gets 403. Empty allows any."), true},

        {"REDIS", "URL", T::RedisUrl, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "redis://[[user]:password@]host[:port][/db] to subscribe to (rediss:// for TLS, see "
           "REDIS.TLS_*); empty means the embedded bus (no Redis needed)."), true},
        {"REDIS", "PASSWORD", T::Secret, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Password for REDIS.URL's server instead of one in the URL; as LUNA_SENDER_REDIS_PASSWORD "
           "in the environment it stays out of files and the process list (--redis and --set are "
           "visible to every local user in ps). Not together with a password in the URL or "
           "PASSWORD_FILE."), true},
        {"REDIS", "PASSWORD_FILE", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "File whose content (one line; a final newline is dropped) is the password for "
           "REDIS.URL's server, e.g. a systemd credential ($CREDENTIALS_DIRECTORY/redis). Read at "
           "start and on every reload; a missing, unreadable or empty file is a configuration error."), true},
        {"REDIS", "TLS_CA_FILE", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "With a rediss:// URL: PEM file of the certificate authorities that signed the Redis "
           "server's certificate; empty: the system's."), true},
        {"REDIS", "TLS_CERTIFICATE", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "With a rediss:// URL: PEM file with our client certificate, for a Redis with "
           "tls-auth-clients (with TLS_PRIVATE_KEY)."), true},
        {"REDIS", "TLS_PRIVATE_KEY", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "PEM file with the (unencrypted) private key of TLS_CERTIFICATE."), true},
        {"REDIS", "TLS_VERIFY", T::Boolean, true, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "With a rediss:// URL: check the server's certificate and that it names the host. 0 turns "
           "the check off (anyone in the path can then read and forge events; warned at start)."), true},
        {"REDIS", "SENTINELS", T::HostPortList, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "host:port,host:port of Redis Sentinels; when set, the master is asked from them and the "
           "host and port of REDIS.URL are not used (its credentials and db still are). With a "
           "rediss:// URL they are asked over TLS too, with REDIS.TLS_*."), true},
        {"REDIS", "SENTINEL_MASTER", T::String, QStringLiteral("mymaster"), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Name of the master the Sentinels monitor."), true},
        {"REDIS", "SENTINEL_USER", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "ACL user for the Sentinels, if they require one."), true},
        {"REDIS", "SENTINEL_PASSWORD", T::Secret, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Password for the Sentinels, if they require one."), true},
        {"REDIS", "CHANNEL_PREFIX", T::String, QStringLiteral("luna-sender:"), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Channels are <prefix><account_id>; LUNA handlers publish on luna-sender:{account_id}."), true},
        {"REDIS", "CONNECT_TIMEOUT_MS", T::Integer, 3000, 100, 600000, {}, kMilliseconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Connecting, authenticating and subscribing must finish by then, and a PING must be "
           "answered by then; otherwise Redis counts as down and the connection is retried."), true},
        {"REDIS", "PING_INTERVAL_MS", T::Integer, 5000, 100, 3600000, {}, kMilliseconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "How often a subscribed connection is checked with PING."), true},
        {"REDIS", "RECONNECT_MIN_MS", T::Integer, 100, 10, 600000, {}, kMilliseconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "First delay before reconnecting after Redis went away; doubles up to RECONNECT_MAX_MS."), true},
        {"REDIS", "RECONNECT_MAX_MS", T::Integer, 1500, 10, 600000, {}, kMilliseconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Longest delay between reconnect attempts."), true},
        {"REDIS", "MAX_MESSAGE_BYTES", T::Integer, 16777216, 1024, 536870912, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Largest message accepted from Redis or the publish resource; a larger one is counted as "
           "malformed and skipped."), true},

        {"WEBSOCKET", "PING_INTERVAL", T::Integer, 20, 1, 86400, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Every client is pinged this often (its first ping after a random half to whole interval, so "
           "that clients that connected together are not pinged together)."), true},
        {"WEBSOCKET", "PONG_TIMEOUT", T::Integer, 20, 1, 86400, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "A client that has not answered a ping for this long after it was sent is dropped."), true},
        {"WEBSOCKET", "SEND_QUEUE_BYTES", T::Integer, 4194304, 65536, 1073741824, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Per-client window: the bytes of frames handed to its socket at a time. A client that is "
           "behind holds a position in its filter group's shared stream, not a queue of its own, so "
           "this no longer closes anyone (see RETAINED_BYTES and MAX_LAG_SECONDS); pongs a client "
           "does not read still count against it."), true},
        {"WEBSOCKET", "RETAINED_BYTES", T::Integer, 0, 0, 68719476736LL, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Bytes of frames kept for subscribers that are behind, all accounts together (each frame "
           "once per filter group, however many are behind). Over it the furthest behind is closed "
           "with 1008, one every 100 ms; over 1.25 times it as many as it takes. 0: a sixteenth of "
           "the machine's memory, at most 1 GiB."), true},
        {"WEBSOCKET", "MAX_LAG_SECONDS", T::Integer, 30, 1, 86400, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "A subscriber whose oldest event not yet handed to its socket is older than this is "
           "closed with 1008 (one every 100 ms, the furthest behind first), so a client that stopped "
           "reading is closed while the others catch up."), true},
        {"WEBSOCKET", "MAX_CLIENT_FRAME_BYTES", T::Integer, 65536, 125, 16777216, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Largest frame or message a client may send (they are read and ignored); larger closes "
           "with 1009."), true},
        {"WEBSOCKET", "COMPRESSION", T::Boolean, true, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Offer permessage-deflate (RFC 7692) to clients that ask for it (browsers and most client "
           "libraries do): each event is compressed once and the frame shared by every such client. "
           "On by default: at 1000 subscribers a 1.5 KB event takes half the bytes on the wire for "
           "no more server CPU (tests/bench/README.md)."), true},
        {"WEBSOCKET", "COMPRESSION_MIN_BYTES", T::Integer, 256, 0, 16777216, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "With COMPRESSION, events whose frame payload is smaller than this go uncompressed "
           "(compressing them costs more than it saves)."), true},

        {"HISTORY", "ENABLED", T::Boolean, true, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Keep the recent events of every account so that a client can resume after a reconnect "
           "(since_event_id or since on /1/ws and /2/ws) without a gap; 0 keeps nothing and refuses "
           "resumes with 410 (error 29110)."), false},
        {"HISTORY", "MAX_EVENTS", T::Integer, 100000, 1, 10000000, {}, kEvents,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Events kept per account; the oldest go first."), true},
        {"HISTORY", "MAX_SECONDS", T::Integer, 300, 1, 86400, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Events older than this (by arrival at this instance) are dropped."), true},
        {"HISTORY", "MAX_BYTES", T::Integer, 268435456, 65536, 68719476736LL, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Bytes of event frames kept across all accounts; past it the oldest events of any account "
           "go first."), true},

        {"PUBLISH", "ENABLED", T::Boolean, false, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Serve POST /1/publish, which takes a Redis-format message and the Luna-Account-Id header "
           "and delivers it like a message from Redis (an extension of ours; off by default)."), true},
        {"PUBLISH", "TOKEN", T::Secret, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Bearer token the publish resource requires (Authorization: Bearer <token>); required "
           "when PUBLISH.ENABLED is 1."), true},

        {"METRICS", "ENABLED", T::Boolean, true, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Serve GET /metrics in the Prometheus text format (version 0.0.4)."), true},
        {"METRICS", "TOKEN", T::Secret, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "When set, /metrics requires 'Authorization: Bearer <token>' (401 otherwise). Without it, "
           "a server listening beyond loopback warns at start that anyone can read /metrics."), true},
        {"METRICS", "ACCOUNT_LABELS", T::Boolean, false, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "SENSITIVE: export luna_sender_websocket_clients_by_account, whose labels are account ids "
           "(without ACCESS.ACCOUNT_TOKENS an account id is all a subscriber needs). Off by default; "
           "turn it on only with METRICS.TOKEN set or /metrics unreachable to strangers."), true},
        {"METRICS", "ACCOUNT_LABEL_LIMIT", T::Integer, 20, 0, 10000, {}, kAccounts,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "With ACCOUNT_LABELS, per-account client gauges are exported for this many accounts with "
           "the most clients; the rest are summed under account=\"other\", so the number of series "
           "stays bounded."), true},

        {"INFLUX", "URL", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Base URL of an InfluxDB 1.x HTTP API (http://host:8086) to push the counters of /metrics "
           "to, in line protocol; empty: nothing is pushed."), false},
        {"INFLUX", "DATABASE", T::String, QStringLiteral("luna_sender"), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "InfluxDB database the points are written to (POST /write?db=...)."), false},
        {"INFLUX", "USERNAME", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "InfluxDB user, if it has authentication on (with PASSWORD_FILE)."), false},
        {"INFLUX", "PASSWORD_FILE", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "File whose content (one line) is the password of USERNAME; read at start, never logged."), false},
        {"INFLUX", "INTERVAL", T::Integer, 10, 1, 3600, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "How often the counters are taken and queued for InfluxDB."), false},
        {"INFLUX", "BATCH_POINTS", T::Integer, 5000, 1, 1000000, {}, kPoints,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Points written in one request at most."), false},
        {"INFLUX", "BUFFER_POINTS", T::Integer, 100000, 100, 10000000, {}, kPoints,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Points kept while InfluxDB cannot be reached; past it the oldest are dropped and counted "
           "(luna_sender_influx_points_dropped_total)."), false},

        {"MONITOR", "ENABLED", T::Boolean, true, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Open the monitoring port: the JSON API and live stream under /monitor/v1 that an "
           "attached console (luna-sender --attach) reads; its OpenAPI document is "
           "/monitor/v1/docs/spec."), false},
        {"MONITOR", "HOST", T::String, QStringLiteral("127.0.0.1"), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Address of the monitoring port. Any address other than loopback needs TOKEN or "
           "TOKEN_FILE (the program refuses to start without one)."), false},
        {"MONITOR", "PORT", T::Integer, 5081, 0, 65535, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "TCP port of the monitoring port; 0 picks a free port and logs it."), false},
        {"MONITOR", "TOKEN", T::Secret, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Bearer token every monitoring request must present (Authorization: Bearer <token>, or "
           "the token query parameter on the stream); empty: none needed (loopback only)."), false},
        {"MONITOR", "TOKEN_FILE", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "File whose first line is the token (instead of TOKEN, which it excludes); read at start."), false},
        {"MONITOR", "MAX_CLIENTS", T::Integer, 16, 1, 1024, {}, kStreams,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Open monitoring streams (attached consoles) at most; one more gets 503 with the JSON "
           "error."), false},
        {"MONITOR", "ALLOWED_ORIGINS", T::List, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Origins besides the monitoring port's own from which a browser may open the stream (e.g. "
           "https://ops.example.org), comma-separated; a handshake from any other origin gets 403."), false},

        {"ALERTS", "RULES_FILE", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "JSON file of alert rules ({\"rules\": [{\"name\", \"severity\", \"condition\", "
           "\"accounts\", \"quiet_seconds\"}]}, conditions in the subscription query syntax); empty: "
           "no alerts. Read at start (an unusable file is an error) and on SIGHUP (a bad file keeps "
           "the running rules)."), true},
        {"ALERTS", "STARTER_RULES", T::Boolean, true, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "With no RULES_FILE, raise alerts by the built-in starter rules (a watchlist match at 0.8 "
           "or more, a strong match on any list, a failed liveness check, a subscriber 10 s behind; the manual's Alerts page "
           "lists them); false: no alerts unless RULES_FILE names some. Read at start."), false},
        {"ALERTS", "LOG_FILE", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Where raised alerts and their acknowledgements are kept across restarts (JSON lines); "
           "empty: in memory only."), false},
        {"ALERTS", "LOG_MAX_ENTRIES", T::Integer, 10000, 1, 1000000, {}, kAlerts,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "The alert log keeps this many alerts; the oldest are dropped and counted "
           "(luna_sender_alerts_log_dropped_total)."), false},

        // The fleet (issue 27): see the manual's scaling page.
        {"FLEET", "ANNOUNCE_INTERVAL_MS", T::Integer, 5000, 100, 600000, {}, kMilliseconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "With Redis, how often this instance announces itself there and reads the others' "
           "announcements; an instance not heard from for three intervals is shown as gone."), true},
        {"FLEET", "GONE_KEEP_SECONDS", T::Integer, 600, 0, 86400, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "How long an instance whose announcement expired stays in the fleet view as gone "
           "before it is forgotten."), true},

        {"LUNA", "API_ORIGIN", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "The LUNA PLATFORM API the pictures of events are fetched from for the console and the "
           "web viewer (http(s)://host[:port][/base]; only sample and image paths under it are ever "
           "requested); empty: pictures only for the demo source's events."), false},
        {"LUNA", "CREDENTIAL_FILE", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "File whose first line is the LUNA API token (sent as X-Auth-Token); read at start, never "
           "logged."), false},
        {"LUNA", "IMAGE_TIMEOUT_MS", T::Integer, 5000, 100, 60000, {}, kMilliseconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "A picture not fetched within this time is shown as unavailable."), false},
        {"LUNA", "IMAGE_MAX_BYTES", T::Integer, 4194304, 1024, 67108864, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Larger pictures are refused (counted as they arrive, whatever Content-Length says)."), false},
        {"LUNA", "IMAGE_CACHE_BYTES", T::Integer, 67108864, 0, 1073741824, {}, kBytes,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Pictures kept in memory at most (least recently used go first)."), false},
        {"LUNA", "IMAGE_CACHE_COUNT", T::Integer, 2000, 0, 1000000, {}, kPictures,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Pictures kept in memory at most, by count."), false},
        {"LUNA", "IMAGE_CACHE_SECONDS", T::Integer, 600, 0, 86400, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "How long a fetched picture is kept (a failure: 15 s at most)."), false},
        {"LUNA", "IMAGE_FETCHES", T::Integer, 4, 1, 64, {}, kRequests,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Requests to the LUNA API at once; up to 64 more pictures wait, beyond that a viewer is "
           "told to try again."), false},

        {"DEMO", "ENABLED", T::Boolean, false, 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Generate realistic demo events (several cameras, faces and bodies, matches, locations)."), true},
        {"DEMO", "RATE", T::Integer, 2, 1, 1000000, {}, kEventsPerSecond,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "How many demo events are generated per second."), true},
        {"DEMO", "ACCOUNT", T::String, QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"), 0, 0,
         {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Account the demo events belong to (subscribe with this Luna-Account-Id)."), true},

        {"LOGGING", "LEVEL", T::Choice, QStringLiteral("info"), 0, 0,
         {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
          QStringLiteral("error")}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Lowest level written to the log."), true},
        {"LOGGING", "RULES", T::String, QString(), 0, 0, {}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Extra Qt logging rules separated by ';', e.g. "
           "sender.ws.debug=true;sender.redis.info=false."), true},
        {"LOGGING", "COLOR", T::Choice, QStringLiteral("auto"), 0, 0,
         {QStringLiteral("auto"), QStringLiteral("always"), QStringLiteral("never")}, "",
         QT_TRANSLATE_NOOP("ConfigSchema",
           "Colour the levels: auto colours only on a terminal (never in journald or files)."), true},
        {"LOGGING", "STATS_INTERVAL", T::Integer, 60, 0, 86400, {}, kSeconds,
         QT_TRANSLATE_NOOP("ConfigSchema",
           "How often a one-line summary (clients, events in, deliveries) is logged; 0 turns it off."), true},
    };
    // clang-format on
    return table;
}

const ConfigKey *ConfigSchema::find(QStringView section, QStringView key)
{
    for (const ConfigKey &k : keys()) {
        if (section.compare(QLatin1StringView(k.section), Qt::CaseInsensitive) == 0
            && key.compare(QLatin1StringView(k.key), Qt::CaseInsensitive) == 0)
            return &k;
    }
    return nullptr;
}

const ConfigKey *ConfigSchema::find(QStringView id)
{
    const qsizetype dot = id.indexOf(u'.');
    if (dot <= 0)
        return nullptr;
    return find(id.left(dot), id.mid(dot + 1));
}

const char *ConfigSchema::sectionTitle(QStringView section)
{
    for (const SectionTitle &t : kSectionTitles) {
        if (section == QLatin1StringView(t.section))
            return t.title;
    }
    return nullptr;
}

QStringList ConfigSchema::sections()
{
    QStringList result;
    for (const ConfigKey &k : keys()) {
        const QString s = QLatin1StringView(k.section);
        if (!result.contains(s))
            result.append(s);
    }
    return result;
}

} // namespace sender
