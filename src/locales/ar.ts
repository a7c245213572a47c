import type { CompleteTranslation } from '../localize.js';

const plural = new Intl.PluralRules('ar');
const number = new Intl.NumberFormat('ar');

/** Arabic counts: zero, one, two, few (3–10), many (11–99), other. */
const counts: Record<Intl.LDMLPluralRule, (n: string) => string> = {
  zero: () => 'لا توجد مصادر مطابقة.',
  one: () => 'مصدر واحد.',
  two: () => 'مصدران.',
  few: (n) => `${n} مصادر.`,
  many: (n) => `${n} مصدرًا.`,
  other: (n) => `${n} مصدر.`,
};

/** العربية. Register it with `registerTranslation(ar)`. */
const ar: CompleteTranslation = {
  $code: 'ar',
  $name: 'العربية',
  $dir: 'rtl',

  connect: 'ربط',
  reconnect: 'إعادة الربط',
  disconnect: 'إلغاء الربط',
  disconnecting: 'جارٍ إلغاء الربط…',
  dialogLabel: 'ربط حساب',
  dialogClose: 'إغلاق',
  dialogLoading: 'جارٍ تحميل صفحة تسجيل الدخول…',
  popupPlaceholder: 'جارٍ الربط…',
  statusConnecting: 'جارٍ الربط…',
  statusOpen: 'نافذة الربط مفتوحة.',
  statusWaiting: 'في انتظار نافذة تسجيل الدخول. إذا أغلقتها، فاختر «إلغاء».',
  statusRedirecting: 'جارٍ الانتقال إلى صفحة تسجيل الدخول…',
  statusConnected: 'تم الربط.',
  waitingNote: 'تابع في نافذة تسجيل الدخول.',
  waitingCancel: 'إلغاء',
  sourcesLabel: 'المصادر',
  searchSources: 'البحث في المصادر',
  categoryFilter: 'الفئة',
  allCategories: 'الكل',
  loadingSources: 'جارٍ تحميل المصادر…',
  sourcesFailed: 'تعذّر تحميل المصادر.',
  retry: 'إعادة المحاولة',
  noMatches: 'لا توجد مصادر مطابقة',
  noSources: 'لا توجد مصادر متاحة',
  matchCount: (count) => counts[plural.select(count)](number.format(count)),
  badgeConnected: 'مرتبط',
  badgeConnectedStatus: (status) => `مرتبط (${status})`,
  badgeBeta: 'تجريبي',
  badgeComingSoon: 'قريبًا',
  sourceConnected: (name) => `تم ربط ${name}.`,
  sourceDisconnected: (name) => `تم إلغاء ربط ${name}.`,
  disconnectFailed: (name, retryable) => `تعذّر إلغاء ربط ${name}.` + (retryable ? ' حاول مرة أخرى.' : ''),
  'category.calendar': 'التقويم',
  'category.code': 'البرمجة',
  'category.communication': 'التواصل',
  'category.finance': 'المال',
  'category.fitness': 'اللياقة',
  'category.health': 'الصحة',
  'category.music': 'الموسيقى',
  'category.productivity': 'الإنتاجية',
  'category.social': 'التواصل الاجتماعي',
  'category.storage': 'التخزين',

  'error.popup_blocked': 'تم حظر النافذة المنبثقة. اسمح بالنوافذ المنبثقة وحاول مرة أخرى.',
  'error.network_error': 'تعذّر الوصول إلى الخادم. حاول مرة أخرى.',
  'error.session_failed': 'تعذّر البدء. حاول مرة أخرى.',
  'error.session_timeout': 'استغرق الخادم وقتًا طويلًا. حاول مرة أخرى.',
  'error.session_invalid_response': 'ردّ غير صالح من الخادم.',
  'error.origin_not_allowed': 'لا يُسمح لهذا الموقع بالربط.',
  'error.invalid_token': 'انتهت صلاحية الرابط. حاول مرة أخرى.',
  'error.user_denied': 'لم يُمنح الإذن بالوصول.',
  'error.source_error': 'الخدمة غير متاحة. حاول لاحقًا.',
  'error.provisioning_failed': 'حدث خطأ في النظام. تواصل مع الدعم.',
  'error.timeout': 'استغرق الأمر وقتًا طويلًا. حاول مرة أخرى.',
  'error.invalid_scope': 'الوصول المطلوب غير متاح.',
  'error.redirect_uri_mismatch': 'عنوان العودة غير مسجّل.',
  'error.state_mismatch': 'تعذّر التحقق من النتيجة. حاول مرة أخرى.',
  'error.iframe_load_failed': 'لم يتم تحميل الصفحة. حاول مرة أخرى.',
  'error.unknown': 'حدث خطأ ما. حاول مرة أخرى.',
};

export default ar;
