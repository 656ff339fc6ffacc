#include "config/ConfigSchema.h"

namespace sender {

using T = ConfigKey::Type;

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
         "Address to listen on for HTTP and WebSocket clients (0.0.0.0 or :: for all interfaces).", true},
        {"SERVER", "PORT", T::Integer, 5080, 0, 65535, {}, "",
         "TCP port for HTTP and WebSocket clients; 0 picks a free port and logs it.", true},
        // Scale-out on one host (issue 27): see the manual's scaling page.
        {"SERVER", "REUSE_PORT", T::Boolean, false, 0, 0, {}, "",
         "Listen with SO_REUSEPORT, so that several instances share one address and port and the "
         "kernel spreads new connections over them (every instance on the port must set it).", false},
        {"SERVER", "DRAIN_SECONDS", T::Integer, 10, 0, 3600, {}, "s",
         "On SIGTERM or SIGUSR2: /healthcheck says not ready, no new subscriptions, and the "
         "subscribers are closed with 1001 at random moments spread over this long; 0 closes them "
         "all at once.", true},
        {"SERVER", "MAX_CONNECTIONS", T::Integer, 50000, 1, 10000000, {}, "",
         "Open client connections at most; a connection beyond it gets 503 with the JSON error.", true},
        {"SERVER", "MAX_REQUEST_HEAD_BYTES", T::Integer, 16384, 1024, 1048576, {}, "bytes",
         "Largest request line plus headers; a larger head gets 431.", true},
        {"SERVER", "MAX_BODY_BYTES", T::Integer, 16777216, 0, 268435456, {}, "bytes",
         "Largest request body any resource takes (only POST /1/publish takes one, and at most "
         "REDIS.MAX_MESSAGE_BYTES there); a larger body gets 413 before it is read.", true},
        {"SERVER", "REQUEST_TIMEOUT", T::Integer, 10, 1, 3600, {}, "s",
         "A request (or WebSocket handshake) whose head and body have not arrived by then is cut.", true},
        {"SERVER", "KEEP_ALIVE_TIMEOUT", T::Integer, 30, 1, 3600, {}, "s",
         "An idle keep-alive HTTP connection is closed after this long.", true},
        // Bounds on what strangers can make the server hold (issue 18): see the manual's security page.
        {"SERVER", "MAX_PENDING_BODY_BYTES", T::Integer, 67108864, 65536, 2147483647, {}, "bytes",
         "Request body bytes held by unfinished requests, all connections together; a request "
         "whose body would go beyond it gets 503 and its connection is closed.", true},
        {"SERVER", "MAX_CONNECTIONS_PER_ADDRESS", T::Integer, 4096, 1, 10000000, {}, "",
         "Open connections from one client address at most (a whole site behind a NAT shares "
         "one); a connection beyond it gets 503 with the JSON error.", true},
        {"SERVER", "MAX_HANDSHAKES_PER_ADDRESS", T::Integer, 512, 1, 10000000, {}, "",
         "Connections from one client address that are not (yet) a WebSocket at most: handshakes "
         "and HTTP requests in flight, idle keep-alive connections; one beyond it gets 503 with "
         "the JSON error.", true},

        {"SERVER", "TLS_CERTIFICATE", T::String, QString(), 0, 0, {}, "",
         "PEM file with the server certificate (and its chain). With TLS_PRIVATE_KEY, the port speaks "
         "https and wss instead of http and ws."},
        {"SERVER", "TLS_PRIVATE_KEY", T::String, QString(), 0, 0, {}, "",
         "PEM file with the private key of TLS_CERTIFICATE."},
        {"SERVER", "TLS_PRIVATE_KEY_PASSWORD", T::Secret, QString(), 0, 0, {}, "",
         "Passphrase of TLS_PRIVATE_KEY, if it is encrypted."},

        {"ACCESS", "ACCOUNT_TOKENS", T::AccountTokens, QString(), 0, 0, {}, "",
         "account-uuid:token pairs, comma-separated (an account may have several). When set, a "
         "subscription must present a token of its account (Authorization: Bearer <token>, or the "
         "access_token query parameter for browsers) or gets 401; empty means no token is needed, as "
         "in the original service.", true},
        {"ACCESS", "ALLOWED_ORIGINS", T::List, QString(), 0, 0, {}, "",
         "Origins allowed to subscribe from a browser (e.g. https://console.example.org), "
         "comma-separated; a handshake with another Origin header gets 403. Empty allows any.", true},

        {"REDIS", "URL", T::RedisUrl, QString(), 0, 0, {}, "",
         "redis://[[user]:password@]host[:port][/db] to subscribe to (rediss:// for TLS, see "
         "REDIS.TLS_*); empty means the embedded bus (no Redis needed).", true},
        {"REDIS", "PASSWORD", T::Secret, QString(), 0, 0, {}, "",
         "Password for REDIS.URL's server instead of one in the URL; as LUNA_SENDER_REDIS_PASSWORD in "
         "the environment it stays out of files and the process list (--redis and --set are visible "
         "to every local user in ps). Not together with a password in the URL or PASSWORD_FILE.",
         true},
        {"REDIS", "PASSWORD_FILE", T::String, QString(), 0, 0, {}, "",
         "File whose content (one line; a final newline is dropped) is the password for REDIS.URL's "
         "server, e.g. a systemd credential ($CREDENTIALS_DIRECTORY/redis). Read at start and on "
         "every reload; a missing, unreadable or empty file is a configuration error.", true},
        {"REDIS", "TLS_CA_FILE", T::String, QString(), 0, 0, {}, "",
         "With a rediss:// URL: PEM file of the certificate authorities that signed the Redis "
         "server's certificate; empty: the system's.", true},
        {"REDIS", "TLS_CERTIFICATE", T::String, QString(), 0, 0, {}, "",
         "With a rediss:// URL: PEM file with our client certificate, for a Redis with "
         "tls-auth-clients (with TLS_PRIVATE_KEY).", true},
        {"REDIS", "TLS_PRIVATE_KEY", T::String, QString(), 0, 0, {}, "",
         "PEM file with the (unencrypted) private key of TLS_CERTIFICATE.", true},
        {"REDIS", "TLS_VERIFY", T::Boolean, true, 0, 0, {}, "",
         "With a rediss:// URL: check the server's certificate and that it names the host. 0 turns "
         "the check off (anyone in the path can then read and forge events; warned at start).",
         true},
        {"REDIS", "SENTINELS", T::HostPortList, QString(), 0, 0, {}, "",
         "host:port,host:port of Redis Sentinels; when set, the master is asked from them and the "
         "host and port of REDIS.URL are not used (its credentials and db still are). With a "
         "rediss:// URL they are asked over TLS too, with REDIS.TLS_*.",
         true},
        {"REDIS", "SENTINEL_MASTER", T::String, QStringLiteral("mymaster"), 0, 0, {}, "",
         "Name of the master the Sentinels monitor.", true},
        {"REDIS", "SENTINEL_USER", T::String, QString(), 0, 0, {}, "",
         "ACL user for the Sentinels, if they require one.", true},
        {"REDIS", "SENTINEL_PASSWORD", T::Secret, QString(), 0, 0, {}, "",
         "Password for the Sentinels, if they require one.", true},
        {"REDIS", "CHANNEL_PREFIX", T::String, QStringLiteral("luna-sender:"), 0, 0, {}, "",
         "Channels are <prefix><account_id>; LUNA handlers publish on luna-sender:{account_id}.", true},
        {"REDIS", "CONNECT_TIMEOUT_MS", T::Integer, 3000, 100, 600000, {}, "ms",
         "Connecting, authenticating and subscribing must finish by then, and a PING must be answered "
         "by then; otherwise Redis counts as down and the connection is retried.", true},
        {"REDIS", "PING_INTERVAL_MS", T::Integer, 5000, 100, 3600000, {}, "ms",
         "How often a subscribed connection is checked with PING.", true},
        {"REDIS", "RECONNECT_MIN_MS", T::Integer, 100, 10, 600000, {}, "ms",
         "First delay before reconnecting after Redis went away; doubles up to RECONNECT_MAX_MS.", true},
        {"REDIS", "RECONNECT_MAX_MS", T::Integer, 1500, 10, 600000, {}, "ms",
         "Longest delay between reconnect attempts.", true},
        {"REDIS", "MAX_MESSAGE_BYTES", T::Integer, 16777216, 1024, 536870912, {}, "bytes",
         "Largest message accepted from Redis or the publish resource; a larger one is counted as "
         "malformed and skipped.", true},

        {"WEBSOCKET", "PING_INTERVAL", T::Integer, 20, 1, 86400, {}, "s",
         "Every client is pinged this often.", true},
        {"WEBSOCKET", "PONG_TIMEOUT", T::Integer, 20, 1, 86400, {}, "s",
         "A client that has not answered a ping for this long after it was sent is dropped.", true},
        {"WEBSOCKET", "SEND_QUEUE_BYTES", T::Integer, 4194304, 65536, 1073741824, {}, "bytes",
         "Per-client window: the bytes of frames handed to its socket at a time. A client that is "
         "behind holds a position in its filter group's shared stream, not a queue of its own, so "
         "this no longer closes anyone (see RETAINED_BYTES and MAX_LAG_SECONDS); pongs a client "
         "does not read still count against it.", true},
        {"WEBSOCKET", "RETAINED_BYTES", T::Integer, 0, 0, 68719476736LL, {}, "bytes",
         "Bytes of frames kept for subscribers that are behind, all accounts together (each frame "
         "once per filter group, however many are behind). Over it the furthest behind is closed "
         "with 1008, one every 100 ms; over 1.25 times it as many as it takes. 0: a sixteenth of "
         "the machine's memory, at most 1 GiB.", true},
        {"WEBSOCKET", "MAX_LAG_SECONDS", T::Integer, 30, 1, 86400, {}, "s",
         "A subscriber whose oldest event not yet handed to its socket is older than this is "
         "closed with 1008 (one every 100 ms, the furthest behind first), so a client that stopped "
         "reading is closed while the others catch up.", true},
        {"WEBSOCKET", "MAX_CLIENT_FRAME_BYTES", T::Integer, 65536, 125, 16777216, {}, "bytes",
         "Largest frame or message a client may send (they are read and ignored); larger closes with "
         "1009.", true},
        {"WEBSOCKET", "COMPRESSION", T::Boolean, true, 0, 0, {}, "",
         "Offer permessage-deflate (RFC 7692) to clients that ask for it (browsers and most client libraries do): each event is compressed once and the frame shared by every such client. On by default: at 1000 subscribers a 1.5 KB event takes half the bytes on the wire for no more server CPU (tests/bench/README.md).", true},
        {"WEBSOCKET", "COMPRESSION_MIN_BYTES", T::Integer, 256, 0, 16777216, {}, "bytes",
         "With COMPRESSION, events whose frame payload is smaller than this go uncompressed (compressing them costs more than it saves).", true},

        {"HISTORY", "ENABLED", T::Boolean, true, 0, 0, {}, "",
         "Keep the recent events of every account so that a client can resume after a reconnect "
         "(since_event_id or since on /1/ws and /2/ws) without a gap; 0 keeps nothing and refuses "
         "resumes with 410 (error 29110).", false},
        {"HISTORY", "MAX_EVENTS", T::Integer, 100000, 1, 10000000, {}, "events",
         "Events kept per account; the oldest go first.", true},
        {"HISTORY", "MAX_SECONDS", T::Integer, 300, 1, 86400, {}, "s",
         "Events older than this (by arrival at this instance) are dropped.", true},
        {"HISTORY", "MAX_BYTES", T::Integer, 268435456, 65536, 68719476736LL, {}, "bytes",
         "Bytes of event frames kept across all accounts; past it the oldest events of any "
         "account go first.", true},

        {"PUBLISH", "ENABLED", T::Boolean, false, 0, 0, {}, "",
         "Serve POST /1/publish, which takes a Redis-format message and the Luna-Account-Id header and "
         "delivers it like a message from Redis (an extension of ours; off by default).", true},
        {"PUBLISH", "TOKEN", T::Secret, QString(), 0, 0, {}, "",
         "Bearer token the publish resource requires (Authorization: Bearer <token>); required when "
         "PUBLISH.ENABLED is 1.", true},

        {"METRICS", "ENABLED", T::Boolean, true, 0, 0, {}, "",
         "Serve GET /metrics in the Prometheus text format (version 0.0.4).", true},
        {"METRICS", "TOKEN", T::Secret, QString(), 0, 0, {}, "",
         "When set, /metrics requires 'Authorization: Bearer <token>' (401 otherwise). Without it, "
         "a server listening beyond loopback warns at start that anyone can read /metrics.", true},
        {"METRICS", "ACCOUNT_LABELS", T::Boolean, false, 0, 0, {}, "",
         "SENSITIVE: export luna_sender_websocket_clients_by_account, whose labels are account ids "
         "(without ACCESS.ACCOUNT_TOKENS an account id is all a subscriber needs). Off by default; "
         "turn it on only with METRICS.TOKEN set or /metrics unreachable to strangers.", true},
        {"METRICS", "ACCOUNT_LABEL_LIMIT", T::Integer, 20, 0, 10000, {}, "accounts",
         "With ACCOUNT_LABELS, per-account client gauges are exported for this many accounts with "
         "the most clients; the rest are summed under account=\"other\", so the number of series "
         "stays bounded.", true},

        {"INFLUX", "URL", T::String, QString(), 0, 0, {}, "",
         "Base URL of an InfluxDB 1.x HTTP API (http://host:8086) to push the counters of /metrics "
         "to, in line protocol; empty: nothing is pushed.", false},
        {"INFLUX", "DATABASE", T::String, QStringLiteral("luna_sender"), 0, 0, {}, "",
         "InfluxDB database the points are written to (POST /write?db=...).", false},
        {"INFLUX", "USERNAME", T::String, QString(), 0, 0, {}, "",
         "InfluxDB user, if it has authentication on (with PASSWORD_FILE).", false},
        {"INFLUX", "PASSWORD_FILE", T::String, QString(), 0, 0, {}, "",
         "File whose content (one line) is the password of USERNAME; read at start, never logged.",
         false},
        {"INFLUX", "INTERVAL", T::Integer, 10, 1, 3600, {}, "s",
         "How often the counters are taken and queued for InfluxDB.", false},
        {"INFLUX", "BATCH_POINTS", T::Integer, 5000, 1, 1000000, {}, "points",
         "Points written in one request at most.", false},
        {"INFLUX", "BUFFER_POINTS", T::Integer, 100000, 100, 10000000, {}, "points",
         "Points kept while InfluxDB cannot be reached; past it the oldest are dropped and counted "
         "(luna_sender_influx_points_dropped_total).", false},

        {"MONITOR", "ENABLED", T::Boolean, true, 0, 0, {}, "",
         "Open the monitoring port: the JSON API and live stream under /monitor/v1 that an attached "
         "console (luna-sender --attach) reads; its OpenAPI document is /monitor/v1/docs/spec.", false},
        {"MONITOR", "HOST", T::String, QStringLiteral("127.0.0.1"), 0, 0, {}, "",
         "Address of the monitoring port. Any address other than loopback needs TOKEN or TOKEN_FILE "
         "(the program refuses to start without one).", false},
        {"MONITOR", "PORT", T::Integer, 5081, 0, 65535, {}, "",
         "TCP port of the monitoring port; 0 picks a free port and logs it.", false},
        {"MONITOR", "TOKEN", T::Secret, QString(), 0, 0, {}, "",
         "Bearer token every monitoring request must present (Authorization: Bearer <token>, or the "
         "token query parameter on the stream); empty: none needed (loopback only).", false},
        {"MONITOR", "TOKEN_FILE", T::String, QString(), 0, 0, {}, "",
         "File whose first line is the token (instead of TOKEN, which it excludes); read at start.",
         false},
        {"MONITOR", "MAX_CLIENTS", T::Integer, 16, 1, 1024, {}, "streams",
         "Open monitoring streams (attached consoles) at most; one more gets 503 with the JSON "
         "error.", false},
        {"MONITOR", "ALLOWED_ORIGINS", T::List, QString(), 0, 0, {}, "",
         "Origins besides the monitoring port's own from which a browser may open the stream (e.g. "
         "https://ops.example.org), comma-separated; a handshake from any other origin gets 403.",
         false},

        {"ALERTS", "RULES_FILE", T::String, QString(), 0, 0, {}, "",
         "JSON file of alert rules ({\"rules\": [{\"name\", \"severity\", \"condition\", \"accounts\", "
         "\"quiet_seconds\"}]}, conditions in the subscription query syntax); empty: no alerts. "
         "Read at start (an unusable file is an error) and on SIGHUP (a bad file keeps the running "
         "rules).", true},
        {"ALERTS", "LOG_FILE", T::String, QString(), 0, 0, {}, "",
         "Where raised alerts and their acknowledgements are kept across restarts (JSON lines); "
         "empty: in memory only.", false},
        {"ALERTS", "LOG_MAX_ENTRIES", T::Integer, 10000, 1, 1000000, {}, "alerts",
         "The alert log keeps this many alerts; the oldest are dropped and counted "
         "(luna_sender_alerts_log_dropped_total).", false},

        {"DEMO", "ENABLED", T::Boolean, false, 0, 0, {}, "",
         "Generate realistic demo events (several cameras, faces and bodies, matches, locations).", true},
        {"DEMO", "RATE", T::Integer, 2, 1, 1000000, {}, "events/s",
         "How many demo events are generated per second.", true},
        {"DEMO", "ACCOUNT", T::String, QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"), 0, 0,
         {}, "", "Account the demo events belong to (subscribe with this Luna-Account-Id).", true},

        {"LOGGING", "LEVEL", T::Choice, QStringLiteral("info"), 0, 0,
         {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
          QStringLiteral("error")}, "", "Lowest level written to the log.", true},
        {"LOGGING", "RULES", T::String, QString(), 0, 0, {}, "",
         "Extra Qt logging rules separated by ';', e.g. sender.ws.debug=true;sender.redis.info=false.",
         true},
        {"LOGGING", "COLOR", T::Choice, QStringLiteral("auto"), 0, 0,
         {QStringLiteral("auto"), QStringLiteral("always"), QStringLiteral("never")}, "",
         "Colour the levels: auto colours only on a terminal (never in journald or files).", true},
        {"LOGGING", "STATS_INTERVAL", T::Integer, 60, 0, 86400, {}, "s",
         "How often a one-line summary (clients, events in, deliveries) is logged; 0 turns it off.",
         true},
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
