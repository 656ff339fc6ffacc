#include "gui/text/TranslatableTexts.h"

#include "config/ConfigSchema.h"

#include <QCoreApplication>

// Texts that are not written in this module's tr() calls, listed so that lupdate extracts them:
// the descriptions of the configuration table (the settings dialog shows them), and the standard
// texts of Qt's own widgets (Debian ships no Russian qtbase catalogue). tst_translations checks
// that every description of ConfigSchema is here, so a new key cannot silently stay untranslated.

namespace {

[[maybe_unused]] const char *const kQtStandardTexts[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Copy"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Copy &Link Location"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Select All"),
    QT_TRANSLATE_NOOP("QAbstractSpinBox", "&Step up"),
    QT_TRANSLATE_NOOP("QAbstractSpinBox", "Step &down"),
    QT_TRANSLATE_NOOP("QAbstractSpinBox", "&Select All"),
    QT_TRANSLATE_NOOP("QDockWidget", "Float"),
    QT_TRANSLATE_NOOP("QDockWidget", "Close"),
};

[[maybe_unused]] const char *const kConfigDescriptions[] = {
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Address to listen on for HTTP and WebSocket clients (0.0.0.0 or :: for all "
                      "interfaces)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "TCP port for HTTP and WebSocket clients; 0 picks a free port and logs it."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Open client connections at most; a connection beyond it gets 503 with the JSON "
        "error."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Largest request line plus headers; a larger head gets 431."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Largest request body any resource takes (only POST /1/publish takes "
                      "one, and at most REDIS.MAX_MESSAGE_BYTES there); a larger body gets "
                      "413 before it is read."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "A request (or WebSocket handshake) whose head and body have not arrived by then "
        "is cut."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "An idle keep-alive HTTP connection is closed after this long."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Request body bytes held by unfinished requests, all connections "
                      "together; a request whose body would go beyond it gets 503 and its "
                      "connection is closed."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Open connections from one client address at most (a whole site behind "
                      "a NAT shares one); a connection beyond it gets 503 with the JSON "
                      "error."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Connections from one client address that are not (yet) a WebSocket at "
                      "most: handshakes and HTTP requests in flight, idle keep-alive "
                      "connections; one beyond it gets 503 with the JSON error."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "PEM file with the server certificate (and its chain). With TLS_PRIVATE_KEY, the "
        "port speaks https and wss instead of http and ws."),
    QT_TRANSLATE_NOOP("ConfigSchema", "PEM file with the private key of TLS_CERTIFICATE."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Passphrase of TLS_PRIVATE_KEY, if it is encrypted."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "account-uuid:token pairs, comma-separated (an account may have several). When "
        "set, a subscription must present a token of its account (Authorization: Bearer "
        "<token>, or the access_token query parameter for browsers) or gets 401; empty "
        "means no token is needed, as in the original service."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Origins allowed to subscribe from a browser (e.g. https://console.example.org), "
        "comma-separated; a handshake with another Origin header gets 403. Empty allows "
        "any."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "redis://[[user]:password@]host[:port][/db] to subscribe to (rediss:// for TLS, see "
        "REDIS.TLS_*); empty means the embedded bus (no Redis needed)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Password for REDIS.URL's server instead of one in the URL; as "
        "LUNA_SENDER_REDIS_PASSWORD in the environment it stays out of files and the process "
        "list (--redis and --set are visible to every local user in ps). Not together with a "
        "password in the URL or PASSWORD_FILE."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "File whose content (one line; a final newline is dropped) is the password for "
        "REDIS.URL's server, e.g. a systemd credential ($CREDENTIALS_DIRECTORY/redis). Read "
        "at start and on every reload; a missing, unreadable or empty file is a "
        "configuration error."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "With a rediss:// URL: PEM file of the certificate authorities that signed the Redis "
        "server's certificate; empty: the system's."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "With a rediss:// URL: PEM file with our client certificate, for a Redis with "
        "tls-auth-clients (with TLS_PRIVATE_KEY)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "PEM file with the (unencrypted) private key of TLS_CERTIFICATE."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "With a rediss:// URL: check the server's certificate and that it names the host. 0 "
        "turns the check off (anyone in the path can then read and forge events; warned at "
        "start)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "host:port,host:port of Redis Sentinels; when set, the master is asked from them "
        "and the host and port of REDIS.URL are not used (its credentials and db still "
        "are). With a rediss:// URL they are asked over TLS too, with REDIS.TLS_*."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Name of the master the Sentinels monitor."),
    QT_TRANSLATE_NOOP("ConfigSchema", "ACL user for the Sentinels, if they require one."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Password for the Sentinels, if they require one."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Channels are <prefix><account_id>; LUNA handlers publish on "
                      "luna-sender:{account_id}."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Connecting, authenticating and subscribing must finish by then, and a PING must "
        "be answered by then; otherwise Redis counts as down and the connection is "
        "retried."),
    QT_TRANSLATE_NOOP("ConfigSchema", "How often a subscribed connection is checked with PING."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "First delay before reconnecting after Redis went away; doubles up to "
                      "RECONNECT_MAX_MS."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Longest delay between reconnect attempts."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Largest message accepted from Redis or the publish resource; a larger one is "
        "counted as malformed and skipped."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Every client is pinged this often."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "A client that has not answered a ping for this long after it was sent is "
                      "dropped."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Per-client window: the bytes of frames handed to its socket at a time. A "
                      "client that is behind holds a position in its filter group's shared stream, "
                      "not a queue of its own, so this no longer closes anyone (see RETAINED_BYTES "
                      "and MAX_LAG_SECONDS); pongs a client does not read still count against it."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Bytes of frames kept for subscribers that are behind, all accounts together "
        "(each frame once per filter group, however many are behind). Over it the "
        "furthest behind is closed with 1008, one every 100 ms; over 1.25 times it as "
        "many as it takes. 0: a sixteenth of the machine's memory, at most 1 GiB."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "A subscriber whose oldest event not yet handed to its socket is older than "
        "this is closed with 1008 (one every 100 ms, the furthest behind first), so a "
        "client that stopped reading is closed while the others catch up."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Largest frame or message a client may send (they are read and ignored); larger "
        "closes with 1009."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Serve POST /1/publish, which takes a Redis-format message and the "
        "Luna-Account-Id header and delivers it like a message from Redis (an extension "
        "of ours; off by default)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Bearer token the publish resource requires (Authorization: Bearer <token>); "
                      "required when PUBLISH.ENABLED is 1."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Serve GET /metrics in the Prometheus text format (version 0.0.4)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "When set, /metrics requires 'Authorization: Bearer <token>' (401 otherwise). "
        "Without it, a server listening beyond loopback warns at start that anyone can read "
        "/metrics."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "SENSITIVE: export luna_sender_websocket_clients_by_account, whose labels are "
        "account ids (without ACCESS.ACCOUNT_TOKENS an account id is all a subscriber "
        "needs). Off by default; turn it on only with METRICS.TOKEN set or /metrics "
        "unreachable to strangers."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "With ACCOUNT_LABELS, per-account client gauges are exported for this many accounts "
        "with the most clients; the rest are summed under account=\"other\", so the number "
        "of series stays bounded."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Base URL of an InfluxDB 1.x HTTP API (http://host:8086) to push the "
                      "counters of /metrics to, in line protocol; empty: nothing is pushed."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "InfluxDB database the points are written to (POST /write?db=...)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "InfluxDB user, if it has authentication on (with PASSWORD_FILE)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "File whose content (one line) is the password of USERNAME; read at start, never logged."),
    QT_TRANSLATE_NOOP("ConfigSchema", "How often the counters are taken and queued for InfluxDB."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Points written in one request at most."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Points kept while InfluxDB cannot be reached; past it the oldest are "
                      "dropped and counted (luna_sender_influx_points_dropped_total)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Offer permessage-deflate (RFC 7692) to clients that ask for it (browsers and most client "
        "libraries do): each event is compressed once and the frame shared by every such client. "
        "On by default: at 1000 subscribers a 1.5 KB event takes half the bytes on the wire for no "
        "more server CPU (tests/bench/README.md)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "With COMPRESSION, events whose frame payload is smaller than this go "
                      "uncompressed (compressing them costs more than it saves)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Open the monitoring port: the JSON API and live stream under /monitor/v1 that an attached "
        "console (luna-sender --attach) reads; its OpenAPI document is /monitor/v1/docs/spec."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Address of the monitoring port. Any address other than loopback needs TOKEN "
                      "or TOKEN_FILE (the program refuses to start without one)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "TCP port of the monitoring port; 0 picks a free port and logs it."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Bearer token every monitoring request must present (Authorization: Bearer <token>, or the "
        "token query parameter on the stream); empty: none needed (loopback only)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "File whose first line is the token (instead of TOKEN, which it excludes); read at start."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Open monitoring streams (attached consoles) at most; one more gets 503 with "
                      "the JSON error."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Origins besides the monitoring port's own from which a browser may open the "
        "stream (e.g. https://ops.example.org), comma-separated; a handshake from any "
        "other origin gets 403."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "JSON file of alert rules ({\"rules\": [{\"name\", \"severity\", \"condition\", "
        "\"accounts\", \"quiet_seconds\"}]}, conditions in the subscription query "
        "syntax); empty: no alerts. Read at start (an unusable file is an error) and on "
        "SIGHUP (a bad file keeps the running rules)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Where raised alerts and their acknowledgements are kept across restarts (JSON "
        "lines); empty: in memory only."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "The alert log keeps this many alerts; the oldest are dropped and counted "
                      "(luna_sender_alerts_log_dropped_total)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Keep the recent events of every account so that a client can resume after a "
                      "reconnect (since_event_id or since on /1/ws and /2/ws) without a gap; 0 "
                      "keeps nothing and refuses resumes with 410 (error 29110)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Events kept per account; the oldest go first."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Events older than this (by arrival at this instance) are dropped."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Bytes of event frames kept across all accounts; past it the oldest events "
                      "of any account go first."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Generate realistic demo events (several cameras, faces and bodies, matches, "
                      "locations)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "How many demo events are generated per second."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Account the demo events belong to (subscribe with this Luna-Account-Id)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Lowest level written to the log."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Extra Qt logging rules separated by ';', e.g. "
                      "sender.ws.debug=true;sender.redis.info=false."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Colour the levels: auto colours only on a terminal (never in journald or files)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "How often a one-line summary (clients, events in, deliveries) is logged; 0 "
                      "turns it off."),
};

[[maybe_unused]] const char *const kUnits[] = {
    QT_TRANSLATE_NOOP("ConfigUnit", "s"),       QT_TRANSLATE_NOOP("ConfigUnit", "ms"),
    QT_TRANSLATE_NOOP("ConfigUnit", "bytes"),   QT_TRANSLATE_NOOP("ConfigUnit", "events/s"),
    QT_TRANSLATE_NOOP("ConfigUnit", "alerts"),  QT_TRANSLATE_NOOP("ConfigUnit", "events"),
    QT_TRANSLATE_NOOP("ConfigUnit", "streams"),
};

} // namespace

namespace sender {

QString translatedUnit(const ConfigKey &key)
{
    return QCoreApplication::translate("ConfigUnit", key.unit);
}

QString translatedDescription(const ConfigKey &key)
{
    return QCoreApplication::translate("ConfigSchema", key.description);
}

QString sectionTitle(const QString &section)
{
    if (section == u"SERVER")
        return QCoreApplication::translate("ConfigSchema", "Server");
    if (section == u"REDIS")
        return QCoreApplication::translate("ConfigSchema", "Redis");
    if (section == u"WEBSOCKET")
        return QCoreApplication::translate("ConfigSchema", "WebSocket");
    if (section == u"ACCESS")
        return QCoreApplication::translate("ConfigSchema", "Access");
    if (section == u"HISTORY")
        return QCoreApplication::translate("ConfigSchema", "History");
    if (section == u"PUBLISH")
        return QCoreApplication::translate("ConfigSchema", "Publishing");
    if (section == u"ALERTS")
        return QCoreApplication::translate("ConfigSchema", "Alerts");
    if (section == u"DEMO")
        return QCoreApplication::translate("ConfigSchema", "Demo");
    if (section == u"METRICS")
        return QCoreApplication::translate("ConfigSchema", "Metrics");
    if (section == u"INFLUX")
        return QCoreApplication::translate("ConfigSchema", "InfluxDB");
    if (section == u"MONITOR")
        return QCoreApplication::translate("ConfigSchema", "Monitoring port");
    if (section == u"LOGGING")
        return QCoreApplication::translate("ConfigSchema", "Logging");
    return section; // a section added later shows under its own name
}

} // namespace sender
