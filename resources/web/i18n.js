// English and Russian. The language follows navigator.language until the user picks one with the
// switch; the choice (not a secret) is kept in localStorage. Static text in index.html carries
// data-i18n / data-i18n-placeholder / data-i18n-label keys; code asks t(key, params).

const en = {
  'skip': 'Skip to content',
  'app.title': 'Luna Sender monitor',
  'tab.overview': 'Overview', 'tab.connections': 'Connections', 'tab.filtersets': 'Filter sets',
  'tab.events': 'Events', 'tab.alerts': 'Alerts', 'tab.fleet': 'Fleet',
  'conn.instance': 'Instance',
  'fl.name': 'Instance', 'fl.state': 'State', 'fl.host': 'Host', 'fl.listen': 'Sender port',
  'fl.monitor': 'Monitoring port', 'fl.version': 'Version', 'fl.uptime': 'Uptime', 'fl.connections': 'Connections',
  'fl.events': 'Events in / s', 'fl.delivered': 'Delivered / s', 'fl.id': 'ID', 'fl.attached': 'attached',
  'fl.state.serving': 'serving', 'fl.state.draining': 'draining', 'fl.state.gone': 'gone', 'fl.state.stopped': 'stopped',
  'fl.gone_since': 'gone since {t}', 'fl.stopped_at': 'stopped at {t}', 'fl.none': 'none',
  'fl.connections_hint': '{n} connections, {s} of them subscribed',
  'fl.empty': 'The fleet is not known yet.', 'fl.unknown': 'The fleet is not known yet.',
  'fl.embedded': 'The embedded bus: this instance alone, no fleet.',
  'fl.count': 'Instances on this Redis: {n}', 'fl.redis_down': '{count}, as last read; Redis does not answer: {detail}',
  'fl.error': 'The fleet could not be read: {msg}',
  'lang.label': 'Language', 'signout': 'Sign out', 'search': 'Search', 'close': 'Close', 'cancel': 'Cancel',
  'signin.title': 'Sign in',
  'signin.hint': 'Enter the monitoring token of this service. It is kept only for this browser tab.',
  'signin.token': 'Monitoring token', 'signin.submit': 'Sign in',
  'signin.wrong': 'Wrong token: the service refused it. Check the token and try again.',
  'signin.empty': 'Enter the token.',
  'signin.unreachable': 'Cannot reach the service. Check that it is running.',
  'signin.expired': 'The service no longer accepts this token. Sign in again.',
  'signin.busy': 'The service has too many monitoring clients right now. Try again later.',
  'link.live': 'Live', 'link.connecting': 'Connecting…', 'link.lost': 'Link lost, reconnecting in {s} s',
  'ov.chart': 'Rates, events per second (last 2 minutes)', 'ov.in': 'in', 'ov.out': 'delivered',
  'ov.connections': 'Connections', 'ov.subscribers': 'Subscribers', 'ov.accounts': 'Accounts',
  'ov.filter_sets': 'Filter sets', 'ov.events_in': 'Events in', 'ov.deliveries': 'Deliveries',
  'ov.filtered_out': 'Filtered out', 'ov.malformed': 'Malformed', 'ov.dropped_frames': 'Dropped frames',
  'ov.slow_consumer_closes': 'Slow-consumer closes', 'ov.bytes_sent': 'Bytes sent',
  'ov.send_queue_bytes': 'Send queues', 'ov.rate_in': 'Events in / s', 'ov.rate_out': 'Deliveries / s',
  'ov.alerts': 'Unacknowledged alerts',
  'ov.history_events': 'History: events', 'ov.history_bytes': 'History: size',
  'ov.history_accounts': 'History: accounts', 'ov.history_evictions': 'History: evicted',
  'ov.history_off': 'off',
  'ov.history_hint': 'Recent events kept so that a client that reconnects with since_event_id or since misses nothing. '
    + 'Limits: HISTORY.MAX_EVENTS per account, HISTORY.MAX_SECONDS of age, HISTORY.MAX_BYTES across all accounts; '
    + 'past any of them the oldest events are evicted.',
  'ov.version': 'Version', 'ov.uptime': 'Uptime', 'ov.started': 'Started', 'ov.listen_sender': 'Sender port',
  'ov.listen_monitor': 'Monitoring port', 'ov.running': 'Running', 'yes': 'yes', 'no': 'no',
  'src.redis': 'Redis', 'src.embedded': 'Embedded bus', 'src.http': 'HTTP publish', 'src.demo': 'Demo',
  'state.up': 'up', 'state.down': 'down', 'state.connecting': 'connecting', 'state.stopped': 'stopped',
  'src.retry': 'retry in {s} s', 'src.reconnects': 'reconnects: {n}', 'ov.nosources': 'No event sources.',
  'conn.search': 'Search peer, account, filter…', 'conn.id': 'ID', 'conn.peer': 'Peer', 'conn.account': 'Account',
  'conn.filter': 'Filter', 'conn.since': 'Since', 'conn.delivered': 'Delivered', 'conn.dropped': 'Dropped',
  'conn.queue': 'Queue', 'conn.lag': 'Behind', 'conn.lag_value': '{events} events, {seconds} s', 'conn.request': 'Request ID', 'conn.actions': 'Actions', 'conn.close': 'Close…',
  'conn.close_label': 'Close connection {id}', 'conn.count': '{shown} of {n} connections',
  'conn.empty': 'No connections.', 'conn.nofilter': 'all events', 'conn.unsubscribed': 'not subscribed',
  'sort.asc': 'sorted ascending', 'sort.desc': 'sorted descending',
  'fs.conditions': 'Conditions', 'fs.members': 'Members', 'fs.passed': 'Passed', 'fs.filtered': 'Filtered out',
  'fs.empty': 'No filter sets.',
  'ev.pause': 'Pause', 'ev.resume': 'Resume', 'ev.follow': 'Follow the tail', 'ev.search': 'Search events…',
  'ev.rows': '{shown} rows', 'ev.sampled': 'showing {rate} of {offered} events/s', 'ev.all': 'all {offered} events/s',
  'ev.paused': 'paused, {n} new',
  'ev.time': 'Time', 'ev.source': 'Source', 'ev.summary': 'Summary', 'ev.recipients': 'Recipients',
  'ev.detail': 'Event', 'ev.open': 'Show event {n}',
  'al.empty': 'No alerts.', 'al.detail': 'Alert', 'al.ack': 'Acknowledge…', 'al.acked': 'Acknowledged by {by}, {at}',
  'al.count': '{n} unacknowledged of {total}', 'al.title_blink': '⚠ CRITICAL ALERT',
  'al.details': 'Details', 'al.comment': 'Comment: {c}',
  'sev.info': 'info', 'sev.warning': 'warning', 'sev.critical': 'critical',
  'close.title': 'Close this subscriber?',
  'close.text': 'Connection {id} from {peer} will be closed. The client may reconnect.',
  'close.reason': 'Reason (optional)', 'close.confirm': 'Close connection',
  'close.failed': 'Could not close: {msg}', 'close.done': 'Connection {id} closed.',
  'ack.title': 'Acknowledge alert', 'ack.text': 'Alert {id}: {rule} ({severity}), {time}',
  'ack.name': 'Your name', 'ack.comment': 'Comment (optional)', 'ack.confirm': 'Acknowledge',
  'ack.failed': 'Could not acknowledge: {msg}', 'ack.noname': 'Enter your name.',
  'attr.source': 'Source', 'attr.age': 'Age', 'attr.gender': 'Gender', 'attr.similarity': 'Similarity',
  'attr.label': 'Match', 'attr.liveness': 'Liveness', 'attr.mask': 'Mask', 'attr.emotion': 'Emotion',
  'attr.user_data': 'User data', 'attr.tags': 'Tags', 'attr.account': 'Account', 'attr.received': 'Received',
  'attr.rule': 'Rule', 'attr.severity': 'Severity', 'attr.state': 'State',
  'gender.0': 'female', 'gender.1': 'male',
  'err.http': 'the service answered {status}: {desc}', 'err.network': 'the service cannot be reached',
  'ev.picture': 'Picture', 'pic.none': 'No picture', 'pic.loading': 'Loading picture…',
  'pic.failed': 'Picture unavailable', 'pic.undecodable': 'the bytes are not a picture',
  'pic.notimage': 'the answer is not a picture ({type})',
  'pic.alt.face': 'Captured face', 'pic.alt.body': 'Captured body', 'pic.alt.match': 'Enrolled face of the match',
  'pic.cap.face': 'Captured face', 'pic.cap.body': 'Body', 'pic.cap.match': 'Enrolled face',
  'pic.nolabel': 'no list label', 'pic.similarity': 'similarity {s}',
};

