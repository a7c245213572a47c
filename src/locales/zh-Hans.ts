import type { CompleteTranslation } from '../localize.js';

const number = new Intl.NumberFormat('zh-Hans');

/**
 * 简体中文 (Simplified Chinese): also `zh`, `zh-CN`, `zh-SG`. Register it with
 * `registerTranslation(zhHans)`.
 */
const zhHans: CompleteTranslation = {
  $code: 'zh-Hans',
  $name: '简体中文',
  $dir: 'ltr',

  connect: '连接',
  reconnect: '重新连接',
  disconnect: '断开连接',
  disconnecting: '正在断开连接…',
  dialogLabel: '连接账号',
  dialogClose: '关闭',
  dialogLoading: '正在加载登录页面…',
  popupPlaceholder: '正在连接…',
  statusConnecting: '正在连接…',
  statusOpen: '连接窗口已打开。',
  statusWaiting: '正在等待登录窗口。如果你已关闭该窗口，请选择“取消”。',
  statusRedirecting: '正在前往登录页面…',
  statusConnected: '已连接。',
  waitingNote: '请在登录窗口中继续。',
  waitingCancel: '取消',
  requiredConnection: (name) => `请连接 ${name} 以继续。`,
  sourcesLabel: '来源',
  searchSources: '搜索来源',
  categoryFilter: '类别',
  allCategories: '全部',
  loadingSources: '正在加载来源…',
  sourcesFailed: '无法加载来源。',
  retry: '重试',
  noMatches: '没有匹配的来源',
  noSources: '没有可用的来源',
  // Chinese has one form for every count (a measure word, no plural).
  matchCount: (count) => (count === 0 ? '没有匹配的来源。' : `${number.format(count)} 个来源。`),
  badgeConnected: '已连接',
  badgeConnectedStatus: (status) => `已连接（${status}）`,
  badgeBeta: 'Beta 版',
  badgeComingSoon: '即将推出',
  sourceConnected: (name) => `已连接 ${name}。`,
  sourceDisconnected: (name) => `已断开与 ${name} 的连接。`,
  disconnectFailed: (name, retryable) => `无法断开与 ${name} 的连接。` + (retryable ? '请重试。' : ''),
  requiredAnySource: '请至少连接一个来源以继续。',
  'category.calendar': '日历',
  'category.code': '代码',
  'category.communication': '通讯',
  'category.finance': '财务',
  'category.fitness': '健身',
  'category.health': '健康',
  'category.music': '音乐',
  'category.productivity': '效率',
  'category.social': '社交',
  'category.storage': '存储',

  'error.popup_blocked': '弹出式窗口已被拦截。请允许弹出式窗口，然后重试。',
  'error.network_error': '无法连接到服务器。请重试。',
  'error.session_failed': '无法启动。请重试。',
  'error.session_timeout': '服务器响应超时。请重试。',
  'error.session_invalid_response': '服务器返回了无效的响应。',
  'error.origin_not_allowed': '此网站无权连接。',
  'error.invalid_token': '链接已过期。请重试。',
  'error.user_denied': '未获得访问权限。',
  'error.source_error': '服务不可用。请稍后重试。',
  'error.provisioning_failed': '发生系统错误。请联系支持团队。',
  'error.timeout': '操作超时。请重试。',
  'error.invalid_scope': '请求的访问权限不可用。',
  'error.redirect_uri_mismatch': '返回地址未注册。',
  'error.state_mismatch': '无法验证结果。请重试。',
  'error.iframe_load_failed': '页面未能加载。请重试。',
  'error.unknown': '出了点问题。请重试。',
};

export default zhHans;
