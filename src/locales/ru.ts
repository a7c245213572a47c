import type { CompleteTranslation } from '../localize.js';

const plural = new Intl.PluralRules('ru');
const number = new Intl.NumberFormat('ru');

/** Russian counts: one (1, 21, 101...), few (2–4, 22–24...), many (0, 5–20, 25–30...), other (fractions). */
const counts: Record<'one' | 'few' | 'many' | 'other', (n: string) => string> = {
  one: (n) => `${n} источник.`,
  few: (n) => `${n} источника.`,
  many: (n) => `${n} источников.`,
  other: (n) => `${n} источника.`,
};

/** Русский. Register it with `registerTranslation(ru)`. */
const ru: CompleteTranslation = {
  $code: 'ru',
  $name: 'Русский',
  $dir: 'ltr',

  connect: 'Подключить',
  reconnect: 'Переподключить',
  disconnect: 'Отключить',
  disconnecting: 'Отключение…',
  dialogLabel: 'Подключение аккаунта',
  dialogClose: 'Закрыть',
  dialogLoading: 'Загрузка страницы входа…',
  popupPlaceholder: 'Подключение…',
  statusConnecting: 'Подключение…',
  statusOpen: 'Окно подключения открыто.',
  statusWaiting: 'Ожидание окна входа. Если вы его закрыли, нажмите «Отмена».',
  statusRedirecting: 'Переход на страницу входа…',
  statusConnected: 'Подключено.',
  waitingNote: 'Продолжите в окне входа.',
  waitingCancel: 'Отмена',
  requiredConnection: (name) => `Подключите ${name}, чтобы продолжить.`,
  sourcesLabel: 'Источники',
  searchSources: 'Поиск источников',
  categoryFilter: 'Категория',
  allCategories: 'Все',
  loadingSources: 'Загрузка источников…',
  sourcesFailed: 'Не удалось загрузить источники.',
  retry: 'Повторить',
  noMatches: 'Нет подходящих источников',
  noSources: 'Нет доступных источников',
  matchCount: (count) => (count === 0 ? 'Нет подходящих источников.' : (counts[plural.select(count) as keyof typeof counts] ?? counts.other)(number.format(count))),
  badgeConnected: 'Подключено',
  badgeConnectedStatus: (status) => `Подключено (${status})`,
  badgeBeta: 'Бета',
  badgeComingSoon: 'Скоро',
  // "Name: state" leaves a provider's name undeclined.
  sourceConnected: (name) => `${name}: подключено.`,
  sourceDisconnected: (name) => `${name}: отключено.`,
  disconnectFailed: (name, retryable) => `${name}: не удалось отключить.` + (retryable ? ' Повторите попытку.' : ''),
  requiredAnySource: 'Подключите хотя бы один источник, чтобы продолжить.',
  accountsConnected: (count) => ({ one: (n: string) => `${n} аккаунт подключён`, few: (n: string) => `${n} аккаунта подключено`, many: (n: string) => `${n} аккаунтов подключено`, other: (n: string) => `${n} аккаунта подключено` })[plural.select(count) as 'one' | 'few' | 'many' | 'other'](number.format(count)),
  addAccount: 'Добавить ещё один аккаунт',
  badgeUnavailable: 'Недоступно',
  'category.calendar': 'Календарь',
  'category.code': 'Код',
  'category.communication': 'Общение',
  'category.finance': 'Финансы',
  'category.fitness': 'Фитнес',
  'category.health': 'Здоровье',
  'category.music': 'Музыка',
  'category.productivity': 'Продуктивность',
  'category.social': 'Соцсети',
  'category.storage': 'Хранилище',

  'error.popup_blocked': 'Всплывающее окно заблокировано. Разрешите всплывающие окна и повторите попытку.',
  'error.network_error': 'Не удалось связаться с сервером. Повторите попытку.',
  'error.session_failed': 'Не удалось начать. Повторите попытку.',
  'error.session_timeout': 'Сервер не ответил вовремя. Повторите попытку.',
  'error.session_invalid_response': 'Некорректный ответ сервера.',
  'error.origin_not_allowed': 'Этому сайту запрещено подключение.',
  'error.invalid_token': 'Срок действия ссылки истек. Повторите попытку.',
  'error.user_denied': 'Доступ не предоставлен.',
  'error.source_error': 'Сервис недоступен. Повторите попытку позже.',
  'error.provisioning_failed': 'Произошла системная ошибка. Обратитесь в службу поддержки.',
  'error.timeout': 'Превышено время ожидания. Повторите попытку.',
  'error.invalid_scope': 'Запрошенный доступ недоступен.',
  'error.redirect_uri_mismatch': 'Адрес возврата не зарегистрирован.',
  'error.state_mismatch': 'Не удалось проверить результат. Повторите попытку.',
  'error.iframe_load_failed': 'Страница не загрузилась. Повторите попытку.',
  'error.unknown': 'Что-то пошло не так. Повторите попытку.',
};

export default ru;
