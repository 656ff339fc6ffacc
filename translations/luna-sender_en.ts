<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConfigSchema</name>
    <message>
        <source>Address to listen on for HTTP and WebSocket clients (0.0.0.0 or :: for all interfaces).</source>
        <translation>Address to listen on for HTTP and WebSocket clients (0.0.0.0 or :: for all interfaces).</translation>
    </message>
    <message>
        <source>TCP port for HTTP and WebSocket clients; 0 picks a free port and logs it.</source>
        <translation>TCP port for HTTP and WebSocket clients; 0 picks a free port and logs it.</translation>
    </message>
    <message>
        <source>Open client connections at most; a connection beyond it gets 503 with the JSON error.</source>
        <translation>Open client connections at most; a connection beyond it gets 503 with the JSON error.</translation>
    </message>
    <message>
        <source>Largest request line plus headers; a larger head gets 431.</source>
        <translation>Largest request line plus headers; a larger head gets 431.</translation>
    </message>
    <message>
        <source>Largest request body any resource takes (only POST /1/publish takes one, and at most REDIS.MAX_MESSAGE_BYTES there); a larger body gets 413 before it is read.</source>
        <translation>Largest request body any resource takes (only POST /1/publish takes one, and at most REDIS.MAX_MESSAGE_BYTES there); a larger body gets 413 before it is read.</translation>
    </message>
    <message>
        <source>A request (or WebSocket handshake) whose head and body have not arrived by then is cut.</source>
        <translation>A request (or WebSocket handshake) whose head and body have not arrived by then is cut.</translation>
    </message>
    <message>
        <source>Listen with SO_REUSEPORT, so that several instances share one address and port and the kernel spreads new connections over them (every instance on the port must set it).</source>
        <translation>Listen with SO_REUSEPORT, so that several instances share one address and port and the kernel spreads new connections over them (every instance on the port must set it).</translation>
    </message>
    <message>
        <source>On SIGTERM or SIGUSR2: /healthcheck says not ready, no new subscriptions, and the subscribers are closed with 1001 at random moments spread over this long; 0 closes them all at once.</source>
        <translation>On SIGTERM or SIGUSR2: /healthcheck says not ready, no new subscriptions, and the subscribers are closed with 1001 at random moments spread over this long; 0 closes them all at once.</translation>
    </message>
    <message>
        <source>What the fleet view calls this instance (at most 64 printable characters); empty: its host name and Sender port.</source>
        <translation>What the fleet view calls this instance (at most 64 printable characters); empty: its host name and Sender port.</translation>
    </message>
    <message>
        <source>With Redis, how often this instance announces itself there and reads the others&apos; announcements; an instance not heard from for three intervals is shown as gone.</source>
        <translation>With Redis, how often this instance announces itself there and reads the others&apos; announcements; an instance not heard from for three intervals is shown as gone.</translation>
    </message>
    <message>
        <source>How long an instance whose announcement expired stays in the fleet view as gone before it is forgotten.</source>
        <translation>How long an instance whose announcement expired stays in the fleet view as gone before it is forgotten.</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Fleet</translation>
    </message>
    <message>
        <source>An idle keep-alive HTTP connection is closed after this long.</source>
        <translation>An idle keep-alive HTTP connection is closed after this long.</translation>
    </message>
    <message>
        <source>Request body bytes held by unfinished requests, all connections together; a request whose body would go beyond it gets 503 and its connection is closed.</source>
        <translation>Request body bytes held by unfinished requests, all connections together; a request whose body would go beyond it gets 503 and its connection is closed.</translation>
    </message>
    <message>
        <source>Open connections from one client address at most (a whole site behind a NAT shares one); a connection beyond it gets 503 with the JSON error.</source>
        <translation>Open connections from one client address at most (a whole site behind a NAT shares one); a connection beyond it gets 503 with the JSON error.</translation>
    </message>
    <message>
        <source>Connections from one client address that are not (yet) a WebSocket at most: handshakes and HTTP requests in flight, idle keep-alive connections; one beyond it gets 503 with the JSON error.</source>
        <translation>Connections from one client address that are not (yet) a WebSocket at most: handshakes and HTTP requests in flight, idle keep-alive connections; one beyond it gets 503 with the JSON error.</translation>
    </message>
    <message>
        <source>host:port,host:port of Redis Sentinels; when set, the master is asked from them and the host and port of REDIS.URL are not used (its credentials and db still are). With a rediss:// URL they are asked over TLS too, with REDIS.TLS_*.</source>
        <translation>host:port,host:port of Redis Sentinels; when set, the master is asked from them and the host and port of REDIS.URL are not used (its credentials and db still are). With a rediss:// URL they are asked over TLS too, with REDIS.TLS_*.</translation>
    </message>
    <message>
        <source>Name of the master the Sentinels monitor.</source>
        <translation>Name of the master the Sentinels monitor.</translation>
    </message>
    <message>
        <source>ACL user for the Sentinels, if they require one.</source>
        <translation>ACL user for the Sentinels, if they require one.</translation>
    </message>
    <message>
        <source>Password for the Sentinels, if they require one.</source>
        <translation>Password for the Sentinels, if they require one.</translation>
    </message>
    <message>
        <source>Channels are &lt;prefix&gt;&lt;account_id&gt;; LUNA handlers publish on luna-sender:{account_id}.</source>
        <translation>Channels are &lt;prefix&gt;&lt;account_id&gt;; LUNA handlers publish on luna-sender:{account_id}.</translation>
    </message>
    <message>
        <source>Connecting, authenticating and subscribing must finish by then, and a PING must be answered by then; otherwise Redis counts as down and the connection is retried.</source>
        <translation>Connecting, authenticating and subscribing must finish by then, and a PING must be answered by then; otherwise Redis counts as down and the connection is retried.</translation>
    </message>
    <message>
        <source>How often a subscribed connection is checked with PING.</source>
        <translation>How often a subscribed connection is checked with PING.</translation>
    </message>
    <message>
        <source>First delay before reconnecting after Redis went away; doubles up to RECONNECT_MAX_MS.</source>
        <translation>First delay before reconnecting after Redis went away; doubles up to RECONNECT_MAX_MS.</translation>
    </message>
    <message>
        <source>Longest delay between reconnect attempts.</source>
        <translation>Longest delay between reconnect attempts.</translation>
    </message>
    <message>
        <source>Largest message accepted from Redis or the publish resource; a larger one is counted as malformed and skipped.</source>
        <translation>Largest message accepted from Redis or the publish resource; a larger one is counted as malformed and skipped.</translation>
    </message>
    <message>
        <source>Every client is pinged this often (its first ping after a random half to whole interval, so that clients that connected together are not pinged together).</source>
        <translation>Every client is pinged this often (its first ping after a random half to whole interval, so that clients that connected together are not pinged together).</translation>
    </message>
    <message>
        <source>A client that has not answered a ping for this long after it was sent is dropped.</source>
        <translation>A client that has not answered a ping for this long after it was sent is dropped.</translation>
    </message>
    <message>
        <source>Per-client window: the bytes of frames handed to its socket at a time. A client that is behind holds a position in its filter group&apos;s shared stream, not a queue of its own, so this no longer closes anyone (see RETAINED_BYTES and MAX_LAG_SECONDS); pongs a client does not read still count against it.</source>
        <translation>Per-client window: the bytes of frames handed to its socket at a time. A client that is behind holds a position in its filter group&apos;s shared stream, not a queue of its own, so this no longer closes anyone (see RETAINED_BYTES and MAX_LAG_SECONDS); pongs a client does not read still count against it.</translation>
    </message>
    <message>
        <source>Bytes of frames kept for subscribers that are behind, all accounts together (each frame once per filter group, however many are behind). Over it the furthest behind is closed with 1008, one every 100 ms; over 1.25 times it as many as it takes. 0: a sixteenth of the machine&apos;s memory, at most 1 GiB.</source>
        <translation>Bytes of frames kept for subscribers that are behind, all accounts together (each frame once per filter group, however many are behind). Over it the furthest behind is closed with 1008, one every 100 ms; over 1.25 times it as many as it takes. 0: a sixteenth of the machine&apos;s memory, at most 1 GiB.</translation>
    </message>
    <message>
        <source>A subscriber whose oldest event not yet handed to its socket is older than this is closed with 1008 (one every 100 ms, the furthest behind first), so a client that stopped reading is closed while the others catch up.</source>
        <translation>A subscriber whose oldest event not yet handed to its socket is older than this is closed with 1008 (one every 100 ms, the furthest behind first), so a client that stopped reading is closed while the others catch up.</translation>
    </message>
    <message>
        <source>Largest frame or message a client may send (they are read and ignored); larger closes with 1009.</source>
        <translation>Largest frame or message a client may send (they are read and ignored); larger closes with 1009.</translation>
    </message>
    <message>
        <source>Serve POST /1/publish, which takes a Redis-format message and the Luna-Account-Id header and delivers it like a message from Redis (an extension of ours; off by default).</source>
        <translation>Serve POST /1/publish, which takes a Redis-format message and the Luna-Account-Id header and delivers it like a message from Redis (an extension of ours; off by default).</translation>
    </message>
    <message>
        <source>Bearer token the publish resource requires (Authorization: Bearer &lt;token&gt;); required when PUBLISH.ENABLED is 1.</source>
        <translation>Bearer token the publish resource requires (Authorization: Bearer &lt;token&gt;); required when PUBLISH.ENABLED is 1.</translation>
    </message>
    <message>
        <source>Keep the recent events of every account so that a client can resume after a reconnect (since_event_id or since on /1/ws and /2/ws) without a gap; 0 keeps nothing and refuses resumes with 410 (error 29110).</source>
        <translation>Keep the recent events of every account so that a client can resume after a reconnect (since_event_id or since on /1/ws and /2/ws) without a gap; 0 keeps nothing and refuses resumes with 410 (error 29110).</translation>
    </message>
    <message>
        <source>Events kept per account; the oldest go first.</source>
        <translation>Events kept per account; the oldest go first.</translation>
    </message>
    <message>
        <source>Events older than this (by arrival at this instance) are dropped.</source>
        <translation>Events older than this (by arrival at this instance) are dropped.</translation>
    </message>
    <message>
        <source>Bytes of event frames kept across all accounts; past it the oldest events of any account go first.</source>
        <translation>Bytes of event frames kept across all accounts; past it the oldest events of any account go first.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Generate realistic demo events (several cameras, faces and bodies, matches, locations).</source>
        <translation>Generate realistic demo events (several cameras, faces and bodies, matches, locations).</translation>
    </message>
    <message>
        <source>How many demo events are generated per second.</source>
        <translation>How many demo events are generated per second.</translation>
    </message>
    <message>
        <source>Account the demo events belong to (subscribe with this Luna-Account-Id).</source>
        <translation>Account the demo events belong to (subscribe with this Luna-Account-Id).</translation>
    </message>
    <message>
        <source>Lowest level written to the log.</source>
        <translation>Lowest level written to the log.</translation>
    </message>
    <message>
        <source>Extra Qt logging rules separated by &apos;;&apos;, e.g. sender.ws.debug=true;sender.redis.info=false.</source>
        <translation>Extra Qt logging rules separated by &apos;;&apos;, e.g. sender.ws.debug=true;sender.redis.info=false.</translation>
    </message>
    <message>
        <source>Colour the levels: auto colours only on a terminal (never in journald or files).</source>
        <translation>Colour the levels: auto colours only on a terminal (never in journald or files).</translation>
    </message>
    <message>
        <source>How often a one-line summary (clients, events in, deliveries) is logged; 0 turns it off.</source>
        <translation>How often a one-line summary (clients, events in, deliveries) is logged; 0 turns it off.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Publishing</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Logging</source>
        <translation>Logging</translation>
    </message>
    <message>
        <source>PEM file with the server certificate (and its chain). With TLS_PRIVATE_KEY, the port speaks https and wss instead of http and ws.</source>
        <translation>PEM file with the server certificate (and its chain). With TLS_PRIVATE_KEY, the port speaks https and wss instead of http and ws.</translation>
    </message>
    <message>
        <source>PEM file with the private key of TLS_CERTIFICATE.</source>
        <translation>PEM file with the private key of TLS_CERTIFICATE.</translation>
    </message>
    <message>
        <source>Passphrase of TLS_PRIVATE_KEY, if it is encrypted.</source>
        <translation>Passphrase of TLS_PRIVATE_KEY, if it is encrypted.</translation>
    </message>
    <message>
        <source>account-uuid:token pairs, comma-separated (an account may have several). When set, a subscription must present a token of its account (Authorization: Bearer &lt;token&gt;, or the access_token query parameter for browsers) or gets 401; empty means no token is needed, as in the original service.</source>
        <translation>account-uuid:token pairs, comma-separated (an account may have several). When set, a subscription must present a token of its account (Authorization: Bearer &lt;token&gt;, or the access_token query parameter for browsers) or gets 401; empty means no token is needed, as in the original service.</translation>
    </message>
    <message>
        <source>Origins allowed to subscribe from a browser (e.g. https://console.example.org), comma-separated; a handshake with another Origin header gets 403. Empty allows any.</source>
        <translation>Origins allowed to subscribe from a browser (e.g. https://console.example.org), comma-separated; a handshake with another Origin header gets 403. Empty allows any.</translation>
    </message>
    <message>
        <source>Serve GET /metrics in the Prometheus text format (version 0.0.4).</source>
        <translation>Serve GET /metrics in the Prometheus text format (version 0.0.4).</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Access</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metrics</translation>
    </message>
    <message>
        <source>JSON file of alert rules ({&quot;rules&quot;: [{&quot;name&quot;, &quot;severity&quot;, &quot;condition&quot;, &quot;accounts&quot;, &quot;quiet_seconds&quot;}]}, conditions in the subscription query syntax); empty: no alerts. Read at start (an unusable file is an error) and on SIGHUP (a bad file keeps the running rules).</source>
        <translation>JSON file of alert rules ({&quot;rules&quot;: [{&quot;name&quot;, &quot;severity&quot;, &quot;condition&quot;, &quot;accounts&quot;, &quot;quiet_seconds&quot;}]}, conditions in the subscription query syntax); empty: no alerts. Read at start (an unusable file is an error) and on SIGHUP (a bad file keeps the running rules).</translation>
    </message>
    <message>
        <source>Where raised alerts and their acknowledgements are kept across restarts (JSON lines); empty: in memory only.</source>
        <translation>Where raised alerts and their acknowledgements are kept across restarts (JSON lines); empty: in memory only.</translation>
    </message>
    <message>
        <source>The alert log keeps this many alerts; the oldest are dropped and counted (luna_sender_alerts_log_dropped_total).</source>
        <translation>The alert log keeps this many alerts; the oldest are dropped and counted (luna_sender_alerts_log_dropped_total).</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>redis://[[user]:password@]host[:port][/db] to subscribe to (rediss:// for TLS, see REDIS.TLS_*); empty means the embedded bus (no Redis needed).</source>
        <translation>redis://[[user]:password@]host[:port][/db] to subscribe to (rediss:// for TLS, see REDIS.TLS_*); empty means the embedded bus (no Redis needed).</translation>
    </message>
    <message>
        <source>Password for REDIS.URL&apos;s server instead of one in the URL; as LUNA_SENDER_REDIS_PASSWORD in the environment it stays out of files and the process list (--redis and --set are visible to every local user in ps). Not together with a password in the URL or PASSWORD_FILE.</source>
        <translation>Password for REDIS.URL&apos;s server instead of one in the URL; as LUNA_SENDER_REDIS_PASSWORD in the environment it stays out of files and the process list (--redis and --set are visible to every local user in ps). Not together with a password in the URL or PASSWORD_FILE.</translation>
    </message>
    <message>
        <source>File whose content (one line; a final newline is dropped) is the password for REDIS.URL&apos;s server, e.g. a systemd credential ($CREDENTIALS_DIRECTORY/redis). Read at start and on every reload; a missing, unreadable or empty file is a configuration error.</source>
        <translation>File whose content (one line; a final newline is dropped) is the password for REDIS.URL&apos;s server, e.g. a systemd credential ($CREDENTIALS_DIRECTORY/redis). Read at start and on every reload; a missing, unreadable or empty file is a configuration error.</translation>
    </message>
    <message>
        <source>With a rediss:// URL: PEM file of the certificate authorities that signed the Redis server&apos;s certificate; empty: the system&apos;s.</source>
        <translation>With a rediss:// URL: PEM file of the certificate authorities that signed the Redis server&apos;s certificate; empty: the system&apos;s.</translation>
    </message>
    <message>
        <source>With a rediss:// URL: PEM file with our client certificate, for a Redis with tls-auth-clients (with TLS_PRIVATE_KEY).</source>
        <translation>With a rediss:// URL: PEM file with our client certificate, for a Redis with tls-auth-clients (with TLS_PRIVATE_KEY).</translation>
    </message>
    <message>
        <source>PEM file with the (unencrypted) private key of TLS_CERTIFICATE.</source>
        <translation>PEM file with the (unencrypted) private key of TLS_CERTIFICATE.</translation>
    </message>
    <message>
        <source>With a rediss:// URL: check the server&apos;s certificate and that it names the host. 0 turns the check off (anyone in the path can then read and forge events; warned at start).</source>
        <translation>With a rediss:// URL: check the server&apos;s certificate and that it names the host. 0 turns the check off (anyone in the path can then read and forge events; warned at start).</translation>
    </message>
    <message>
        <source>When set, /metrics requires &apos;Authorization: Bearer &lt;token&gt;&apos; (401 otherwise). Without it, a server listening beyond loopback warns at start that anyone can read /metrics.</source>
        <translation>When set, /metrics requires &apos;Authorization: Bearer &lt;token&gt;&apos; (401 otherwise). Without it, a server listening beyond loopback warns at start that anyone can read /metrics.</translation>
    </message>
    <message>
        <source>SENSITIVE: export luna_sender_websocket_clients_by_account, whose labels are account ids (without ACCESS.ACCOUNT_TOKENS an account id is all a subscriber needs). Off by default; turn it on only with METRICS.TOKEN set or /metrics unreachable to strangers.</source>
        <translation>SENSITIVE: export luna_sender_websocket_clients_by_account, whose labels are account ids (without ACCESS.ACCOUNT_TOKENS an account id is all a subscriber needs). Off by default; turn it on only with METRICS.TOKEN set or /metrics unreachable to strangers.</translation>
    </message>
    <message>
        <source>Base URL of an InfluxDB 1.x HTTP API (http://host:8086) to push the counters of /metrics to, in line protocol; empty: nothing is pushed.</source>
        <translation>Base URL of an InfluxDB 1.x HTTP API (http://host:8086) to push the counters of /metrics to, in line protocol; empty: nothing is pushed.</translation>
    </message>
    <message>
        <source>InfluxDB database the points are written to (POST /write?db=...).</source>
        <translation>InfluxDB database the points are written to (POST /write?db=...).</translation>
    </message>
    <message>
        <source>InfluxDB user, if it has authentication on (with PASSWORD_FILE).</source>
        <translation>InfluxDB user, if it has authentication on (with PASSWORD_FILE).</translation>
    </message>
    <message>
        <source>File whose content (one line) is the password of USERNAME; read at start, never logged.</source>
        <translation>File whose content (one line) is the password of USERNAME; read at start, never logged.</translation>
    </message>
    <message>
        <source>How often the counters are taken and queued for InfluxDB.</source>
        <translation>How often the counters are taken and queued for InfluxDB.</translation>
    </message>
    <message>
        <source>Points written in one request at most.</source>
        <translation>Points written in one request at most.</translation>
    </message>
    <message>
        <source>Points kept while InfluxDB cannot be reached; past it the oldest are dropped and counted (luna_sender_influx_points_dropped_total).</source>
        <translation>Points kept while InfluxDB cannot be reached; past it the oldest are dropped and counted (luna_sender_influx_points_dropped_total).</translation>
    </message>
    <message>
        <source>InfluxDB</source>
        <translation>InfluxDB</translation>
    </message>
    <message>
        <source>Offer permessage-deflate (RFC 7692) to clients that ask for it (browsers and most client libraries do): each event is compressed once and the frame shared by every such client. On by default: at 1000 subscribers a 1.5 KB event takes half the bytes on the wire for no more server CPU (tests/bench/README.md).</source>
        <translation>Offer permessage-deflate (RFC 7692) to clients that ask for it (browsers and most client libraries do): each event is compressed once and the frame shared by every such client. On by default: at 1000 subscribers a 1.5 KB event takes half the bytes on the wire for no more server CPU (tests/bench/README.md).</translation>
    </message>
    <message>
        <source>With COMPRESSION, events whose frame payload is smaller than this go uncompressed (compressing them costs more than it saves).</source>
        <translation>With COMPRESSION, events whose frame payload is smaller than this go uncompressed (compressing them costs more than it saves).</translation>
    </message>
    <message>
        <source>With ACCOUNT_LABELS, per-account client gauges are exported for this many accounts with the most clients; the rest are summed under account=&quot;other&quot;, so the number of series stays bounded.</source>
        <translation>With ACCOUNT_LABELS, per-account client gauges are exported for this many accounts with the most clients; the rest are summed under account=&quot;other&quot;, so the number of series stays bounded.</translation>
    </message>
    <message>
        <source>Open the monitoring port: the JSON API and live stream under /monitor/v1 that an attached console (luna-sender --attach) reads; its OpenAPI document is /monitor/v1/docs/spec.</source>
        <translation>Open the monitoring port: the JSON API and live stream under /monitor/v1 that an attached console (luna-sender --attach) reads; its OpenAPI document is /monitor/v1/docs/spec.</translation>
    </message>
    <message>
        <source>Address of the monitoring port. Any address other than loopback needs TOKEN or TOKEN_FILE (the program refuses to start without one).</source>
        <translation>Address of the monitoring port. Any address other than loopback needs TOKEN or TOKEN_FILE (the program refuses to start without one).</translation>
    </message>
    <message>
        <source>TCP port of the monitoring port; 0 picks a free port and logs it.</source>
        <translation>TCP port of the monitoring port; 0 picks a free port and logs it.</translation>
    </message>
    <message>
        <source>Bearer token every monitoring request must present (Authorization: Bearer &lt;token&gt;, or the token query parameter on the stream); empty: none needed (loopback only).</source>
        <translation>Bearer token every monitoring request must present (Authorization: Bearer &lt;token&gt;, or the token query parameter on the stream); empty: none needed (loopback only).</translation>
    </message>
    <message>
        <source>File whose first line is the token (instead of TOKEN, which it excludes); read at start.</source>
        <translation>File whose first line is the token (instead of TOKEN, which it excludes); read at start.</translation>
    </message>
    <message>
        <source>Open monitoring streams (attached consoles) at most; one more gets 503 with the JSON error.</source>
        <translation>Open monitoring streams (attached consoles) at most; one more gets 503 with the JSON error.</translation>
    </message>
    <message>
        <source>Origins besides the monitoring port&apos;s own from which a browser may open the stream (e.g. https://ops.example.org), comma-separated; a handshake from any other origin gets 403.</source>
        <translation>Origins besides the monitoring port&apos;s own from which a browser may open the stream (e.g. https://ops.example.org), comma-separated; a handshake from any other origin gets 403.</translation>
    </message>
    <message>
        <source>Monitoring port</source>
        <translation>Monitoring port</translation>
    </message>
    <message>
        <source>LUNA PLATFORM</source>
        <translation>LUNA PLATFORM</translation>
    </message>
    <message>
        <source>With no RULES_FILE, raise alerts by the built-in starter rules (a watchlist match at 0.8 or more, a strong match on any list, a failed liveness check, a subscriber 10 s behind; the manual&apos;s Alerts page lists them); false: no alerts unless RULES_FILE names some. Read at start.</source>
        <translation>With no RULES_FILE, raise alerts by the built-in starter rules (a watchlist match at 0.8 or more, a strong match on any list, a failed liveness check, a subscriber 10 s behind; the manual&apos;s Alerts page lists them); false: no alerts unless RULES_FILE names some. Read at start.</translation>
    </message>
    <message>
        <source>The LUNA PLATFORM API the pictures of events are fetched from for the console and the web viewer (http(s)://host[:port][/base]; only sample and image paths under it are ever requested); empty: pictures only for the demo source&apos;s events.</source>
        <translation>The LUNA PLATFORM API the pictures of events are fetched from for the console and the web viewer (http(s)://host[:port][/base]; only sample and image paths under it are ever requested); empty: pictures only for the demo source&apos;s events.</translation>
    </message>
    <message>
        <source>File whose first line is the LUNA API token (sent as X-Auth-Token); read at start, never logged.</source>
        <translation>File whose first line is the LUNA API token (sent as X-Auth-Token); read at start, never logged.</translation>
    </message>
    <message>
        <source>A picture not fetched within this time is shown as unavailable.</source>
        <translation>A picture not fetched within this time is shown as unavailable.</translation>
    </message>
    <message>
        <source>Larger pictures are refused (counted as they arrive, whatever Content-Length says).</source>
        <translation>Larger pictures are refused (counted as they arrive, whatever Content-Length says).</translation>
    </message>
    <message>
        <source>Pictures kept in memory at most (least recently used go first).</source>
        <translation>Pictures kept in memory at most (least recently used go first).</translation>
    </message>
    <message>
        <source>Pictures kept in memory at most, by count.</source>
        <translation>Pictures kept in memory at most, by count.</translation>
    </message>
    <message>
        <source>How long a fetched picture is kept (a failure: 15 s at most).</source>
        <translation>How long a fetched picture is kept (a failure: 15 s at most).</translation>
    </message>
    <message>
        <source>Requests to the LUNA API at once; up to 64 more pictures wait, beyond that a viewer is told to try again.</source>
        <translation>Requests to the LUNA API at once; up to 64 more pictures wait, beyond that a viewer is told to try again.</translation>
    </message>
</context>
<context>
    <name>ConfigUnit</name>
    <message>
        <source>events</source>
        <translation>events</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>bytes</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>events/s</translation>
    </message>
    <message>
        <source>alerts</source>
        <translation>alerts</translation>
    </message>
    <message>
        <source>streams</source>
        <translation>streams</translation>
    </message>
    <message>
        <source>accounts</source>
        <translation>accounts</translation>
    </message>
    <message>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <source>pictures</source>
        <translation>pictures</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>requests</translation>
    </message>
</context>
<context>
    <name>FilterText</name>
    <message>
        <source>has any of</source>
        <translation>has any of</translation>
    </message>
    <message>
        <source>has all of</source>
        <translation>has all of</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>contains</translation>
    </message>
    <message>
        <source>within</source>
        <translation>within</translation>
    </message>
    <message>
        <source>all events</source>
        <translation>all events</translation>
    </message>
    <message>
        <source> AND </source>
        <translation> AND </translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Step up</source>
        <translation>&amp;Step up</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>Step &amp;down</translation>
    </message>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Select All</translation>
    </message>
</context>
<context>
    <name>QDockWidget</name>
    <message>
        <source>Float</source>
        <translation>Float</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Yes</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Restore Defaults</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copy &amp;Link Location</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>sender::AlertRulesDialog</name>
    <message>
        <source>Add rule</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Remove rule</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>Save rules</translation>
    </message>
    <message>
        <source>Alert rules — %1</source>
        <translation>Alert rules — %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Quiet (s)</source>
        <translation>Quiet (s)</translation>
    </message>
    <message>
        <source>Recent hits</source>
        <translation>Recent hits</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Age, gender</source>
        <translation>Age, gender</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>Liveness</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critical</translation>
    </message>
    <message>
        <source>A subscription query, e.g. matching_candidates_labels=wanted&amp;object_similarity__gte=0.9</source>
        <translation>A subscription query, e.g. matching_candidates_labels=wanted&amp;object_similarity__gte=0.9</translation>
    </message>
    <message>
        <source>Events: a subscription query. Subscriber lag: lag_events__gt=N and/or lag_seconds__gt=S (both must hold when both are given), e.g. lag_seconds__gt=10 raises an alert when a subscriber falls more than 10 s behind</source>
        <translation>Events: a subscription query. Subscriber lag: lag_events__gt=N and/or lag_seconds__gt=S (both must hold when both are given), e.g. lag_seconds__gt=10 raises an alert when a subscriber falls more than 10 s behind</translation>
    </message>
    <message>
        <source>subscriber lag</source>
        <translation>subscriber lag</translation>
    </message>
    <message>
        <source>Empty: every account; else account ids, comma separated</source>
        <translation>Empty: every account; else account ids, comma separated</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>One alert per rule and source in this time, not one per event</source>
        <translation>One alert per rule and source in this time, not one per event</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>Severity:</translation>
    </message>
    <message>
        <source>Condition:</source>
        <translation>Condition:</translation>
    </message>
    <message>
        <source>Accounts:</source>
        <translation>Accounts:</translation>
    </message>
    <message>
        <source>Quiet period:</source>
        <translation>Quiet period:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Recent events the selected rule would have hit:</source>
        <translation>Recent events the selected rule would have hit:</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Reading the rules…</source>
        <translation>Reading the rules…</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) in force.</source>
        <translation>
            <numerusform>%n rule in force.</numerusform>
            <numerusform>%n rules in force.</numerusform>
        </translation>
    </message>
    <message>
        <source>The rules file has an error, so the engine keeps its last good rules (shown here): %1</source>
        <translation>The rules file has an error, so the engine keeps its last good rules (shown here): %1</translation>
    </message>
    <message>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>Changed here, not saved yet: the engine still runs its own rules.</source>
        <translation>Changed here, not saved yet: the engine still runs its own rules.</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>rule %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>sender::AlertsPane</name>
    <message>
        <source>critical</source>
        <translation>critical</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attributes</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Your name</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>Comment (optional)</translation>
    </message>
    <message>
        <source>Acknowledge as:</source>
        <translation>Acknowledge as:</translation>
    </message>
    <message>
        <source>acknowledged by %1</source>
        <translation>acknowledged by %1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <source>Critical alert</source>
        <translation>Critical alert</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>Rules…</translation>
    </message>
    <message>
        <source>Sound on critical alerts</source>
        <translation>Sound on critical alerts</translation>
    </message>
    <message>
        <source>Edit the alert rules, with a preview of the recent events each would hit</source>
        <translation>Edit the alert rules, with a preview of the recent events each would hit</translation>
    </message>
</context>
<context>
    <name>sender::ConfigForm</name>
    <message>
        <source>Set by the environment: that value wins over the file at the next start.</source>
        <translation>Set by the environment: that value wins over the file at the next start.</translation>
    </message>
    <message>
        <source>Set on the command line: that value wins over the file at the next start.</source>
        <translation>Set on the command line: that value wins over the file at the next start.</translation>
    </message>
    <message>
        <source>%1 in the [%2] section of the file; environment variable %3</source>
        <translation>%1 in the [%2] section of the file; environment variable %3</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Show the value</source>
        <translation>Show the value</translation>
    </message>
    <message>
        <source>empty: the embedded bus</source>
        <translation>empty: the embedded bus</translation>
    </message>
</context>
<context>
    <name>sender::ConnectDialog</name>
    <message>
        <source>Keep the token in the system keyring</source>
        <translation>Keep the token in the system keyring</translation>
    </message>
    <message>
        <source>Connect to service</source>
        <translation>Connect to service</translation>
    </message>
    <message>
        <source>none (a loopback port without a token)</source>
        <translation>none (a loopback port without a token)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Attach this console to a running Luna Sender through its monitoring port ([MONITOR] in its configuration).</source>
        <translation>Attach this console to a running Luna Sender through its monitoring port ([MONITOR] in its configuration).</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Service:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Keep the token for this session</source>
        <translation>Keep the token for this session</translation>
    </message>
    <message>
        <source>The service is the monitoring port&apos;s address, for example http://192.0.2.10:5081.</source>
        <translation>The service is the monitoring port&apos;s address, for example http://192.0.2.10:5081.</translation>
    </message>
</context>
<context>
    <name>sender::ConnectionsModel</name>
    <message>
        <source>%1 events, %2 s</source>
        <translation>%1 events, %2 s</translation>
    </message>
    <message>
        <source>Events that passed this client&apos;s filters and are not yet handed to its socket, and how long ago the oldest of them arrived</source>
        <translation>Events that passed this client&apos;s filters and are not yet handed to its socket, and how long ago the oldest of them arrived</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>Behind</translation>
    </message>
    <message>
        <source>No filters: the client receives every event of its account</source>
        <translation>No filters: the client receives every event of its account</translation>
    </message>
    <message>
        <source>Query: %1</source>
        <translation>Query: %1</translation>
    </message>
    <message>
        <source>Connected %1 ago (API version %2)</source>
        <translation>Connected %1 ago (API version %2)</translation>
    </message>
    <message>
        <source>Frames dropped for this client</source>
        <translation>Frames dropped for this client</translation>
    </message>
    <message>
        <source>Bytes waiting in this client&apos;s send queue</source>
        <translation>Bytes waiting in this client&apos;s send queue</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Peer</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>Connected since</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Dropped</translation>
    </message>
    <message>
        <source>Filtered out</source>
        <translation>Filtered out</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Request id</translation>
    </message>
    <message>
        <source>Instance %1</source>
        <translation>Instance %1</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
</context>
<context>
    <name>sender::ConnectionsPane</name>
    <message>
        <source>Disconnect…</source>
        <translation>Disconnect…</translation>
    </message>
    <message>
        <source>Search peer, account, filters, request id…</source>
        <translation>Search peer, account, filters, request id…</translation>
    </message>
    <message>
        <source>Close the selected client&apos;s WebSocket (it is asked to confirm)</source>
        <translation>Close the selected client&apos;s WebSocket (it is asked to confirm)</translation>
    </message>
    <message>
        <source>Copy filter query</source>
        <translation>Copy filter query</translation>
    </message>
    <message>
        <source>Copy account</source>
        <translation>Copy account</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n client(s)</source>
        <translation>
            <numerusform>%1 of %n client</numerusform>
            <numerusform>%1 of %n clients</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a client to see its details and filters.</source>
        <translation>Select a client to see its details and filters.</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Peer</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Request id</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1 (%2 ago)</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Filtered out</source>
        <translation>Filtered out</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Dropped</translation>
    </message>
    <message>
        <source>Send queue</source>
        <translation>Send queue</translation>
    </message>
    <message>
        <source>Bytes sent</source>
        <translation>Bytes sent</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Disconnect client</source>
        <translation>Disconnect client</translation>
    </message>
    <message>
        <source>Disconnect %1?</source>
        <translation>Disconnect %1?</translation>
    </message>
    <message>
        <source>Account %1
Filters: %2

The client&apos;s WebSocket is closed (code 1000). A client that reconnects is accepted again.</source>
        <translation>Account %1
Filters: %2

The client&apos;s WebSocket is closed (code 1000). A client that reconnects is accepted again.</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Disconnect</translation>
    </message>
</context>
<context>
    <name>sender::EngineStatusBar</name>
    <message>
        <source>Embedded bus + demo events</source>
        <translation>Embedded bus + demo events</translation>
    </message>
    <message>
        <source>Embedded bus (no Redis)</source>
        <translation>Embedded bus (no Redis)</translation>
    </message>
    <message>
        <source>No Redis is configured: events come from the embedded bus</source>
        <translation>No Redis is configured: events come from the embedded bus</translation>
    </message>
    <message>
        <source>Redis: subscribed</source>
        <translation>Redis: subscribed</translation>
    </message>
    <message>
        <source>Redis: connecting…</source>
        <translation>Redis: connecting…</translation>
    </message>
    <message>
        <source>Redis: down, retry in %1 s</source>
        <translation>Redis: down, retry in %1 s</translation>
    </message>
    <message>
        <source>Redis: down</source>
        <translation>Redis: down</translation>
    </message>
    <message>
        <source>Redis: stopped</source>
        <translation>Redis: stopped</translation>
    </message>
    <message>
        <source>%1
Reconnects: %2</source>
        <translation>%1
Reconnects: %2</translation>
    </message>
    <message>
        <source>Events received per second from all sources</source>
        <translation>Events received per second from all sources</translation>
    </message>
    <message>
        <source>Frames delivered per second to WebSocket clients</source>
        <translation>Frames delivered per second to WebSocket clients</translation>
    </message>
    <message>
        <source>Subscribed WebSocket clients</source>
        <translation>Subscribed WebSocket clients</translation>
    </message>
    <message>
        <source>Time since the engine started</source>
        <translation>Time since the engine started</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>In %1</translation>
    </message>
    <message>
        <source>Out %1</source>
        <translation>Out %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Listening on %1</translation>
    </message>
    <message>
        <source>HTTP and WebSocket (/1/ws, /2/ws) clients connect here</source>
        <translation>HTTP and WebSocket (/1/ws, /2/ws) clients connect here</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Not running</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>The server could not start: %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Clients %1</source>
        <translation>Clients %1</translation>
    </message>
    <message>
        <source>Up %1</source>
        <translation>Up %1</translation>
    </message>
    <message>
        <source>Attached to %1</source>
        <translation>Attached to %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>Link to %1 lost, retrying in %2 s</source>
        <translation>Link to %1 lost, retrying in %2 s</translation>
    </message>
    <message>
        <source>Link to %1 lost</source>
        <translation>Link to %1 lost</translation>
    </message>
    <message>
        <source>%1 refused the token: File › Connect to service… to give another</source>
        <translation>%1 refused the token: File › Connect to service… to give another</translation>
    </message>
    <message>
        <source>History %1 ev · %2</source>
        <translation>History %1 ev · %2</translation>
    </message>
    <message>
        <source>Recent events kept so that a client that reconnects with since_event_id or since misses nothing
Events held: %1 (%2), accounts: %3
Evicted since the start: %4
Limits: HISTORY.MAX_EVENTS per account, HISTORY.MAX_SECONDS of age and HISTORY.MAX_BYTES across all accounts; past any of them the oldest events go first, and a client cannot resume from before them</source>
        <translation>Recent events kept so that a client that reconnects with since_event_id or since misses nothing
Events held: %1 (%2), accounts: %3
Evicted since the start: %4
Limits: HISTORY.MAX_EVENTS per account, HISTORY.MAX_SECONDS of age and HISTORY.MAX_BYTES across all accounts; past any of them the oldest events go first, and a client cannot resume from before them</translation>
    </message>
</context>
<context>
    <name>sender::EventDetailView</name>
    <message>
        <source>Copy as JSON</source>
        <translation>Copy as JSON</translation>
    </message>
    <message>
        <source>Copy the message as a client receives it</source>
        <translation>Copy the message as a client receives it</translation>
    </message>
    <message>
        <source>Copy as delivered to clients</source>
        <translation>Copy as delivered to clients</translation>
    </message>
    <message>
        <source>Copy the event object as published</source>
        <translation>Copy the event object as published</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Expand all</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Collapse all</translation>
    </message>
    <message>
        <source>age %1</source>
        <translation>age %1</translation>
    </message>
    <message>
        <source>top match “%1” %2</source>
        <translation>top match “%1” %2</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message>
        <source>Event %1</source>
        <translation>Event %1</translation>
    </message>
    <message>
        <source>Select an event to see its JSON.</source>
        <translation>Select an event to see its JSON.</translation>
    </message>
    <message>
        <source>Event from the history</source>
        <translation>Event from the history</translation>
    </message>
</context>
<context>
    <name>sender::EventPictures</name>
    <message>
        <source>Captured face</source>
        <translation>Captured face</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Enrolled face</source>
        <translation>Enrolled face</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>no match</translation>
    </message>
    <message>
        <source>similarity %1</source>
        <translation>similarity %1</translation>
    </message>
</context>
<context>
    <name>sender::EventStreamModel</name>
    <message>
        <source>passes</source>
        <translation>passes</translation>
    </message>
    <message>
        <source>filtered out</source>
        <translation>filtered out</translation>
    </message>
    <message>
        <source>Event %1 from %2</source>
        <translation>Event %1 from %2</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) received this event</source>
        <translation>
            <numerusform>%n client received this event</numerusform>
            <numerusform>%n clients received this event</numerusform>
        </translation>
    </message>
    <message>
        <source>Sequence number of the event since the console started</source>
        <translation>Sequence number of the event since the console started</translation>
    </message>
    <message>
        <source>When the engine received the event</source>
        <translation>When the engine received the event</translation>
    </message>
    <message>
        <source>event.source: the camera or stream</source>
        <translation>event.source: the camera or stream</translation>
    </message>
    <message>
        <source>How many WebSocket clients received the event</source>
        <translation>How many WebSocket clients received the event</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Age / gender</source>
        <translation>Age / gender</translation>
    </message>
    <message>
        <source>Emotion</source>
        <translation>Emotion</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>Mask</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>Liveness</translation>
    </message>
    <message>
        <source>Top match</source>
        <translation>Top match</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>Similarity</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Event %1 from %2, kept in the engine&apos;s history (it arrived before this list began)</source>
        <translation>Event %1 from %2, kept in the engine&apos;s history (it arrived before this list began)</translation>
    </message>
    <message>
        <source>The history does not keep how many clients received this event</source>
        <translation>The history does not keep how many clients received this event</translation>
    </message>
    <message>
        <source>The captured face, fetched through the service while its row is shown</source>
        <translation>The captured face, fetched through the service while its row is shown</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>Face</translation>
    </message>
</context>
<context>
    <name>sender::EventStreamPane</name>
    <message>
        <source>filtered out</source>
        <translation>filtered out</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Freeze the list to read it; new events wait and are added on resume (Ctrl+E)</source>
        <translation>Freeze the list to read it; new events wait and are added on resume (Ctrl+E)</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Follow</translation>
    </message>
    <message>
        <source>Keep the newest event in view; scrolling up stops following, scrolling to the end resumes it</source>
        <translation>Keep the newest event in view; scrolling up stops following, scrolling to the end resumes it</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Empty the list (the server is not affected)</source>
        <translation>Empty the list (the server is not affected)</translation>
    </message>
    <message>
        <source>Quick search: source, label, emotion, event id…</source>
        <translation>Quick search: source, label, emotion, event id…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>%1 of %2 events match</source>
        <translation>%1 of %2 events match</translation>
    </message>
    <message>
        <source>%1 events (last %2 kept)</source>
        <translation>%1 events (last %2 kept)</translation>
    </message>
    <message>
        <source>paused, %1 waiting</source>
        <translation>paused, %1 waiting</translation>
    </message>
    <message>
        <source>%1 not sampled</source>
        <translation>%1 not sampled</translation>
    </message>
    <message>
        <source>%1 events from the history</source>
        <translation>%1 events from the history</translation>
    </message>
</context>
<context>
    <name>sender::FilterConditionsView</name>
    <message>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Values</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>every event of the account passes</source>
        <translation>every event of the account passes</translation>
    </message>
</context>
<context>
    <name>sender::FilterPlayground</name>
    <message>
        <source>Only events that pass</source>
        <translation>Only events that pass</translation>
    </message>
    <message>
        <source>The query string of a subscription, as after /2/ws? in a client&apos;s URL</source>
        <translation>The query string of a subscription, as after /2/ws? in a client&apos;s URL</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Examples</translation>
    </message>
    <message>
        <source>Any account</source>
        <translation>Any account</translation>
    </message>
    <message>
        <source>A client receives only the events of the account in its Luna-Account-Id header</source>
        <translation>A client receives only the events of the account in its Luna-Account-Id header</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>Query:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Valid: a client with this query is accepted.</source>
        <translation>Valid: a client with this query is accepted.</translation>
    </message>
    <message>
        <source>No filters</source>
        <translation>No filters</translation>
    </message>
    <message>
        <source>Canonical form: %1</source>
        <translation>Canonical form: %1</translation>
    </message>
    <message>
        <source>A client would be refused: HTTP %1, error %2</source>
        <translation>A client would be refused: HTTP %1, error %2</translation>
    </message>
    <message>
        <source>Fix the query to see which events it passes.</source>
        <translation>Fix the query to see which events it passes.</translation>
    </message>
    <message>
        <source>Recent events: %1 of %2 pass (%3 %) · live since this query: %4 of %5</source>
        <translation>Recent events: %1 of %2 pass (%3 %) · live since this query: %4 of %5</translation>
    </message>
</context>
<context>
    <name>sender::FilterSetsModel</name>
    <message>
        <source>No filters: every event of the account</source>
        <translation>No filters: every event of the account</translation>
    </message>
    <message>
        <source>Query: %1</source>
        <translation>Query: %1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Filtered out</source>
        <translation>Filtered out</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>Pass rate</translation>
    </message>
</context>
<context>
    <name>sender::FilterSetsPane</name>
    <message>
        <source>Conditions</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>Clients sharing this filter set</source>
        <translation>Clients sharing this filter set</translation>
    </message>
    <message numerus="yes">
        <source>%n filter set(s)</source>
        <translation>
            <numerusform>%n filter set</numerusform>
            <numerusform>%n filter sets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message>
        <source>each set&apos;s filter runs once per event for all its clients</source>
        <translation>each set&apos;s filter runs once per event for all its clients</translation>
    </message>
    <message>
        <source>Select a filter set to see its conditions and clients.</source>
        <translation>Select a filter set to see its conditions and clients.</translation>
    </message>
    <message>
        <source>No query: every event of account %1</source>
        <translation>No query: every event of account %1</translation>
    </message>
    <message>
        <source>Query: %1</source>
        <translation>Query: %1</translation>
    </message>
    <message>
        <source>%1 · since %2 · %3 delivered</source>
        <translation>%1 · since %2 · %3 delivered</translation>
    </message>
</context>
<context>
    <name>sender::FleetModel</name>
    <message>
        <source>serving</source>
        <translation>serving</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>draining</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>gone</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>%1 (attached)</source>
        <translation>%1 (attached)</translation>
    </message>
    <message>
        <source>gone since %1</source>
        <translation>gone since %1</translation>
    </message>
    <message>
        <source>stopped at %1</source>
        <translation>stopped at %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>The instance this console is attached to</source>
        <translation>The instance this console is attached to</translation>
    </message>
    <message>
        <source>Announced itself at %1</source>
        <translation>Announced itself at %1</translation>
    </message>
    <message>
        <source>Closing its subscribers so that they move to the other instances</source>
        <translation>Closing its subscribers so that they move to the other instances</translation>
    </message>
    <message>
        <source>Its announcement expired (it died, or lost its Redis); last heard of at %1</source>
        <translation>Its announcement expired (it died, or lost its Redis); last heard of at %1</translation>
    </message>
    <message>
        <source>It stopped cleanly and left the fleet</source>
        <translation>It stopped cleanly and left the fleet</translation>
    </message>
    <message>
        <source>%1 connections, %2 of them subscribed</source>
        <translation>%1 connections, %2 of them subscribed</translation>
    </message>
    <message>
        <source>Started at %1</source>
        <translation>Started at %1</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Sender port</source>
        <translation>Sender port</translation>
    </message>
    <message>
        <source>Monitoring port</source>
        <translation>Monitoring port</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Uptime</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>Events in</source>
        <translation>Events in</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
</context>
<context>
    <name>sender::FleetPane</name>
    <message>
        <source>The fleet is not known yet.</source>
        <translation>The fleet is not known yet.</translation>
    </message>
    <message>
        <source>The embedded bus: this instance alone, no fleet.</source>
        <translation>The embedded bus: this instance alone, no fleet.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) on this Redis</source>
        <translation>
            <numerusform>%n instance on this Redis</numerusform>
            <numerusform>%n instances on this Redis</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 as last read; Redis does not answer: %2</source>
        <translation>%1 as last read; Redis does not answer: %2</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Fleet</translation>
    </message>
</context>
<context>
    <name>sender::JsonTreeModel</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
Read by the filters: %2</source>
        <translation>%1
Read by the filters: %2</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Read by filters</source>
        <translation>Read by filters</translation>
    </message>
</context>
<context>
    <name>sender::MainWindow</name>
    <message>
        <source>Luna Sender</source>
        <translation>Luna Sender</translation>
    </message>
    <message>
        <source>Luna Sender — not running</source>
        <translation>Luna Sender — not running</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>Filter sets</source>
        <translation>Filter sets</translation>
    </message>
    <message>
        <source>Filter playground</source>
        <translation>Filter playground</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>Rates</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Stream</source>
        <translation>&amp;Stream</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Reset layout</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>API &amp;documentation</source>
        <translation>API &amp;documentation</translation>
    </message>
    <message>
        <source>&amp;About Luna Sender</source>
        <translation>&amp;About Luna Sender</translation>
    </message>
    <message>
        <source>About Luna Sender</source>
        <translation>About Luna Sender</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Luna Sender %1&lt;/h3&gt;&lt;p&gt;The Luna Sender API of LUNA PLATFORM 5: recognition events from Redis to WebSocket clients, with a live monitoring console.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Luna Sender %1&lt;/h3&gt;&lt;p&gt;The Luna Sender API of LUNA PLATFORM 5: recognition events from Redis to WebSocket clients, with a live monitoring console.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Show the console</source>
        <translation>Show the console</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Luna Sender — %1</source>
        <translation>Luna Sender — %1</translation>
    </message>
    <message>
        <source>Luna Sender — %1
%2 clients · in %3 · out %4</source>
        <translation>Luna Sender — %1
%2 clients · in %3 · out %4</translation>
    </message>
    <message>
        <source>Saved to %1; restarting the engine…</source>
        <translation>Saved to %1; restarting the engine…</translation>
    </message>
    <message>
        <source>Luna Sender keeps running</source>
        <translation>Luna Sender keeps running</translation>
    </message>
    <message>
        <source>Clients stay connected. Quit from this icon&apos;s menu.</source>
        <translation>Clients stay connected. Quit from this icon&apos;s menu.</translation>
    </message>
    <message>
        <source>&amp;Connect to service…</source>
        <translation>&amp;Connect to service…</translation>
    </message>
    <message>
        <source>Luna Sender — %1 (attached)</source>
        <translation>Luna Sender — %1 (attached)</translation>
    </message>
    <message>
        <source>Luna Sender — %1 (attached; Sender port %2)</source>
        <translation>Luna Sender — %1 (attached; Sender port %2)</translation>
    </message>
    <message>
        <source>Luna Sender — %1 (connecting…)</source>
        <translation>Luna Sender — %1 (connecting…)</translation>
    </message>
    <message>
        <source>Luna Sender — %1 (link lost)</source>
        <translation>Luna Sender — %1 (link lost)</translation>
    </message>
</context>
<context>
    <name>sender::PictureLoader</name>
    <message>
        <source>the picture is %1 × %2, larger than the console shows</source>
        <translation>the picture is %1 × %2, larger than the console shows</translation>
    </message>
    <message>
        <source>the console cannot read this picture</source>
        <translation>the console cannot read this picture</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <source>no picture</source>
        <translation>no picture</translation>
    </message>
    <message>
        <source>not followed</source>
        <translation>not followed</translation>
    </message>
    <message>
        <source>LUNA not configured</source>
        <translation>LUNA not configured</translation>
    </message>
    <message>
        <source>busy, retrying</source>
        <translation>busy, retrying</translation>
    </message>
    <message>
        <source>origin timed out</source>
        <translation>origin timed out</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>too large</translation>
    </message>
    <message>
        <source>not a picture</source>
        <translation>not a picture</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>not found</translation>
    </message>
    <message>
        <source>origin unavailable</source>
        <translation>origin unavailable</translation>
    </message>
</context>
<context>
    <name>sender::RatesChart</name>
    <message>
        <source>Events received from the sources and frames delivered to WebSocket clients, per second, over the last five minutes</source>
        <translation>Events received from the sources and frames delivered to WebSocket clients, per second, over the last five minutes</translation>
    </message>
    <message>
        <source>Events in %1</source>
        <translation>Events in %1</translation>
    </message>
    <message>
        <source>Delivered %1</source>
        <translation>Delivered %1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>now</translation>
    </message>
    <message>
        <source>−%1 min</source>
        <translation>−%1 min</translation>
    </message>
    <message>
        <source>Waiting for the first second of data…</source>
        <translation>Waiting for the first second of data…</translation>
    </message>
</context>
<context>
    <name>sender::RemoteConfigDialog</name>
    <message>
        <source>Configuration of %1</source>
        <translation>Configuration of %1</translation>
    </message>
    <message>
        <source>Read-only: this is the configuration the service at %1 runs with (secrets masked). Change it in the service&apos;s configuration file.</source>
        <translation>Read-only: this is the configuration the service at %1 runs with (secrets masked). Change it in the service&apos;s configuration file.</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>sender::RemoteEngineView</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>The service wants a token (%1)</source>
        <translation>The service wants a token (%1)</translation>
    </message>
    <message>
        <source>The service did not accept the token (%1)</source>
        <translation>The service did not accept the token (%1)</translation>
    </message>
    <message>
        <source>%1 does not answer like a Luna Sender monitoring port</source>
        <translation>%1 does not answer like a Luna Sender monitoring port</translation>
    </message>
    <message>
        <source>Attached to %1</source>
        <translation>Attached to %1</translation>
    </message>
    <message>
        <source>the connection to %1 closed</source>
        <translation>the connection to %1 closed</translation>
    </message>
    <message>
        <source>%1 closed the stream: %2</source>
        <translation>%1 closed the stream: %2</translation>
    </message>
    <message>
        <source>Could not disconnect client %1: %2</source>
        <translation>Could not disconnect client %1: %2</translation>
    </message>
    <message>
        <source>Could not read the service&apos;s configuration: %1</source>
        <translation>Could not read the service&apos;s configuration: %1</translation>
    </message>
    <message>
        <source>Could not acknowledge alert %1</source>
        <translation>Could not acknowledge alert %1</translation>
    </message>
    <message>
        <source>Could not read the service&apos;s alerts</source>
        <translation>Could not read the service&apos;s alerts</translation>
    </message>
    <message>
        <source>Could not read the service&apos;s alert rules</source>
        <translation>Could not read the service&apos;s alert rules</translation>
    </message>
    <message>
        <source>The alert rules were not changed</source>
        <translation>The alert rules were not changed</translation>
    </message>
    <message>
        <source>Could not read the service&apos;s recent events: %1</source>
        <translation>Could not read the service&apos;s recent events: %1</translation>
    </message>
    <message>
        <source>the service did not answer a picture</source>
        <translation>the service did not answer a picture</translation>
    </message>
    <message>
        <source>the service has no pictures (it is older than they are)</source>
        <translation>the service has no pictures (it is older than they are)</translation>
    </message>
</context>
<context>
    <name>sender::SettingsDialog</name>
    <message>
        <source>Keep the server running in the tray when the window is closed</source>
        <translation>Keep the server running in the tray when the window is closed</translation>
    </message>
    <message>
        <source>In demo mode, connect a few WebSocket clients with different filters</source>
        <translation>In demo mode, connect a few WebSocket clients with different filters</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Server settings are saved to &lt;b&gt;%1&lt;/b&gt; and applied by restarting the engine: connected clients are closed (code 1001) and reconnect.</source>
        <translation>Server settings are saved to &lt;b&gt;%1&lt;/b&gt; and applied by restarting the engine: connected clients are closed (code 1001) and reconnect.</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source> events</source>
        <translation> events</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Takes effect the next time the console starts.</source>
        <translation>Takes effect the next time the console starts.</translation>
    </message>
    <message>
        <source>Event list keeps:</source>
        <translation>Event list keeps:</translation>
    </message>
    <message>
        <source>The event stream and the filter playground keep this many of the newest events; memory grows with it.</source>
        <translation>The event stream and the filter playground keep this many of the newest events; memory grows with it.</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>Save and apply</source>
        <translation>Save and apply</translation>
    </message>
    <message>
        <source>Put the defaults into this page&apos;s fields</source>
        <translation>Put the defaults into this page&apos;s fields</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
</context>
<context>
    <name>sender::TokenStore</name>
    <message>
        <source>No system keyring is running (Secret Service or KWallet): the token is kept for this session only and asked again next time.</source>
        <translation>No system keyring is running (Secret Service or KWallet): the token is kept for this session only and asked again next time.</translation>
    </message>
</context>
</TS>
