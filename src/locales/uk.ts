import type { CompleteTranslation } from '../localize.js';

const plural = new Intl.PluralRules('uk');
const number = new Intl.NumberFormat('uk');

/** Ukrainian counts: one (1, 21, 101...), few (2–4, 22–24...), many (0, 5–20, 25–30...), other (fractions). */
const counts: Record<'one' | 'few' | 'many' | 'other', (n: string) => string> = {
  one: (n) => `${n} джерело.`,
  few: (n) => `${n} джерела.`,
  many: (n) => `${n} джерел.`,
  other: (n) => `${n} джерела.`,
};

/** Українська. Register it with `registerTranslation(uk)`. */
const uk: CompleteTranslation = {
  $code: 'uk',
  $name: 'Українська',
  $dir: 'ltr',

  connect: 'Підключити',
  reconnect: 'Підключити знову',
  disconnect: 'Відключити',
  disconnecting: 'Відключення…',
  dialogLabel: 'Підключення облікового запису',
  dialogClose: 'Закрити',
  dialogLoading: 'Завантаження сторінки входу…',
  popupPlaceholder: 'Підключення…',
  statusConnecting: 'Підключення…',
  statusOpen: 'Вікно підключення відкрито.',
  statusWaiting: 'Очікування вікна входу. Якщо ви його закрили, виберіть «Скасувати».',
  statusRedirecting: 'Перехід на сторінку входу…',
  statusConnected: 'Підключено.',
  waitingNote: 'Продовжте у вікні входу.',
  waitingCancel: 'Скасувати',
  requiredConnection: (name) => `Підключіть ${name}, щоб продовжити.`,
  sourcesLabel: 'Джерела',
  searchSources: 'Пошук джерел',
  categoryFilter: 'Категорія',
  allCategories: 'Усі',
  loadingSources: 'Завантаження джерел…',
  sourcesFailed: 'Не вдалося завантажити джерела.',
  retry: 'Повторити',
  noMatches: 'Немає відповідних джерел',
  noSources: 'Немає доступних джерел',
  matchCount: (count) => (count === 0 ? 'Немає відповідних джерел.' : (counts[plural.select(count) as keyof typeof counts] ?? counts.other)(number.format(count))),
  badgeConnected: 'Підключено',
  badgeConnectedStatus: (status) => `Підключено (${status})`,
  badgeBeta: 'Бета',
  badgeComingSoon: 'Незабаром',
  // "Name: state" leaves a provider's name undeclined.
  sourceConnected: (name) => `${name}: підключено.`,
  sourceDisconnected: (name) => `${name}: відключено.`,
  disconnectFailed: (name, retryable) => `${name}: не вдалося відключити.` + (retryable ? ' Спробуйте ще раз.' : ''),
  requiredAnySource: 'Підключіть принаймні одне джерело, щоб продовжити.',
  accountsConnected: (count) => ({ one: (n: string) => `${n} обліковий запис підключено`, few: (n: string) => `${n} облікові записи підключено`, many: (n: string) => `${n} облікових записів підключено`, other: (n: string) => `${n} облікового запису підключено` })[plural.select(count) as 'one' | 'few' | 'many' | 'other'](number.format(count)),
  addAccount: 'Додати ще один обліковий запис',
  badgeUnavailable: 'Недоступно',
  'category.calendar': 'Календар',
  'category.code': 'Код',
  'category.communication': 'Спілкування',
  'category.finance': 'Фінанси',
  'category.fitness': 'Фітнес',
  'category.health': 'Здоров’я',
  'category.music': 'Музика',
  'category.productivity': 'Продуктивність',
  'category.social': 'Соцмережі',
  'category.storage': 'Сховище',

  'error.popup_blocked': 'Спливаюче вікно заблоковано. Дозвольте спливаючі вікна й спробуйте ще раз.',
  'error.network_error': 'Не вдалося зв’язатися із сервером. Спробуйте ще раз.',
  'error.session_failed': 'Не вдалося почати. Спробуйте ще раз.',
  'error.session_timeout': 'Сервер не відповів вчасно. Спробуйте ще раз.',
  'error.session_invalid_response': 'Некоректна відповідь сервера.',
  'error.origin_not_allowed': 'Цьому сайту заборонено підключатися.',
  'error.invalid_token': 'Термін дії посилання минув. Спробуйте ще раз.',
  'error.user_denied': 'Доступ не надано.',
  'error.source_error': 'Сервіс недоступний. Спробуйте пізніше.',
  'error.provisioning_failed': 'Сталася системна помилка. Зверніться до служби підтримки.',
  'error.timeout': 'Час очікування минув. Спробуйте ще раз.',
  'error.invalid_scope': 'Запитаний доступ недоступний.',
  'error.redirect_uri_mismatch': 'Адресу повернення не зареєстровано.',
  'error.state_mismatch': 'Не вдалося перевірити результат. Спробуйте ще раз.',
  'error.iframe_load_failed': 'Сторінка не завантажилася. Спробуйте ще раз.',
  'error.unknown': 'Щось пішло не так. Спробуйте ще раз.',
};

export default uk;
