import type { CompleteTranslation } from '../localize.js';

const plural = new Intl.PluralRules('pl');
const number = new Intl.NumberFormat('pl');

/** Polish counts: one (1), few (2–4, 22–24...), many (5–21, 25–31...), other (fractions). */
const counts: Record<'one' | 'few' | 'many' | 'other', (n: string) => string> = {
  one: (n) => `${n} źródło.`,
  few: (n) => `${n} źródła.`,
  many: (n) => `${n} źródeł.`,
  other: (n) => `${n} źródła.`,
};

/** Polski. Register it with `registerTranslation(pl)`. */
const pl: CompleteTranslation = {
  $code: 'pl',
  $name: 'Polski',
  $dir: 'ltr',

  connect: 'Połącz',
  reconnect: 'Połącz ponownie',
  disconnect: 'Rozłącz',
  disconnecting: 'Rozłączanie…',
  dialogLabel: 'Połącz konto',
  dialogClose: 'Zamknij',
  dialogLoading: 'Wczytywanie strony logowania…',
  popupPlaceholder: 'Łączenie…',
  statusConnecting: 'Łączenie…',
  statusOpen: 'Okno połączenia jest otwarte.',
  statusWaiting: 'Oczekiwanie na okno logowania. Jeśli zostało zamknięte, wybierz „Anuluj”.',
  statusRedirecting: 'Przechodzenie do strony logowania…',
  statusConnected: 'Połączono.',
  waitingNote: 'Kontynuuj w oknie logowania.',
  waitingCancel: 'Anuluj',
  requiredConnection: (name) => `Połącz ${name}, aby kontynuować.`,
  sourcesLabel: 'Źródła',
  searchSources: 'Szukaj źródeł',
  categoryFilter: 'Kategoria',
  allCategories: 'Wszystkie',
  loadingSources: 'Wczytywanie źródeł…',
  sourcesFailed: 'Nie udało się wczytać źródeł.',
  retry: 'Spróbuj ponownie',
  noMatches: 'Brak pasujących źródeł',
  noSources: 'Brak dostępnych źródeł',
  matchCount: (count) => (count === 0 ? 'Brak pasujących źródeł.' : (counts[plural.select(count) as keyof typeof counts] ?? counts.other)(number.format(count))),
  badgeConnected: 'Połączono',
  badgeConnectedStatus: (status) => `Połączono (${status})`,
  badgeBeta: 'Beta',
  badgeComingSoon: 'Wkrótce',
  // "Name: state" leaves a provider's name undeclined.
  sourceConnected: (name) => `${name}: połączono.`,
  sourceDisconnected: (name) => `${name}: rozłączono.`,
  disconnectFailed: (name, retryable) => `${name}: nie udało się rozłączyć.` + (retryable ? ' Spróbuj ponownie.' : ''),
  requiredAnySource: 'Połącz co najmniej jedno źródło, aby kontynuować.',
  accountsConnected: (count) => ({ one: (n: string) => `${n} konto połączone`, few: (n: string) => `${n} konta połączone`, many: (n: string) => `${n} kont połączonych`, other: (n: string) => `${n} konta połączonego` })[plural.select(count) as 'one' | 'few' | 'many' | 'other'](number.format(count)),
  addAccount: 'Dodaj kolejne konto',
  badgeUnavailable: 'Niedostępne',
  'category.calendar': 'Kalendarz',
  'category.code': 'Kod',
  'category.communication': 'Komunikacja',
  'category.finance': 'Finanse',
  'category.fitness': 'Fitness',
  'category.health': 'Zdrowie',
  'category.music': 'Muzyka',
  'category.productivity': 'Produktywność',
  'category.social': 'Społeczności',
  'category.storage': 'Przechowywanie',

  'error.popup_blocked': 'Zablokowano wyskakujące okienko. Zezwól na wyskakujące okienka i spróbuj ponownie.',
  'error.network_error': 'Nie można połączyć się z serwerem. Spróbuj ponownie.',
  'error.session_failed': 'Nie udało się rozpocząć. Spróbuj ponownie.',
  'error.session_timeout': 'Serwer odpowiadał zbyt długo. Spróbuj ponownie.',
  'error.session_invalid_response': 'Nieprawidłowa odpowiedź serwera.',
  'error.origin_not_allowed': 'Ta witryna nie może się połączyć.',
  'error.invalid_token': 'Link wygasł. Spróbuj ponownie.',
  'error.user_denied': 'Nie przyznano dostępu.',
  'error.source_error': 'Usługa jest niedostępna. Spróbuj ponownie później.',
  'error.provisioning_failed': 'Wystąpił błąd systemu. Skontaktuj się z pomocą techniczną.',
  'error.timeout': 'Trwało to zbyt długo. Spróbuj ponownie.',
  'error.invalid_scope': 'Żądany dostęp jest niedostępny.',
  'error.redirect_uri_mismatch': 'Adres powrotu nie jest zarejestrowany.',
  'error.state_mismatch': 'Nie udało się zweryfikować wyniku. Spróbuj ponownie.',
  'error.iframe_load_failed': 'Strona się nie wczytała. Spróbuj ponownie.',
  'error.unknown': 'Coś poszło nie tak. Spróbuj ponownie.',
};

export default pl;
