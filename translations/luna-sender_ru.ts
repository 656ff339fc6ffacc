<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ConfigSchema</name>
    <message>
        <source>Address to listen on for HTTP and WebSocket clients (0.0.0.0 or :: for all interfaces).</source>
        <translation>Адрес, на котором сервер принимает HTTP- и WebSocket-клиентов (0.0.0.0 или :: — все интерфейсы).</translation>
    </message>
    <message>
        <source>TCP port for HTTP and WebSocket clients; 0 picks a free port and logs it.</source>
        <translation>TCP-порт для HTTP- и WebSocket-клиентов; 0 — выбрать свободный порт и записать его в журнал.</translation>
    </message>
    <message>
        <source>Open client connections at most; a connection beyond it gets 503 with the JSON error.</source>
        <translation>Наибольшее число открытых клиентских соединений; соединение сверх него получает 503 с ошибкой в JSON.</translation>
    </message>
    <message>
        <source>Largest request line plus headers; a larger head gets 431.</source>
        <translation>Наибольший размер строки запроса вместе с заголовками; при большем размере ответ 431.</translation>
    </message>
    <message>
        <source>Largest request body any resource takes (only POST /1/publish takes one, and at most REDIS.MAX_MESSAGE_BYTES there); a larger body gets 413 before it is read.</source>
        <translation>Наибольшее тело запроса, которое принимает ресурс (тело принимает только POST /1/publish, и там не больше REDIS.MAX_MESSAGE_BYTES); на большее тело ответ 413 ещё до его чтения.</translation>
    </message>
    <message>
        <source>A request (or WebSocket handshake) whose head and body have not arrived by then is cut.</source>
        <translation>Запрос (или рукопожатие WebSocket), заголовки и тело которого не пришли за это время, обрывается.</translation>
    </message>
    <message>
        <source>Listen with SO_REUSEPORT, so that several instances share one address and port and the kernel spreads new connections over them (every instance on the port must set it).</source>
        <translation>Слушать с SO_REUSEPORT, чтобы несколько экземпляров делили один адрес и порт, а ядро распределяло между ними новые соединения (этот ключ должен быть включён у каждого экземпляра на порту).</translation>
    </message>
    <message>
        <source>On SIGTERM or SIGUSR2: /healthcheck says not ready, no new subscriptions, and the subscribers are closed with 1001 at random moments spread over this long; 0 closes them all at once.</source>
        <translation>По SIGTERM или SIGUSR2: /healthcheck отвечает «не готов», новые подписки не принимаются, а подписчики закрываются с кодом 1001 в случайные моменты на протяжении этого времени; 0 закрывает всех сразу.</translation>
    </message>
    <message>
        <source>What the fleet view calls this instance (at most 64 printable characters); empty: its host name and Sender port.</source>
        <translation>Как этот экземпляр называется в списке экземпляров (не более 64 печатных символов); пусто: имя хоста и порт Sender.</translation>
    </message>
    <message>
        <source>With Redis, how often this instance announces itself there and reads the others&apos; announcements; an instance not heard from for three intervals is shown as gone.</source>
        <translation>С Redis: как часто этот экземпляр объявляет о себе в Redis и читает объявления остальных; экземпляр, молчащий три интервала, показывается как пропавший.</translation>
    </message>
    <message>
        <source>How long an instance whose announcement expired stays in the fleet view as gone before it is forgotten.</source>
        <translation>Сколько экземпляр, чьё объявление истекло, остаётся в списке экземпляров как пропавший, прежде чем будет забыт.</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Экземпляры</translation>
    </message>
    <message>
        <source>An idle keep-alive HTTP connection is closed after this long.</source>
        <translation>Простаивающее keep-alive HTTP-соединение закрывается через это время.</translation>
    </message>
    <message>
        <source>Request body bytes held by unfinished requests, all connections together; a request whose body would go beyond it gets 503 and its connection is closed.</source>
        <translation>Сколько байт тел запросов могут занимать незавершённые запросы всех соединений вместе; запрос, тело которого превысило бы этот предел, получает 503, и его соединение закрывается.</translation>
    </message>
    <message>
        <source>Open connections from one client address at most (a whole site behind a NAT shares one); a connection beyond it gets 503 with the JSON error.</source>
        <translation>Наибольшее число открытых соединений с одного адреса клиента (весь сайт за NAT выходит с одного адреса); соединение сверх него получает 503 с JSON-ошибкой.</translation>
    </message>
    <message>
        <source>Connections from one client address that are not (yet) a WebSocket at most: handshakes and HTTP requests in flight, idle keep-alive connections; one beyond it gets 503 with the JSON error.</source>
        <translation>Наибольшее число соединений с одного адреса клиента, ещё не ставших WebSocket: рукопожатия и HTTP-запросы в процессе, простаивающие keep-alive-соединения; соединение сверх него получает 503 с JSON-ошибкой.</translation>
    </message>
    <message>
        <source>host:port,host:port of Redis Sentinels; when set, the master is asked from them and the host and port of REDIS.URL are not used (its credentials and db still are). With a rediss:// URL they are asked over TLS too, with REDIS.TLS_*.</source>
        <translation>host:port,host:port узлов Redis Sentinel; если заданы, адрес мастера запрашивается у них, а хост и порт из REDIS.URL не используются (учётные данные и номер базы из него используются). С URL rediss:// к ним тоже подключаемся по TLS, с настройками REDIS.TLS_*.</translation>
    </message>
    <message>
        <source>Name of the master the Sentinels monitor.</source>
        <translation>Имя мастера, за которым следят узлы Sentinel.</translation>
    </message>
    <message>
        <source>ACL user for the Sentinels, if they require one.</source>
        <translation>Пользователь ACL для узлов Sentinel, если они его требуют.</translation>
    </message>
    <message>
        <source>Password for the Sentinels, if they require one.</source>
        <translation>Пароль для узлов Sentinel, если они его требуют.</translation>
    </message>
    <message>
        <source>Channels are &lt;prefix&gt;&lt;account_id&gt;; LUNA handlers publish on luna-sender:{account_id}.</source>
        <translation>Каналы называются &lt;префикс&gt;&lt;account_id&gt;; обработчики LUNA публикуют в luna-sender:{account_id}.</translation>
    </message>
    <message>
        <source>Connecting, authenticating and subscribing must finish by then, and a PING must be answered by then; otherwise Redis counts as down and the connection is retried.</source>
        <translation>За это время должны завершиться подключение, аутентификация и подписка, и за это же время должен прийти ответ на PING; иначе Redis считается недоступным и подключение повторяется.</translation>
    </message>
    <message>
        <source>How often a subscribed connection is checked with PING.</source>
        <translation>Как часто подписанное соединение проверяется командой PING.</translation>
    </message>
    <message>
        <source>First delay before reconnecting after Redis went away; doubles up to RECONNECT_MAX_MS.</source>
        <translation>Первая пауза перед переподключением после потери Redis; удваивается до RECONNECT_MAX_MS.</translation>
    </message>
    <message>
        <source>Longest delay between reconnect attempts.</source>
        <translation>Наибольшая пауза между попытками переподключения.</translation>
    </message>
    <message>
        <source>Largest message accepted from Redis or the publish resource; a larger one is counted as malformed and skipped.</source>
        <translation>Наибольшее сообщение, принимаемое из Redis или через ресурс публикации; большее считается некорректным и пропускается.</translation>
    </message>
    <message>
        <source>Every client is pinged this often (its first ping after a random half to whole interval, so that clients that connected together are not pinged together).</source>
        <translation>С такой периодичностью каждому клиенту отправляется ping (первый — через случайное время от половины до целого интервала, чтобы клиентам, подключившимся одновременно, ping не приходил одновременно).</translation>
    </message>
    <message>
        <source>A client that has not answered a ping for this long after it was sent is dropped.</source>
        <translation>Клиент, не ответивший на ping за это время после отправки, отключается.</translation>
    </message>
    <message>
        <source>Per-client window: the bytes of frames handed to its socket at a time. A client that is behind holds a position in its filter group&apos;s shared stream, not a queue of its own, so this no longer closes anyone (see RETAINED_BYTES and MAX_LAG_SECONDS); pongs a client does not read still count against it.</source>
        <translation>Окно одного клиента: сколько байт кадров передаётся его сокету за раз. Отстающий клиент хранит позицию в общем потоке своей группы фильтров, а не собственную очередь, поэтому этот предел больше никого не закрывает (см. RETAINED_BYTES и MAX_LAG_SECONDS); непрочитанные клиентом pong по-прежнему учитываются в нём.</translation>
    </message>
    <message>
        <source>Bytes of frames kept for subscribers that are behind, all accounts together (each frame once per filter group, however many are behind). Over it the furthest behind is closed with 1008, one every 100 ms; over 1.25 times it as many as it takes. 0: a sixteenth of the machine&apos;s memory, at most 1 GiB.</source>
        <translation>Сколько байт кадров хранится для отстающих подписчиков, на все аккаунты вместе (каждый кадр один раз на группу фильтров, сколько бы подписчиков ни отставало). Сверх этого самый отстающий закрывается с кодом 1008, по одному каждые 100 мс; сверх 1,25 этого значения — столько, сколько нужно. 0: шестнадцатая часть памяти машины, но не больше 1 ГиБ.</translation>
    </message>
    <message>
        <source>A subscriber whose oldest event not yet handed to its socket is older than this is closed with 1008 (one every 100 ms, the furthest behind first), so a client that stopped reading is closed while the others catch up.</source>
        <translation>Подписчик, чьё самое старое ещё не переданное сокету событие старше этого, закрывается с кодом 1008 (по одному каждые 100 мс, начиная с самого отстающего), так что клиент, переставший читать, закрывается, пока остальные догоняют.</translation>
    </message>
    <message>
        <source>Largest frame or message a client may send (they are read and ignored); larger closes with 1009.</source>
        <translation>Наибольший кадр или сообщение, которое может прислать клиент (они читаются и игнорируются); при большем соединение закрывается с кодом 1009.</translation>
    </message>
    <message>
        <source>Serve POST /1/publish, which takes a Redis-format message and the Luna-Account-Id header and delivers it like a message from Redis (an extension of ours; off by default).</source>
        <translation>Обслуживать POST /1/publish: ресурс принимает сообщение в формате Redis и заголовок Luna-Account-Id и доставляет его как сообщение из Redis (наше расширение; по умолчанию выключено).</translation>
    </message>
    <message>
        <source>Bearer token the publish resource requires (Authorization: Bearer &lt;token&gt;); required when PUBLISH.ENABLED is 1.</source>
        <translation>Bearer-токен, который требует ресурс публикации (Authorization: Bearer &lt;токен&gt;); обязателен, если PUBLISH.ENABLED равен 1.</translation>
    </message>
    <message>
        <source>Keep the recent events of every account so that a client can resume after a reconnect (since_event_id or since on /1/ws and /2/ws) without a gap; 0 keeps nothing and refuses resumes with 410 (error 29110).</source>
        <translation>Хранить недавние события каждого аккаунта, чтобы клиент мог после переподключения продолжить без пропусков (since_event_id или since на /1/ws и /2/ws); 0 не хранит ничего и отклоняет продолжение с кодом 410 (ошибка 29110).</translation>
    </message>
    <message>
        <source>Events kept per account; the oldest go first.</source>
        <translation>Сколько событий хранится на аккаунт; первыми уходят самые старые.</translation>
    </message>
    <message>
        <source>Events older than this (by arrival at this instance) are dropped.</source>
        <translation>События старше этого (по времени прихода на этот экземпляр) удаляются.</translation>
    </message>
    <message>
        <source>Bytes of event frames kept across all accounts; past it the oldest events of any account go first.</source>
        <translation>Сколько байт кадров событий хранится по всем аккаунтам вместе; сверх этого первыми уходят самые старые события любого аккаунта.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Generate realistic demo events (several cameras, faces and bodies, matches, locations).</source>
        <translation>Создавать реалистичные демонстрационные события (несколько камер, лица и силуэты, совпадения, места).</translation>
    </message>
    <message>
        <source>How many demo events are generated per second.</source>
        <translation>Сколько демонстрационных событий создаётся в секунду.</translation>
    </message>
    <message>
        <source>Account the demo events belong to (subscribe with this Luna-Account-Id).</source>
        <translation>Учётная запись демонстрационных событий (подписывайтесь с этим Luna-Account-Id).</translation>
    </message>
    <message>
        <source>Lowest level written to the log.</source>
        <translation>Наименьший уровень сообщений, записываемых в журнал.</translation>
    </message>
    <message>
        <source>Extra Qt logging rules separated by &apos;;&apos;, e.g. sender.ws.debug=true;sender.redis.info=false.</source>
        <translation>Дополнительные правила журналирования Qt через &apos;;&apos;, например sender.ws.debug=true;sender.redis.info=false.</translation>
    </message>
    <message>
        <source>Colour the levels: auto colours only on a terminal (never in journald or files).</source>
        <translation>Раскрашивать уровни: auto — только в терминале (никогда в journald и файлах).</translation>
    </message>
    <message>
        <source>How often a one-line summary (clients, events in, deliveries) is logged; 0 turns it off.</source>
        <translation>Как часто в журнал пишется строка сводки (клиенты, входящие события, доставки); 0 — отключить.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
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
        <translation>Публикация</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Демо</translation>
    </message>
    <message>
        <source>Logging</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>PEM file with the server certificate (and its chain). With TLS_PRIVATE_KEY, the port speaks https and wss instead of http and ws.</source>
        <translation>PEM-файл с сертификатом сервера (и цепочкой). Вместе с TLS_PRIVATE_KEY порт работает по https и wss вместо http и ws.</translation>
    </message>
    <message>
        <source>PEM file with the private key of TLS_CERTIFICATE.</source>
        <translation>PEM-файл с закрытым ключом для TLS_CERTIFICATE.</translation>
    </message>
    <message>
        <source>Passphrase of TLS_PRIVATE_KEY, if it is encrypted.</source>
        <translation>Парольная фраза TLS_PRIVATE_KEY, если ключ зашифрован.</translation>
    </message>
    <message>
        <source>account-uuid:token pairs, comma-separated (an account may have several). When set, a subscription must present a token of its account (Authorization: Bearer &lt;token&gt;, or the access_token query parameter for browsers) or gets 401; empty means no token is needed, as in the original service.</source>
        <translation>Пары account-uuid:token через запятую (у учётной записи их может быть несколько). Если заданы, подписка должна предъявить токен своей учётной записи (Authorization: Bearer &lt;токен&gt; или параметр запроса access_token для браузеров), иначе получит 401; пусто — токен не нужен, как в исходном сервисе.</translation>
    </message>
    <message>
        <source>Origins allowed to subscribe from a browser (e.g. https://console.example.org), comma-separated; a handshake with another Origin header gets 403. Empty allows any.</source>
        <translation>Источники (Origin), которым разрешено подписываться из браузера (например, https://console.example.org), через запятую; рукопожатие с другим заголовком Origin получает 403. Пусто — разрешены любые.</translation>
    </message>
    <message>
        <source>Serve GET /metrics in the Prometheus text format (version 0.0.4).</source>
        <translation>Обслуживать GET /metrics в текстовом формате Prometheus (версия 0.0.4).</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Доступ</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Метрики</translation>
    </message>
    <message>
        <source>JSON file of alert rules ({&quot;rules&quot;: [{&quot;name&quot;, &quot;severity&quot;, &quot;condition&quot;, &quot;accounts&quot;, &quot;quiet_seconds&quot;}]}, conditions in the subscription query syntax); empty: no alerts. Read at start (an unusable file is an error) and on SIGHUP (a bad file keeps the running rules).</source>
        <translation>JSON-файл правил оповещений ({&quot;rules&quot;: [{&quot;name&quot;, &quot;severity&quot;, &quot;condition&quot;, &quot;accounts&quot;, &quot;quiet_seconds&quot;}]}, условия в синтаксисе запроса подписки); пусто: оповещений нет. Читается при запуске (непригодный файл — ошибка) и по SIGHUP (при ошибке в файле остаются действующие правила).</translation>
    </message>
    <message>
        <source>Where raised alerts and their acknowledgements are kept across restarts (JSON lines); empty: in memory only.</source>
        <translation>Где хранятся оповещения и их подтверждения между перезапусками (строки JSON); пусто: только в памяти.</translation>
    </message>
    <message>
        <source>The alert log keeps this many alerts; the oldest are dropped and counted (luna_sender_alerts_log_dropped_total).</source>
        <translation>Журнал оповещений хранит столько оповещений; самые старые удаляются и подсчитываются (luna_sender_alerts_log_dropped_total).</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Оповещения</translation>
    </message>
    <message>
        <source>redis://[[user]:password@]host[:port][/db] to subscribe to (rediss:// for TLS, see REDIS.TLS_*); empty means the embedded bus (no Redis needed).</source>
        <translation>redis://[[пользователь]:пароль@]хост[:порт][/бд], на который подписаться (rediss:// — с TLS, см. REDIS.TLS_*); пусто — встроенная шина (Redis не нужен).</translation>
    </message>
    <message>
        <source>Password for REDIS.URL&apos;s server instead of one in the URL; as LUNA_SENDER_REDIS_PASSWORD in the environment it stays out of files and the process list (--redis and --set are visible to every local user in ps). Not together with a password in the URL or PASSWORD_FILE.</source>
        <translation>Пароль для сервера из REDIS.URL вместо пароля в самом URL; в окружении как LUNA_SENDER_REDIS_PASSWORD он не попадает ни в файлы, ни в список процессов (--redis и --set видит в ps любой локальный пользователь). Не вместе с паролем в URL или PASSWORD_FILE.</translation>
    </message>
    <message>
        <source>File whose content (one line; a final newline is dropped) is the password for REDIS.URL&apos;s server, e.g. a systemd credential ($CREDENTIALS_DIRECTORY/redis). Read at start and on every reload; a missing, unreadable or empty file is a configuration error.</source>
        <translation>Файл, содержимое которого (одна строка; завершающий перевод строки отбрасывается) — пароль для сервера из REDIS.URL, например учётные данные systemd ($CREDENTIALS_DIRECTORY/redis). Читается при запуске и при каждой перезагрузке; отсутствующий, нечитаемый или пустой файл — ошибка конфигурации.</translation>
    </message>
    <message>
        <source>With a rediss:// URL: PEM file of the certificate authorities that signed the Redis server&apos;s certificate; empty: the system&apos;s.</source>
        <translation>С URL rediss://: PEM-файл удостоверяющих центров, подписавших сертификат сервера Redis; пусто — системные.</translation>
    </message>
    <message>
        <source>With a rediss:// URL: PEM file with our client certificate, for a Redis with tls-auth-clients (with TLS_PRIVATE_KEY).</source>
        <translation>С URL rediss://: PEM-файл с нашим клиентским сертификатом для Redis с tls-auth-clients (вместе с TLS_PRIVATE_KEY).</translation>
    </message>
    <message>
        <source>PEM file with the (unencrypted) private key of TLS_CERTIFICATE.</source>
        <translation>PEM-файл с (незашифрованным) закрытым ключом TLS_CERTIFICATE.</translation>
    </message>
    <message>
        <source>With a rediss:// URL: check the server&apos;s certificate and that it names the host. 0 turns the check off (anyone in the path can then read and forge events; warned at start).</source>
        <translation>С URL rediss://: проверять сертификат сервера и то, что он выдан на этот хост. 0 отключает проверку (тогда любой на пути может читать и подделывать события; при запуске выводится предупреждение).</translation>
    </message>
    <message>
        <source>When set, /metrics requires &apos;Authorization: Bearer &lt;token&gt;&apos; (401 otherwise). Without it, a server listening beyond loopback warns at start that anyone can read /metrics.</source>
        <translation>Если задан, /metrics требует &apos;Authorization: Bearer &lt;токен&gt;&apos; (иначе 401). Без него сервер, слушающий не только loopback, при запуске предупреждает, что /metrics может прочитать любой.</translation>
    </message>
    <message>
        <source>SENSITIVE: export luna_sender_websocket_clients_by_account, whose labels are account ids (without ACCESS.ACCOUNT_TOKENS an account id is all a subscriber needs). Off by default; turn it on only with METRICS.TOKEN set or /metrics unreachable to strangers.</source>
        <translation>ЧУВСТВИТЕЛЬНО: экспортировать luna_sender_websocket_clients_by_account, метки которой — идентификаторы аккаунтов (без ACCESS.ACCOUNT_TOKENS идентификатор аккаунта — всё, что нужно подписчику). По умолчанию выключено; включайте только с заданным METRICS.TOKEN или если /metrics недоступен посторонним.</translation>
    </message>
    <message>
        <source>Base URL of an InfluxDB 1.x HTTP API (http://host:8086) to push the counters of /metrics to, in line protocol; empty: nothing is pushed.</source>
        <translation>Базовый URL HTTP API InfluxDB 1.x (http://host:8086), куда отправляются счётчики /metrics в формате line protocol; пусто: ничего не отправляется.</translation>
    </message>
    <message>
        <source>InfluxDB database the points are written to (POST /write?db=...).</source>
        <translation>База данных InfluxDB, в которую пишутся точки (POST /write?db=...).</translation>
    </message>
    <message>
        <source>InfluxDB user, if it has authentication on (with PASSWORD_FILE).</source>
        <translation>Пользователь InfluxDB, если в ней включена аутентификация (вместе с PASSWORD_FILE).</translation>
    </message>
    <message>
        <source>File whose content (one line) is the password of USERNAME; read at start, never logged.</source>
        <translation>Файл, содержимое которого (одна строка) — пароль USERNAME; читается при запуске, никогда не попадает в журнал.</translation>
    </message>
    <message>
        <source>How often the counters are taken and queued for InfluxDB.</source>
        <translation>Как часто счётчики снимаются и ставятся в очередь для InfluxDB.</translation>
    </message>
    <message>
        <source>Points written in one request at most.</source>
        <translation>Не больше стольких точек в одном запросе.</translation>
    </message>
    <message>
        <source>Points kept while InfluxDB cannot be reached; past it the oldest are dropped and counted (luna_sender_influx_points_dropped_total).</source>
        <translation>Столько точек хранится, пока InfluxDB недоступна; сверх того самые старые отбрасываются и учитываются (luna_sender_influx_points_dropped_total).</translation>
    </message>
    <message>
        <source>InfluxDB</source>
        <translation>InfluxDB (мониторинг)</translation>
    </message>
    <message>
        <source>Offer permessage-deflate (RFC 7692) to clients that ask for it (browsers and most client libraries do): each event is compressed once and the frame shared by every such client. On by default: at 1000 subscribers a 1.5 KB event takes half the bytes on the wire for no more server CPU (tests/bench/README.md).</source>
        <translation>Предлагать permessage-deflate (RFC 7692) клиентам, которые его просят (браузеры и большинство клиентских библиотек): каждое событие сжимается один раз, и кадр общий для всех таких клиентов. Включено по умолчанию: при 1000 подписчиках событие в 1,5 КБ занимает вдвое меньше байт в сети без роста нагрузки на процессор сервера (tests/bench/README.md).</translation>
    </message>
    <message>
        <source>With COMPRESSION, events whose frame payload is smaller than this go uncompressed (compressing them costs more than it saves).</source>
        <translation>При COMPRESSION события, полезная нагрузка кадра которых меньше этого, отправляются без сжатия (сжатие стоит больше, чем экономит).</translation>
    </message>
    <message>
        <source>With ACCOUNT_LABELS, per-account client gauges are exported for this many accounts with the most clients; the rest are summed under account=&quot;other&quot;, so the number of series stays bounded.</source>
        <translation>С ACCOUNT_LABELS счётчики клиентов по аккаунтам экспортируются для стольких аккаунтов с наибольшим числом клиентов; остальные суммируются под account=&quot;other&quot;, так что число рядов ограничено.</translation>
    </message>
    <message>
        <source>Open the monitoring port: the JSON API and live stream under /monitor/v1 that an attached console (luna-sender --attach) reads; its OpenAPI document is /monitor/v1/docs/spec.</source>
        <translation>Открыть порт мониторинга: JSON API и живой поток под /monitor/v1, которые читает подключённая консоль (luna-sender --attach); его документ OpenAPI — /monitor/v1/docs/spec.</translation>
    </message>
    <message>
        <source>Address of the monitoring port. Any address other than loopback needs TOKEN or TOKEN_FILE (the program refuses to start without one).</source>
        <translation>Адрес порта мониторинга. Любой адрес, кроме loopback, требует TOKEN или TOKEN_FILE (без них программа не запустится).</translation>
    </message>
    <message>
        <source>TCP port of the monitoring port; 0 picks a free port and logs it.</source>
        <translation>TCP-порт порта мониторинга; 0 — выбрать свободный порт и записать его в журнал.</translation>
    </message>
    <message>
        <source>Bearer token every monitoring request must present (Authorization: Bearer &lt;token&gt;, or the token query parameter on the stream); empty: none needed (loopback only).</source>
        <translation>Токен, который должен предъявить каждый запрос мониторинга (Authorization: Bearer &lt;токен&gt; или параметр запроса token у потока); пусто — не нужен (только loopback).</translation>
    </message>
    <message>
        <source>File whose first line is the token (instead of TOKEN, which it excludes); read at start.</source>
        <translation>Файл, первая строка которого — токен (вместо TOKEN, с которым он несовместим); читается при запуске.</translation>
    </message>
    <message>
        <source>Open monitoring streams (attached consoles) at most; one more gets 503 with the JSON error.</source>
        <translation>Не больше стольких открытых потоков мониторинга (подключённых консолей); следующий получает 503 с ошибкой в JSON.</translation>
    </message>
    <message>
        <source>Origins besides the monitoring port&apos;s own from which a browser may open the stream (e.g. https://ops.example.org), comma-separated; a handshake from any other origin gets 403.</source>
        <translation>Источники (Origin), кроме самого порта мониторинга, с которых браузер может открыть поток (например, https://ops.example.org), через запятую; рукопожатие с любого другого источника получает 403.</translation>
    </message>
    <message>
        <source>Monitoring port</source>
        <translation>Порт мониторинга</translation>
    </message>
    <message>
        <source>LUNA PLATFORM</source>
        <translation>LUNA PLATFORM</translation>
    </message>
    <message>
        <source>With no RULES_FILE, raise alerts by the built-in starter rules (a watchlist match at 0.8 or more, a strong match on any list, a failed liveness check, a subscriber 10 s behind; the manual&apos;s Alerts page lists them); false: no alerts unless RULES_FILE names some. Read at start.</source>
        <translation>Без RULES_FILE поднимать тревоги по встроенным стартовым правилам (совпадение со списком наблюдения от 0.8, сильное совпадение с любым списком, проваленная проверка живости, подписчик отстал на 10 с; они перечислены в руководстве); false: тревог нет, пока RULES_FILE их не задаёт. Читается при запуске.</translation>
    </message>
    <message>
        <source>The LUNA PLATFORM API the pictures of events are fetched from for the console and the web viewer (http(s)://host[:port][/base]; only sample and image paths under it are ever requested); empty: pictures only for the demo source&apos;s events.</source>
        <translation>API LUNA PLATFORM, откуда консоль и веб-просмотрщик получают изображения событий (http(s)://host[:port][/base]; запрашиваются только пути образцов и изображений под ним); пусто: изображения только для событий демо-источника.</translation>
    </message>
    <message>
        <source>File whose first line is the LUNA API token (sent as X-Auth-Token); read at start, never logged.</source>
        <translation>Файл, первая строка которого — токен API LUNA (отправляется как X-Auth-Token); читается при запуске, никогда не попадает в журнал.</translation>
    </message>
    <message>
        <source>A picture not fetched within this time is shown as unavailable.</source>
        <translation>Изображение, не полученное за это время, показывается как недоступное.</translation>
    </message>
    <message>
        <source>Larger pictures are refused (counted as they arrive, whatever Content-Length says).</source>
        <translation>Изображения крупнее отклоняются (байты считаются по мере поступления, что бы ни говорил Content-Length).</translation>
    </message>
    <message>
        <source>Pictures kept in memory at most (least recently used go first).</source>
        <translation>Сколько байт изображений хранится в памяти не более (первыми уходят давно не использованные).</translation>
    </message>
    <message>
        <source>Pictures kept in memory at most, by count.</source>
        <translation>Сколько изображений хранится в памяти не более, по количеству.</translation>
    </message>
    <message>
        <source>How long a fetched picture is kept (a failure: 15 s at most).</source>
        <translation>Сколько хранится полученное изображение (неудача: не более 15 с).</translation>
    </message>
    <message>
        <source>Requests to the LUNA API at once; up to 64 more pictures wait, beyond that a viewer is told to try again.</source>
        <translation>Одновременных запросов к API LUNA; ещё до 64 изображений ждут, сверх этого просмотрщику предлагается повторить позже.</translation>
    </message>
</context>
<context>
    <name>ConfigUnit</name>
    <message>
        <source>events</source>
        <translation>событий</translation>
    </message>
    <message>
        <source>s</source>
        <translation>с</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>байт</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>событий/с</translation>
    </message>
    <message>
        <source>alerts</source>
        <translation>оповещений</translation>
    </message>
    <message>
        <source>streams</source>
        <translation>потоков</translation>
    </message>
    <message>
        <source>accounts</source>
        <translation>аккаунтов</translation>
    </message>
    <message>
        <source>points</source>
        <translation>точек</translation>
    </message>
    <message>
        <source>pictures</source>
        <translation>изображений</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>запросов</translation>
    </message>
</context>
<context>
    <name>FilterText</name>
    <message>
        <source>has any of</source>
        <translation>содержит любое из</translation>
    </message>
    <message>
        <source>has all of</source>
        <translation>содержит все из</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>содержит</translation>
    </message>
    <message>
        <source>within</source>
        <translation>в пределах</translation>
    </message>
    <message>
        <source>all events</source>
        <translation>все события</translation>
    </message>
    <message>
        <source> AND </source>
        <translation> И </translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1/s</source>
        <translation>%1/с</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 мин %2 с</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 ч</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Step up</source>
        <translation>Шаг &amp;вверх</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>Шаг в&amp;низ</translation>
    </message>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Выделить всё</translation>
    </message>
</context>
<context>
    <name>QDockWidget</name>
    <message>
        <source>Float</source>
        <translation>Открепить</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Вырезать</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Вст&amp;авить</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Выделить всё</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Да</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Нет</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Справка</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Сбросить</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>По умолчанию</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Не сохранять</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Копировать &amp;адрес ссылки</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Выделить всё</translation>
    </message>
</context>
<context>
    <name>sender::AlertRulesDialog</name>
    <message>
        <source>Add rule</source>
        <translation>Добавить правило</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Удалить правило</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>Сохранить правила</translation>
    </message>
    <message>
        <source>Alert rules — %1</source>
        <translation>Правила оповещений — %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Важность</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Условие</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Учётные записи</translation>
    </message>
    <message>
        <source>Quiet (s)</source>
        <translation>Тишина (с)</translation>
    </message>
    <message>
        <source>Recent hits</source>
        <translation>Недавние срабатывания</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Учётная запись</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Age, gender</source>
        <translation>Возраст, пол</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Совпадение</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>Живость</translation>
    </message>
    <message>
        <source>info</source>
        <translation>информация</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>предупреждение</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>критическое</translation>
    </message>
    <message>
        <source>A subscription query, e.g. matching_candidates_labels=wanted&amp;object_similarity__gte=0.9</source>
        <translation>Запрос подписки, например matching_candidates_labels=wanted&amp;object_similarity__gte=0.9</translation>
    </message>
    <message>
        <source>Events: a subscription query. Subscriber lag: lag_events__gt=N and/or lag_seconds__gt=S (both must hold when both are given), e.g. lag_seconds__gt=10 raises an alert when a subscriber falls more than 10 s behind</source>
        <translation>События: запрос подписки. Отставание подписчика: lag_events__gt=N и/или lag_seconds__gt=S (если заданы оба, должны выполняться оба), например lag_seconds__gt=10 поднимает тревогу, когда подписчик отстаёт больше чем на 10 с</translation>
    </message>
    <message>
        <source>subscriber lag</source>
        <translation>отставание подписчика</translation>
    </message>
    <message>
        <source>Empty: every account; else account ids, comma separated</source>
        <translation>Пусто: все учётные записи; иначе идентификаторы учётных записей через запятую</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>One alert per rule and source in this time, not one per event</source>
        <translation>Одно оповещение на правило и источник за это время, а не на каждое событие</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>Важность:</translation>
    </message>
    <message>
        <source>Condition:</source>
        <translation>Условие:</translation>
    </message>
    <message>
        <source>Accounts:</source>
        <translation>Учётные записи:</translation>
    </message>
    <message>
        <source>Quiet period:</source>
        <translation>Период тишины:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Recent events the selected rule would have hit:</source>
        <translation>Недавние события, на которых сработало бы выбранное правило:</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Не сохранено: %1</translation>
    </message>
    <message>
        <source>Reading the rules…</source>
        <translation>Чтение правил…</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) in force.</source>
        <translation>
            <numerusform>Действует %n правило.</numerusform>
            <numerusform>Действуют %n правила.</numerusform>
            <numerusform>Действуют %n правил.</numerusform>
        </translation>
    </message>
    <message>
        <source>The rules file has an error, so the engine keeps its last good rules (shown here): %1</source>
        <translation>В файле правил ошибка, поэтому сервер сохраняет последние исправные правила (они показаны здесь): %1</translation>
    </message>
    <message>
        <source>all</source>
        <translation>все</translation>
    </message>
    <message>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>Changed here, not saved yet: the engine still runs its own rules.</source>
        <translation>Изменено здесь, но ещё не сохранено: сервер работает по прежним правилам.</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>правило %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
</context>
<context>
    <name>sender::AlertsPane</name>
    <message>
        <source>critical</source>
        <translation>критический</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>предупреждение</translation>
    </message>
    <message>
        <source>info</source>
        <translation>информация</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Важность</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Правило</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Совпадение</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Атрибуты</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ваше имя</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>Комментарий (необязательно)</translation>
    </message>
    <message>
        <source>Acknowledge as:</source>
        <translation>Подтвердить от имени:</translation>
    </message>
    <message>
        <source>acknowledged by %1</source>
        <translation>подтверждено: %1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>новое</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Оповещения</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Critical alert</source>
        <translation>Критическое оповещение</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>Правила…</translation>
    </message>
    <message>
        <source>Sound on critical alerts</source>
        <translation>Звук при критических оповещениях</translation>
    </message>
    <message>
        <source>Edit the alert rules, with a preview of the recent events each would hit</source>
        <translation>Изменить правила оповещений с предпросмотром недавних событий, на которых сработало бы каждое</translation>
    </message>
</context>
<context>
    <name>sender::ConfigForm</name>
    <message>
        <source>Set by the environment: that value wins over the file at the next start.</source>
        <translation>Задано переменной окружения: при следующем запуске её значение важнее файла.</translation>
    </message>
    <message>
        <source>Set on the command line: that value wins over the file at the next start.</source>
        <translation>Задано в командной строке: при следующем запуске её значение важнее файла.</translation>
    </message>
    <message>
        <source>%1 in the [%2] section of the file; environment variable %3</source>
        <translation>%1 в разделе [%2] файла; переменная окружения %3</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Включено</translation>
    </message>
    <message>
        <source>Show the value</source>
        <translation>Показать значение</translation>
    </message>
    <message>
        <source>empty: the embedded bus</source>
        <translation>пусто: встроенная шина</translation>
    </message>
</context>
<context>
    <name>sender::ConnectDialog</name>
    <message>
        <source>Keep the token in the system keyring</source>
        <translation>Хранить токен в системном хранилище ключей</translation>
    </message>
    <message>
        <source>Connect to service</source>
        <translation>Подключение к службе</translation>
    </message>
    <message>
        <source>none (a loopback port without a token)</source>
        <translation>нет (локальный порт без токена)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Подключиться</translation>
    </message>
    <message>
        <source>Attach this console to a running Luna Sender through its monitoring port ([MONITOR] in its configuration).</source>
        <translation>Подключить эту консоль к работающему Luna Sender через его порт наблюдения ([MONITOR] в его конфигурации).</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Служба:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Токен:</translation>
    </message>
    <message>
        <source>Keep the token for this session</source>
        <translation>Хранить токен до конца сеанса</translation>
    </message>
    <message>
        <source>The service is the monitoring port&apos;s address, for example http://192.0.2.10:5081.</source>
        <translation>Служба — это адрес порта наблюдения, например http://192.0.2.10:5081.</translation>
    </message>
</context>
<context>
    <name>sender::ConnectionsModel</name>
    <message>
        <source>%1 events, %2 s</source>
        <translation>%1 событий, %2 с</translation>
    </message>
    <message>
        <source>Events that passed this client&apos;s filters and are not yet handed to its socket, and how long ago the oldest of them arrived</source>
        <translation>События, прошедшие фильтры этого клиента и ещё не переданные его сокету, и как давно пришло самое старое из них</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>Отставание</translation>
    </message>
    <message>
        <source>No filters: the client receives every event of its account</source>
        <translation>Без фильтров: клиент получает все события своей учётной записи</translation>
    </message>
    <message>
        <source>Query: %1</source>
        <translation>Запрос: %1</translation>
    </message>
    <message>
        <source>Connected %1 ago (API version %2)</source>
        <translation>Подключён %1 назад (версия API %2)</translation>
    </message>
    <message>
        <source>Frames dropped for this client</source>
        <translation>Кадры, отброшенные для этого клиента</translation>
    </message>
    <message>
        <source>Bytes waiting in this client&apos;s send queue</source>
        <translation>Байты в очереди отправки этого клиента</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Адрес клиента</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Учётная запись</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Фильтры</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>Подключён с</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Доставлено</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Отброшено</translation>
    </message>
    <message>
        <source>Filtered out</source>
        <translation>Отсеяно</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Id запроса</translation>
    </message>
    <message>
        <source>Instance %1</source>
        <translation>Экземпляр %1</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Экземпляр</translation>
    </message>
</context>
<context>
    <name>sender::ConnectionsPane</name>
    <message>
        <source>Disconnect…</source>
        <translation>Отключить…</translation>
    </message>
    <message>
        <source>Search peer, account, filters, request id…</source>
        <translation>Поиск по адресу, учётной записи, фильтрам, id запроса…</translation>
    </message>
    <message>
        <source>Close the selected client&apos;s WebSocket (it is asked to confirm)</source>
        <translation>Закрыть WebSocket выбранного клиента (с подтверждением)</translation>
    </message>
    <message>
        <source>Copy filter query</source>
        <translation>Копировать запрос фильтра</translation>
    </message>
    <message>
        <source>Copy account</source>
        <translation>Копировать учётную запись</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n клиент</numerusform>
            <numerusform>%n клиента</numerusform>
            <numerusform>%n клиентов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n client(s)</source>
        <translation>
            <numerusform>%1 из %n клиента</numerusform>
            <numerusform>%1 из %n клиентов</numerusform>
            <numerusform>%1 из %n клиентов</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a client to see its details and filters.</source>
        <translation>Выберите клиента, чтобы увидеть подробности и фильтры.</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Адрес клиента</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Учётная запись</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Id запроса</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Подключён</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1 (%2 назад)</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Доставлено</translation>
    </message>
    <message>
        <source>Filtered out</source>
        <translation>Отсеяно</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Отброшено</translation>
    </message>
    <message>
        <source>Send queue</source>
        <translation>Очередь отправки</translation>
    </message>
    <message>
        <source>Bytes sent</source>
        <translation>Отправлено байт</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>Disconnect client</source>
        <translation>Отключение клиента</translation>
    </message>
    <message>
        <source>Disconnect %1?</source>
        <translation>Отключить %1?</translation>
    </message>
    <message>
        <source>Account %1
Filters: %2

The client&apos;s WebSocket is closed (code 1000). A client that reconnects is accepted again.</source>
        <translation>Учётная запись %1
Фильтры: %2

WebSocket клиента будет закрыт (код 1000). Если клиент подключится снова, он будет принят.</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Отключить</translation>
    </message>
</context>
<context>
    <name>sender::EngineStatusBar</name>
    <message>
        <source>Embedded bus + demo events</source>
        <translation>Встроенная шина + демо-события</translation>
    </message>
    <message>
        <source>Embedded bus (no Redis)</source>
        <translation>Встроенная шина (без Redis)</translation>
    </message>
    <message>
        <source>No Redis is configured: events come from the embedded bus</source>
        <translation>Redis не настроен: события поступают из встроенной шины</translation>
    </message>
    <message>
        <source>Redis: subscribed</source>
        <translation>Redis: подписка активна</translation>
    </message>
    <message>
        <source>Redis: connecting…</source>
        <translation>Redis: подключение…</translation>
    </message>
    <message>
        <source>Redis: down, retry in %1 s</source>
        <translation>Redis: недоступен, повтор через %1 с</translation>
    </message>
    <message>
        <source>Redis: down</source>
        <translation>Redis: недоступен</translation>
    </message>
    <message>
        <source>Redis: stopped</source>
        <translation>Redis: остановлен</translation>
    </message>
    <message>
        <source>%1
Reconnects: %2</source>
        <translation>%1
Переподключений: %2</translation>
    </message>
    <message>
        <source>Events received per second from all sources</source>
        <translation>Событий в секунду из всех источников</translation>
    </message>
    <message>
        <source>Frames delivered per second to WebSocket clients</source>
        <translation>Кадров в секунду, доставленных WebSocket-клиентам</translation>
    </message>
    <message>
        <source>Subscribed WebSocket clients</source>
        <translation>Подписанные WebSocket-клиенты</translation>
    </message>
    <message>
        <source>Time since the engine started</source>
        <translation>Время с запуска сервера</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>Вход %1</translation>
    </message>
    <message>
        <source>Out %1</source>
        <translation>Выход %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Слушает %1</translation>
    </message>
    <message>
        <source>HTTP and WebSocket (/1/ws, /2/ws) clients connect here</source>
        <translation>Сюда подключаются HTTP- и WebSocket-клиенты (/1/ws, /2/ws)</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Не запущен</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>Сервер не удалось запустить: %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Остановлен</translation>
    </message>
    <message>
        <source>Clients %1</source>
        <translation>Клиенты: %1</translation>
    </message>
    <message>
        <source>Up %1</source>
        <translation>Работает %1</translation>
    </message>
    <message>
        <source>Attached to %1</source>
        <translation>Подключено к %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <source>Link to %1 lost, retrying in %2 s</source>
        <translation>Связь с %1 потеряна, повтор через %2 с</translation>
    </message>
    <message>
        <source>Link to %1 lost</source>
        <translation>Связь с %1 потеряна</translation>
    </message>
    <message>
        <source>%1 refused the token: File › Connect to service… to give another</source>
        <translation>%1 не принял токен: Файл › Подключиться к службе…, чтобы ввести другой</translation>
    </message>
    <message>
        <source>History %1 ev · %2</source>
        <translation>История %1 соб. · %2</translation>
    </message>
    <message>
        <source>Recent events kept so that a client that reconnects with since_event_id or since misses nothing
Events held: %1 (%2), accounts: %3
Evicted since the start: %4
Limits: HISTORY.MAX_EVENTS per account, HISTORY.MAX_SECONDS of age and HISTORY.MAX_BYTES across all accounts; past any of them the oldest events go first, and a client cannot resume from before them</source>
        <translation>Недавние события хранятся, чтобы клиент, переподключившийся с since_event_id или since, ничего не пропустил
Хранится событий: %1 (%2), аккаунтов: %3
Вытеснено с запуска: %4
Пределы: HISTORY.MAX_EVENTS на аккаунт, HISTORY.MAX_SECONDS по возрасту и HISTORY.MAX_BYTES на все аккаунты; сверх любого из них первыми уходят самые старые события, и клиент не может продолжить с более раннего места</translation>
    </message>
</context>
<context>
    <name>sender::EventDetailView</name>
    <message>
        <source>Copy as JSON</source>
        <translation>Копировать JSON</translation>
    </message>
    <message>
        <source>Copy the message as a client receives it</source>
        <translation>Копировать сообщение в том виде, в каком его получает клиент</translation>
    </message>
    <message>
        <source>Copy as delivered to clients</source>
        <translation>Копировать в виде, доставляемом клиентам</translation>
    </message>
    <message>
        <source>Copy the event object as published</source>
        <translation>Копировать объект события в опубликованном виде</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Развернуть всё</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Свернуть всё</translation>
    </message>
    <message>
        <source>age %1</source>
        <translation>возраст %1</translation>
    </message>
    <message>
        <source>top match “%1” %2</source>
        <translation>лучшее совпадение «%1» %2</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n получатель</numerusform>
            <numerusform>%n получателя</numerusform>
            <numerusform>%n получателей</numerusform>
        </translation>
    </message>
    <message>
        <source>Event %1</source>
        <translation>Событие %1</translation>
    </message>
    <message>
        <source>Select an event to see its JSON.</source>
        <translation>Выберите событие, чтобы увидеть его JSON.</translation>
    </message>
    <message>
        <source>Event from the history</source>
        <translation>Событие из истории</translation>
    </message>
</context>
<context>
    <name>sender::EventPictures</name>
    <message>
        <source>Captured face</source>
        <translation>Снятое лицо</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Силуэт</translation>
    </message>
    <message>
        <source>Enrolled face</source>
        <translation>Лицо из списка</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>нет совпадения</translation>
    </message>
    <message>
        <source>similarity %1</source>
        <translation>сходство %1</translation>
    </message>
</context>
<context>
    <name>sender::EventStreamModel</name>
    <message>
        <source>passes</source>
        <translation>проходит</translation>
    </message>
    <message>
        <source>filtered out</source>
        <translation>отсеяно</translation>
    </message>
    <message>
        <source>Event %1 from %2</source>
        <translation>Событие %1 из источника %2</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) received this event</source>
        <translation>
            <numerusform>Событие получил %n клиент</numerusform>
            <numerusform>Событие получили %n клиента</numerusform>
            <numerusform>Событие получили %n клиентов</numerusform>
        </translation>
    </message>
    <message>
        <source>Sequence number of the event since the console started</source>
        <translation>Порядковый номер события с запуска консоли</translation>
    </message>
    <message>
        <source>When the engine received the event</source>
        <translation>Когда сервер получил событие</translation>
    </message>
    <message>
        <source>event.source: the camera or stream</source>
        <translation>event.source: камера или поток</translation>
    </message>
    <message>
        <source>How many WebSocket clients received the event</source>
        <translation>Сколько WebSocket-клиентов получили событие</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Учётная запись</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Обработчик</translation>
    </message>
    <message>
        <source>Age / gender</source>
        <translation>Возраст / пол</translation>
    </message>
    <message>
        <source>Emotion</source>
        <translation>Эмоция</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>Маска</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>Живость</translation>
    </message>
    <message>
        <source>Top match</source>
        <translation>Совпадение</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>Сходство</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Получатели</translation>
    </message>
    <message>
        <source>Event %1 from %2, kept in the engine&apos;s history (it arrived before this list began)</source>
        <translation>Событие %1 из источника %2, из истории сервера (пришло до начала этого списка)</translation>
    </message>
    <message>
        <source>The history does not keep how many clients received this event</source>
        <translation>История не хранит, сколько клиентов получили это событие</translation>
    </message>
    <message>
        <source>The captured face, fetched through the service while its row is shown</source>
        <translation>Снятое лицо, загружаемое через сервис, пока его строка видна</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>Лицо</translation>
    </message>
</context>
<context>
    <name>sender::EventStreamPane</name>
    <message>
        <source>filtered out</source>
        <translation>отсеяно</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Freeze the list to read it; new events wait and are added on resume (Ctrl+E)</source>
        <translation>Заморозить список для чтения; новые события ждут и добавятся при продолжении (Ctrl+E)</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Следить</translation>
    </message>
    <message>
        <source>Keep the newest event in view; scrolling up stops following, scrolling to the end resumes it</source>
        <translation>Держать в поле зрения новейшее событие; прокрутка вверх прекращает слежение, прокрутка в конец возобновляет его</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Empty the list (the server is not affected)</source>
        <translation>Очистить список (на сервер не влияет)</translation>
    </message>
    <message>
        <source>Quick search: source, label, emotion, event id…</source>
        <translation>Быстрый поиск: источник, метка, эмоция, id события…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>%1 of %2 events match</source>
        <translation>подходит событий: %1 из %2</translation>
    </message>
    <message>
        <source>%1 events (last %2 kept)</source>
        <translation>событий: %1 (хранятся последние %2)</translation>
    </message>
    <message>
        <source>paused, %1 waiting</source>
        <translation>пауза, ожидают: %1</translation>
    </message>
    <message>
        <source>%1 not sampled</source>
        <translation>не попали в выборку: %1</translation>
    </message>
    <message>
        <source>%1 events from the history</source>
        <translation>из истории: %1</translation>
    </message>
</context>
<context>
    <name>sender::FilterConditionsView</name>
    <message>
        <source>Parameter</source>
        <translation>Параметр</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Условие</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Значения</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>every event of the account passes</source>
        <translation>проходит каждое событие учётной записи</translation>
    </message>
</context>
<context>
    <name>sender::FilterPlayground</name>
    <message>
        <source>Only events that pass</source>
        <translation>Только проходящие события</translation>
    </message>
    <message>
        <source>The query string of a subscription, as after /2/ws? in a client&apos;s URL</source>
        <translation>Строка запроса подписки, как после /2/ws? в URL клиента</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Примеры</translation>
    </message>
    <message>
        <source>Any account</source>
        <translation>Любая учётная запись</translation>
    </message>
    <message>
        <source>A client receives only the events of the account in its Luna-Account-Id header</source>
        <translation>Клиент получает только события учётной записи из своего заголовка Luna-Account-Id</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>Запрос:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Учётная запись:</translation>
    </message>
    <message>
        <source>Valid: a client with this query is accepted.</source>
        <translation>Корректно: клиент с таким запросом будет принят.</translation>
    </message>
    <message>
        <source>No filters</source>
        <translation>Без фильтров</translation>
    </message>
    <message>
        <source>Canonical form: %1</source>
        <translation>Каноническая форма: %1</translation>
    </message>
    <message>
        <source>A client would be refused: HTTP %1, error %2</source>
        <translation>Клиенту будет отказано: HTTP %1, ошибка %2</translation>
    </message>
    <message>
        <source>Fix the query to see which events it passes.</source>
        <translation>Исправьте запрос, чтобы увидеть, какие события он пропускает.</translation>
    </message>
    <message>
        <source>Recent events: %1 of %2 pass (%3 %) · live since this query: %4 of %5</source>
        <translation>Недавние события: проходят %1 из %2 (%3 %) · новые с момента ввода запроса: %4 из %5</translation>
    </message>
</context>
<context>
    <name>sender::FilterSetsModel</name>
    <message>
        <source>No filters: every event of the account</source>
        <translation>Без фильтров: все события учётной записи</translation>
    </message>
    <message>
        <source>Query: %1</source>
        <translation>Запрос: %1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Учётная запись</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Условия</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Пропущено</translation>
    </message>
    <message>
        <source>Filtered out</source>
        <translation>Отсеяно</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>Доля пропущенных</translation>
    </message>
</context>
<context>
    <name>sender::FilterSetsPane</name>
    <message>
        <source>Conditions</source>
        <translation>Условия</translation>
    </message>
    <message>
        <source>Clients sharing this filter set</source>
        <translation>Клиенты с этим набором фильтров</translation>
    </message>
    <message numerus="yes">
        <source>%n filter set(s)</source>
        <translation>
            <numerusform>%n набор фильтров</numerusform>
            <numerusform>%n набора фильтров</numerusform>
            <numerusform>%n наборов фильтров</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n клиент</numerusform>
            <numerusform>%n клиента</numerusform>
            <numerusform>%n клиентов</numerusform>
        </translation>
    </message>
    <message>
        <source>each set&apos;s filter runs once per event for all its clients</source>
        <translation>фильтр набора выполняется один раз на событие для всех его клиентов</translation>
    </message>
    <message>
        <source>Select a filter set to see its conditions and clients.</source>
        <translation>Выберите набор фильтров, чтобы увидеть его условия и клиентов.</translation>
    </message>
    <message>
        <source>No query: every event of account %1</source>
        <translation>Без запроса: все события учётной записи %1</translation>
    </message>
    <message>
        <source>Query: %1</source>
        <translation>Запрос: %1</translation>
    </message>
    <message>
        <source>%1 · since %2 · %3 delivered</source>
        <translation>%1 · с %2 · доставлено %3</translation>
    </message>
</context>
<context>
    <name>sender::FleetModel</name>
    <message>
        <source>serving</source>
        <translation>обслуживает</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>выводится</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>пропал</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
    <message>
        <source>%1 (attached)</source>
        <translation>%1 (подключено)</translation>
    </message>
    <message>
        <source>gone since %1</source>
        <translation>пропал с %1</translation>
    </message>
    <message>
        <source>stopped at %1</source>
        <translation>остановлен в %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>The instance this console is attached to</source>
        <translation>Экземпляр, к которому подключена эта консоль</translation>
    </message>
    <message>
        <source>Announced itself at %1</source>
        <translation>Объявил о себе в %1</translation>
    </message>
    <message>
        <source>Closing its subscribers so that they move to the other instances</source>
        <translation>Закрывает своих подписчиков, чтобы они перешли на другие экземпляры</translation>
    </message>
    <message>
        <source>Its announcement expired (it died, or lost its Redis); last heard of at %1</source>
        <translation>Его объявление истекло (он упал или потерял свой Redis); последнее известие в %1</translation>
    </message>
    <message>
        <source>It stopped cleanly and left the fleet</source>
        <translation>Он штатно остановился и покинул парк</translation>
    </message>
    <message>
        <source>%1 connections, %2 of them subscribed</source>
        <translation>Соединений: %1, из них с подпиской: %2</translation>
    </message>
    <message>
        <source>Started at %1</source>
        <translation>Запущен в %1</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Экземпляр</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Sender port</source>
        <translation>Порт Sender</translation>
    </message>
    <message>
        <source>Monitoring port</source>
        <translation>Порт наблюдения</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Время работы</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Соединения</translation>
    </message>
    <message>
        <source>Events in</source>
        <translation>Событий на входе</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Доставлено</translation>
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
        <translation>Парк экземпляров пока неизвестен.</translation>
    </message>
    <message>
        <source>The embedded bus: this instance alone, no fleet.</source>
        <translation>Встроенная шина: только этот экземпляр, парка нет.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) on this Redis</source>
        <translation>
            <numerusform>%n экземпляр на этом Redis</numerusform>
            <numerusform>%n экземпляра на этом Redis</numerusform>
            <numerusform>%n экземпляров на этом Redis</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 as last read; Redis does not answer: %2</source>
        <translation>%1 по последнему чтению; Redis не отвечает: %2</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Парк</translation>
    </message>
</context>
<context>
    <name>sender::JsonTreeModel</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n ключ}</numerusform>
            <numerusform>{%n ключа}</numerusform>
            <numerusform>{%n ключей}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n элемент]</numerusform>
            <numerusform>[%n элемента]</numerusform>
            <numerusform>[%n элементов]</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
Read by the filters: %2</source>
        <translation>%1
Читают фильтры: %2</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Read by filters</source>
        <translation>Читают фильтры</translation>
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
        <translation>Luna Sender — не запущен</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Подключения</translation>
    </message>
    <message>
        <source>Filter sets</source>
        <translation>Наборы фильтров</translation>
    </message>
    <message>
        <source>Filter playground</source>
        <translation>Песочница фильтров</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>Скорости</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Stream</source>
        <translation>&amp;Поток</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Сбросить расположение</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>API &amp;documentation</source>
        <translation>&amp;Документация API</translation>
    </message>
    <message>
        <source>&amp;About Luna Sender</source>
        <translation>&amp;О программе Luna Sender</translation>
    </message>
    <message>
        <source>About Luna Sender</source>
        <translation>О программе Luna Sender</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Luna Sender %1&lt;/h3&gt;&lt;p&gt;The Luna Sender API of LUNA PLATFORM 5: recognition events from Redis to WebSocket clients, with a live monitoring console.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Luna Sender %1&lt;/h3&gt;&lt;p&gt;Luna Sender API платформы LUNA PLATFORM 5: события распознавания из Redis для WebSocket-клиентов, с консолью наблюдения в реальном времени.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Show the console</source>
        <translation>Показать консоль</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Luna Sender — %1</source>
        <translation>Luna Sender — %1</translation>
    </message>
    <message>
        <source>Luna Sender — %1
%2 clients · in %3 · out %4</source>
        <translation>Luna Sender — %1
клиенты: %2 · вход %3 · выход %4</translation>
    </message>
    <message>
        <source>Saved to %1; restarting the engine…</source>
        <translation>Сохранено в %1; сервер перезапускается…</translation>
    </message>
    <message>
        <source>Luna Sender keeps running</source>
        <translation>Luna Sender продолжает работать</translation>
    </message>
    <message>
        <source>Clients stay connected. Quit from this icon&apos;s menu.</source>
        <translation>Клиенты остаются подключёнными. Выйти можно из меню этого значка.</translation>
    </message>
    <message>
        <source>&amp;Connect to service…</source>
        <translation>&amp;Подключиться к службе…</translation>
    </message>
    <message>
        <source>Luna Sender — %1 (attached)</source>
        <translation>Luna Sender — %1 (подключено)</translation>
    </message>
    <message>
        <source>Luna Sender — %1 (attached; Sender port %2)</source>
        <translation>Luna Sender — %1 (подключено; порт Sender %2)</translation>
    </message>
    <message>
        <source>Luna Sender — %1 (connecting…)</source>
        <translation>Luna Sender — %1 (подключение…)</translation>
    </message>
    <message>
        <source>Luna Sender — %1 (link lost)</source>
        <translation>Luna Sender — %1 (связь потеряна)</translation>
    </message>
</context>
<context>
    <name>sender::PictureLoader</name>
    <message>
        <source>the picture is %1 × %2, larger than the console shows</source>
        <translation>изображение %1 × %2 больше, чем может показать консоль</translation>
    </message>
    <message>
        <source>the console cannot read this picture</source>
        <translation>консоль не может прочитать это изображение</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>загрузка…</translation>
    </message>
    <message>
        <source>no picture</source>
        <translation>нет снимка</translation>
    </message>
    <message>
        <source>not followed</source>
        <translation>ссылка отклонена</translation>
    </message>
    <message>
        <source>LUNA not configured</source>
        <translation>LUNA не настроена</translation>
    </message>
    <message>
        <source>busy, retrying</source>
        <translation>занято, повтор</translation>
    </message>
    <message>
        <source>origin timed out</source>
        <translation>LUNA не ответила вовремя</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>слишком большое</translation>
    </message>
    <message>
        <source>not a picture</source>
        <translation>не изображение</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>не найдено</translation>
    </message>
    <message>
        <source>origin unavailable</source>
        <translation>LUNA недоступна</translation>
    </message>
</context>
<context>
    <name>sender::RatesChart</name>
    <message>
        <source>Events received from the sources and frames delivered to WebSocket clients, per second, over the last five minutes</source>
        <translation>События, полученные из источников, и кадры, доставленные WebSocket-клиентам, в секунду за последние пять минут</translation>
    </message>
    <message>
        <source>Events in %1</source>
        <translation>Входящие %1</translation>
    </message>
    <message>
        <source>Delivered %1</source>
        <translation>Доставлено %1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>сейчас</translation>
    </message>
    <message>
        <source>−%1 min</source>
        <translation>−%1 мин</translation>
    </message>
    <message>
        <source>Waiting for the first second of data…</source>
        <translation>Ожидание первой секунды данных…</translation>
    </message>
</context>
<context>
    <name>sender::RemoteConfigDialog</name>
    <message>
        <source>Configuration of %1</source>
        <translation>Конфигурация %1</translation>
    </message>
    <message>
        <source>Read-only: this is the configuration the service at %1 runs with (secrets masked). Change it in the service&apos;s configuration file.</source>
        <translation>Только чтение: с этой конфигурацией работает служба %1 (секреты скрыты). Изменяйте её в файле конфигурации службы.</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
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
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <source>The service wants a token (%1)</source>
        <translation>Служба требует токен (%1)</translation>
    </message>
    <message>
        <source>The service did not accept the token (%1)</source>
        <translation>Служба не приняла токен (%1)</translation>
    </message>
    <message>
        <source>%1 does not answer like a Luna Sender monitoring port</source>
        <translation>%1 отвечает не как порт наблюдения Luna Sender</translation>
    </message>
    <message>
        <source>Attached to %1</source>
        <translation>Подключено к %1</translation>
    </message>
    <message>
        <source>the connection to %1 closed</source>
        <translation>соединение с %1 закрыто</translation>
    </message>
    <message>
        <source>%1 closed the stream: %2</source>
        <translation>%1 закрыл поток: %2</translation>
    </message>
    <message>
        <source>Could not disconnect client %1: %2</source>
        <translation>Не удалось отключить клиента %1: %2</translation>
    </message>
    <message>
        <source>Could not read the service&apos;s configuration: %1</source>
        <translation>Не удалось прочитать конфигурацию службы: %1</translation>
    </message>
    <message>
        <source>Could not acknowledge alert %1</source>
        <translation>Не удалось подтвердить оповещение %1</translation>
    </message>
    <message>
        <source>Could not read the service&apos;s alerts</source>
        <translation>Не удалось прочитать оповещения службы</translation>
    </message>
    <message>
        <source>Could not read the service&apos;s alert rules</source>
        <translation>Не удалось прочитать правила оповещений службы</translation>
    </message>
    <message>
        <source>The alert rules were not changed</source>
        <translation>Правила оповещений не изменены</translation>
    </message>
    <message>
        <source>Could not read the service&apos;s recent events: %1</source>
        <translation>Не удалось прочитать недавние события службы: %1</translation>
    </message>
    <message>
        <source>the service did not answer a picture</source>
        <translation>служба ответила не изображением</translation>
    </message>
    <message>
        <source>the service has no pictures (it is older than they are)</source>
        <translation>у службы нет изображений (её версия старше, чем они)</translation>
    </message>
</context>
<context>
    <name>sender::SettingsDialog</name>
    <message>
        <source>Keep the server running in the tray when the window is closed</source>
        <translation>Оставлять сервер работать в трее при закрытии окна</translation>
    </message>
    <message>
        <source>In demo mode, connect a few WebSocket clients with different filters</source>
        <translation>В демо-режиме подключать несколько WebSocket-клиентов с разными фильтрами</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Server settings are saved to &lt;b&gt;%1&lt;/b&gt; and applied by restarting the engine: connected clients are closed (code 1001) and reconnect.</source>
        <translation>Настройки сервера сохраняются в &lt;b&gt;%1&lt;/b&gt; и применяются перезапуском сервера: подключённые клиенты закрываются (код 1001) и подключаются заново.</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source> events</source>
        <translation> событий</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <source>Takes effect the next time the console starts.</source>
        <translation>Вступает в силу при следующем запуске консоли.</translation>
    </message>
    <message>
        <source>Event list keeps:</source>
        <translation>Список событий хранит:</translation>
    </message>
    <message>
        <source>The event stream and the filter playground keep this many of the newest events; memory grows with it.</source>
        <translation>Поток событий и песочница фильтров хранят столько новейших событий; с этим числом растёт расход памяти.</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Консоль</translation>
    </message>
    <message>
        <source>Save and apply</source>
        <translation>Сохранить и применить</translation>
    </message>
    <message>
        <source>Put the defaults into this page&apos;s fields</source>
        <translation>Заполнить поля этой страницы значениями по умолчанию</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Не сохранено: %1</translation>
    </message>
</context>
<context>
    <name>sender::TokenStore</name>
    <message>
        <source>No system keyring is running (Secret Service or KWallet): the token is kept for this session only and asked again next time.</source>
        <translation>Системное хранилище ключей (Secret Service или KWallet) не запущено: токен хранится только до конца сеанса, в следующий раз его спросят снова.</translation>
    </message>
</context>
</TS>