const ru = {
  'skip': 'Перейти к содержимому',
  'app.title': 'Монитор Luna Sender',
  'tab.overview': 'Обзор', 'tab.connections': 'Подключения', 'tab.filtersets': 'Наборы фильтров',
  'tab.events': 'События', 'tab.alerts': 'Тревоги',
  'tab.fleet': 'Парк',
  'conn.instance': 'Экземпляр',
  'fl.name': 'Экземпляр', 'fl.state': 'Состояние', 'fl.host': 'Хост', 'fl.listen': 'Порт Sender',
  'fl.monitor': 'Порт наблюдения', 'fl.version': 'Версия', 'fl.uptime': 'Время работы', 'fl.connections': 'Подключения',
  'fl.events': 'Событий в с', 'fl.delivered': 'Доставок в с', 'fl.id': 'ID', 'fl.attached': 'подключено',
  'fl.state.serving': 'обслуживает', 'fl.state.draining': 'выводится', 'fl.state.gone': 'пропал', 'fl.state.stopped': 'остановлен',
  'fl.gone_since': 'пропал с {t}', 'fl.stopped_at': 'остановлен в {t}', 'fl.none': 'нет',
  'fl.connections_hint': 'Подключений: {n}, из них с подпиской: {s}',
  'fl.empty': 'Парк экземпляров пока неизвестен.', 'fl.unknown': 'Парк экземпляров пока неизвестен.',
  'fl.embedded': 'Встроенная шина: только этот экземпляр, парка нет.',
  'fl.count': 'Экземпляров на этом Redis: {n}', 'fl.redis_down': '{count}, по последнему чтению; Redis не отвечает: {detail}',
  'fl.error': 'Не удалось прочитать парк: {msg}',
  'lang.label': 'Язык', 'signout': 'Выйти', 'search': 'Поиск', 'close': 'Закрыть', 'cancel': 'Отмена',
  'signin.title': 'Вход',
  'signin.hint': 'Введите токен мониторинга этой службы. Он хранится только в этой вкладке браузера.',
  'signin.token': 'Токен мониторинга', 'signin.submit': 'Войти',
  'signin.wrong': 'Неверный токен: служба его отклонила. Проверьте токен и попробуйте снова.',
  'signin.empty': 'Введите токен.',
  'signin.unreachable': 'Служба недоступна. Проверьте, что она запущена.',
  'signin.expired': 'Служба больше не принимает этот токен. Войдите снова.',
  'signin.busy': 'Сейчас к службе подключено слишком много мониторов. Попробуйте позже.',
  'link.live': 'На связи', 'link.connecting': 'Подключение…', 'link.lost': 'Связь потеряна, повтор через {s} с',
  'ov.chart': 'Скорости, событий в секунду (последние 2 минуты)', 'ov.in': 'вход', 'ov.out': 'доставлено',
  'ov.connections': 'Подключения', 'ov.subscribers': 'Подписчики', 'ov.accounts': 'Аккаунты',
  'ov.filter_sets': 'Наборы фильтров', 'ov.events_in': 'Событий принято', 'ov.deliveries': 'Доставок',
  'ov.filtered_out': 'Отфильтровано', 'ov.malformed': 'Некорректных', 'ov.dropped_frames': 'Потеряно кадров',
  'ov.slow_consumer_closes': 'Закрыто медленных', 'ov.bytes_sent': 'Отправлено',
  'ov.send_queue_bytes': 'Очереди отправки', 'ov.rate_in': 'Событий / с', 'ov.rate_out': 'Доставок / с',
  'ov.alerts': 'Неподтверждённых тревог',
  'ov.history_events': 'История: событий', 'ov.history_bytes': 'История: объём',
  'ov.history_accounts': 'История: аккаунтов', 'ov.history_evictions': 'История: вытеснено',
  'ov.history_off': 'выкл.',
  'ov.history_hint': 'Недавние события хранятся, чтобы клиент, переподключившийся с since_event_id или since, ничего не пропустил. '
    + 'Пределы: HISTORY.MAX_EVENTS на аккаунт, HISTORY.MAX_SECONDS по возрасту, HISTORY.MAX_BYTES на все аккаунты; '
    + 'сверх любого из них вытесняются самые старые события.',
  'ov.version': 'Версия', 'ov.uptime': 'Время работы', 'ov.started': 'Запущена', 'ov.listen_sender': 'Порт Sender',
  'ov.listen_monitor': 'Порт мониторинга', 'ov.running': 'Работает', 'yes': 'да', 'no': 'нет',
  'src.redis': 'Redis', 'src.embedded': 'Встроенная шина', 'src.http': 'Публикация по HTTP', 'src.demo': 'Демо',
  'state.up': 'работает', 'state.down': 'недоступен', 'state.connecting': 'подключение', 'state.stopped': 'остановлен',
  'src.retry': 'повтор через {s} с', 'src.reconnects': 'переподключений: {n}', 'ov.nosources': 'Нет источников событий.',
  'conn.search': 'Поиск по адресу, аккаунту, фильтру…', 'conn.id': 'ID', 'conn.peer': 'Адрес', 'conn.account': 'Аккаунт',
  'conn.filter': 'Фильтр', 'conn.since': 'С', 'conn.delivered': 'Доставлено', 'conn.dropped': 'Потеряно',
  'conn.queue': 'Очередь', 'conn.lag': 'Отставание', 'conn.lag_value': '{events} событий, {seconds} с', 'conn.request': 'ID запроса', 'conn.actions': 'Действия', 'conn.close': 'Закрыть…',
  'conn.close_label': 'Закрыть подключение {id}', 'conn.count': '{shown} из {n} подключений',
  'conn.empty': 'Нет подключений.', 'conn.nofilter': 'все события', 'conn.unsubscribed': 'не подписан',
  'sort.asc': 'по возрастанию', 'sort.desc': 'по убыванию',
  'fs.conditions': 'Условия', 'fs.members': 'Участников', 'fs.passed': 'Прошло', 'fs.filtered': 'Отфильтровано',
  'fs.empty': 'Нет наборов фильтров.',
  'ev.pause': 'Пауза', 'ev.resume': 'Продолжить', 'ev.follow': 'Следить за новыми', 'ev.search': 'Поиск событий…',
  'ev.rows': 'строк: {shown}', 'ev.sampled': 'показано {rate} из {offered} событий/с', 'ev.all': 'все события, {offered}/с',
  'ev.paused': 'пауза, новых: {n}',
  'ev.time': 'Время', 'ev.source': 'Источник', 'ev.summary': 'Кратко', 'ev.recipients': 'Получателей',
  'ev.detail': 'Событие', 'ev.open': 'Показать событие {n}',
  'al.empty': 'Тревог нет.', 'al.detail': 'Тревога', 'al.ack': 'Подтвердить…', 'al.acked': 'Подтвердил(а) {by}, {at}',
  'al.count': 'неподтверждённых: {n} из {total}', 'al.title_blink': '⚠ КРИТИЧЕСКАЯ ТРЕВОГА',
  'al.details': 'Подробно', 'al.comment': 'Комментарий: {c}',
  'sev.info': 'информация', 'sev.warning': 'предупреждение', 'sev.critical': 'критическая',
  'close.title': 'Закрыть подписчика?',
  'close.text': 'Подключение {id} с адреса {peer} будет закрыто. Клиент может подключиться снова.',
  'close.reason': 'Причина (необязательно)', 'close.confirm': 'Закрыть подключение',
  'close.failed': 'Не удалось закрыть: {msg}', 'close.done': 'Подключение {id} закрыто.',
  'ack.title': 'Подтвердить тревогу', 'ack.text': 'Тревога {id}: {rule} ({severity}), {time}',
  'ack.name': 'Ваше имя', 'ack.comment': 'Комментарий (необязательно)', 'ack.confirm': 'Подтвердить',
  'ack.failed': 'Не удалось подтвердить: {msg}', 'ack.noname': 'Введите имя.',
  'attr.source': 'Источник', 'attr.age': 'Возраст', 'attr.gender': 'Пол', 'attr.similarity': 'Сходство',
  'attr.label': 'Совпадение', 'attr.liveness': 'Живость', 'attr.mask': 'Маска', 'attr.emotion': 'Эмоция',
  'attr.user_data': 'Данные пользователя', 'attr.tags': 'Теги', 'attr.account': 'Аккаунт', 'attr.received': 'Получено',
  'attr.rule': 'Правило', 'attr.severity': 'Важность', 'attr.state': 'Состояние',
  'gender.0': 'женский', 'gender.1': 'мужской',
  'err.http': 'служба ответила {status}: {desc}', 'err.network': 'служба недоступна',
  'ev.picture': 'Снимок', 'pic.none': 'Нет снимка', 'pic.loading': 'Загрузка снимка…',
  'pic.failed': 'Снимок недоступен', 'pic.undecodable': 'данные не являются изображением',
  'pic.notimage': 'ответ не является изображением ({type})',
  'pic.alt.face': 'Снятое лицо', 'pic.alt.body': 'Снятая фигура', 'pic.alt.match': 'Эталонное лицо совпадения',
  'pic.cap.face': 'Снятое лицо', 'pic.cap.body': 'Фигура', 'pic.cap.match': 'Эталонное лицо',
  'pic.nolabel': 'без метки списка', 'pic.similarity': 'сходство {s}',
};

const dictionaries = { en, ru };
const listeners = new Set();
let current = pickInitial();

function pickInitial() {
  const saved = localStorage.getItem('luna-monitor-lang');
  if (saved && dictionaries[saved]) return saved;
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    const base = String(l || '').toLowerCase().split('-')[0];
    if (dictionaries[base]) return base;
  }
  return 'en';
}

export function lang() {
  return current;
}

export function t(key, params = null) {
  let s = dictionaries[current][key] ?? en[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  return s;
}

export function setLang(code) {
  if (!dictionaries[code] || code === current) return;
  current = code;
  localStorage.setItem('luna-monitor-lang', code);
  applyStatic(document);
  for (const fn of listeners) fn(code);
}

export function onLangChange(fn) {
  listeners.add(fn);
}

export function applyStatic(root) {
  document.documentElement.lang = current;
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
}

export const languages = Object.keys(dictionaries);
