import type { CompleteTranslation } from '../localize.js';

const plural = new Intl.PluralRules('he');
const number = new Intl.NumberFormat('he');

/**
 * עברית, right to left. Worded without grammatical gender (nouns and "יש ל…"
 * rather than masculine imperatives), as current Hebrew interfaces do.
 * Register it with `registerTranslation(he)`.
 */
const he: CompleteTranslation = {
  $code: 'he',
  $name: 'עברית',
  $dir: 'rtl',

  connect: 'חיבור',
  reconnect: 'חיבור מחדש',
  disconnect: 'ניתוק',
  disconnecting: 'מתבצע ניתוק…',
  dialogLabel: 'חיבור חשבון',
  dialogClose: 'סגירה',
  dialogLoading: 'דף הכניסה נטען…',
  popupPlaceholder: 'מתבצע חיבור…',
  statusConnecting: 'מתבצע חיבור…',
  statusOpen: 'חלון החיבור פתוח.',
  statusWaiting: 'בהמתנה לחלון הכניסה. אם החלון נסגר, יש לבחור ב״ביטול״.',
  statusRedirecting: 'מעבר לדף הכניסה…',
  statusConnected: 'החיבור בוצע.',
  waitingNote: 'יש להמשיך בחלון הכניסה.',
  waitingCancel: 'ביטול',
  requiredConnection: (name) => `יש לחבר את ${name} כדי להמשיך.`,
  sourcesLabel: 'מקורות',
  searchSources: 'חיפוש מקורות',
  categoryFilter: 'קטגוריה',
  allCategories: 'הכול',
  loadingSources: 'המקורות נטענים…',
  sourcesFailed: 'לא ניתן היה לטעון את המקורות.',
  retry: 'ניסיון חוזר',
  noMatches: 'אין מקורות תואמים',
  noSources: 'אין מקורות זמינים',
  // Hebrew says one and two in words; an older CLDR's `many` (20, 30...) reads as the rest.
  matchCount: (count) => {
    if (count === 0) return 'אין מקורות תואמים.';
    const form = plural.select(count);
    return form === 'one' ? 'מקור אחד.' : form === 'two' ? 'שני מקורות.' : `${number.format(count)} מקורות.`;
  },
  badgeConnected: 'מחובר',
  badgeConnectedStatus: (status) => `מחובר (${status})`,
  badgeBeta: 'בטא',
  badgeComingSoon: 'בקרוב',
  sourceConnected: (name) => `${name} חובר.`,
  sourceDisconnected: (name) => `${name} נותק.`,
  disconnectFailed: (name, retryable) => `לא ניתן היה לנתק את ${name}.` + (retryable ? ' כדאי לנסות שוב.' : ''),
  requiredAnySource: 'יש לחבר לפחות מקור אחד כדי להמשיך.',
  accountsConnected: (count) => (plural.select(count) === 'one' ? 'חשבון אחד מחובר' : `${number.format(count)} חשבונות מחוברים`),
  addAccount: 'הוספת חשבון נוסף',
  badgeUnavailable: 'לא זמין',
  'category.calendar': 'לוח שנה',
  'category.code': 'קוד',
  'category.communication': 'תקשורת',
  'category.finance': 'כספים',
  'category.fitness': 'כושר',
  'category.health': 'בריאות',
  'category.music': 'מוזיקה',
  'category.productivity': 'פרודוקטיביות',
  'category.social': 'רשתות חברתיות',
  'category.storage': 'אחסון',

  'error.popup_blocked': 'חלון קופץ נחסם. יש לאפשר חלונות קופצים ולנסות שוב.',
  'error.network_error': 'לא ניתן להתחבר לשרת. כדאי לנסות שוב.',
  'error.session_failed': 'לא ניתן היה להתחיל. כדאי לנסות שוב.',
  'error.session_timeout': 'השרת לא הגיב בזמן. כדאי לנסות שוב.',
  'error.session_invalid_response': 'תשובה לא תקינה מהשרת.',
  'error.origin_not_allowed': 'לאתר הזה אין הרשאה להתחבר.',
  'error.invalid_token': 'תוקף הקישור פג. כדאי לנסות שוב.',
  'error.user_denied': 'הגישה לא אושרה.',
  'error.source_error': 'השירות לא זמין. כדאי לנסות שוב מאוחר יותר.',
  'error.provisioning_failed': 'אירעה שגיאת מערכת. יש לפנות לתמיכה.',
  'error.timeout': 'הפעולה ארכה זמן רב מדי. כדאי לנסות שוב.',
  'error.invalid_scope': 'הגישה המבוקשת לא זמינה.',
  'error.redirect_uri_mismatch': 'כתובת החזרה לא רשומה.',
  'error.state_mismatch': 'לא ניתן היה לאמת את התוצאה. כדאי לנסות שוב.',
  'error.iframe_load_failed': 'הדף לא נטען. כדאי לנסות שוב.',
  'error.unknown': 'משהו השתבש. כדאי לנסות שוב.',
};

export default he;
