import type { CompleteTranslation } from '../localize.js';

const plural = new Intl.PluralRules('pt');
const number = new Intl.NumberFormat('pt');

/**
 * Português (Brasil), also for any `pt` tag but the European ones (`pt-PT.ts`).
 * Register it with `registerTranslation(pt)`.
 */
const pt: CompleteTranslation = {
  $code: 'pt',
  $name: 'Português (Brasil)',
  $dir: 'ltr',

  connect: 'Conectar',
  reconnect: 'Reconectar',
  disconnect: 'Desconectar',
  disconnecting: 'Desconectando…',
  dialogLabel: 'Conectar uma conta',
  dialogClose: 'Fechar',
  dialogLoading: 'Carregando a página de login…',
  popupPlaceholder: 'Conectando…',
  statusConnecting: 'Conectando…',
  statusOpen: 'A janela de conexão está aberta.',
  statusWaiting: 'Aguardando a janela de login. Se você a fechou, escolha “Cancelar”.',
  statusRedirecting: 'Indo para a página de login…',
  statusConnected: 'Conectado.',
  waitingNote: 'Continue na janela de login.',
  waitingCancel: 'Cancelar',
  requiredConnection: (name) => `Conecte ${name} para continuar.`,
  sourcesLabel: 'Fontes',
  searchSources: 'Pesquisar fontes',
  categoryFilter: 'Categoria',
  allCategories: 'Todas',
  loadingSources: 'Carregando fontes…',
  sourcesFailed: 'Não foi possível carregar as fontes.',
  retry: 'Tentar novamente',
  noMatches: 'Nenhuma fonte corresponde',
  noSources: 'Nenhuma fonte disponível',
  // Brazilian `one` is 0 ≤ n < 2; 0 has its own sentence.
  matchCount: (count) => (count === 0 ? 'Nenhuma fonte corresponde.' : plural.select(count) === 'one' ? `${number.format(count)} fonte.` : `${number.format(count)} fontes.`),
  badgeConnected: 'Conectado',
  badgeConnectedStatus: (status) => `Conectado (${status})`,
  badgeBeta: 'Beta',
  badgeComingSoon: 'Em breve',
  sourceConnected: (name) => `${name} conectado.`,
  sourceDisconnected: (name) => `${name} desconectado.`,
  disconnectFailed: (name, retryable) => `Não foi possível desconectar ${name}.` + (retryable ? ' Tente novamente.' : ''),
  requiredAnySource: 'Conecte pelo menos uma fonte para continuar.',
  accountsConnected: (count) => (plural.select(count) === 'one' ? `${number.format(count)} conta conectada` : `${number.format(count)} contas conectadas`),
  addAccount: 'Adicionar outra conta',
  badgeUnavailable: 'Indisponível',
  'category.calendar': 'Agenda',
  'category.code': 'Código',
  'category.communication': 'Comunicação',
  'category.finance': 'Finanças',
  'category.fitness': 'Fitness',
  'category.health': 'Saúde',
  'category.music': 'Música',
  'category.productivity': 'Produtividade',
  'category.social': 'Redes sociais',
  'category.storage': 'Armazenamento',

  'error.popup_blocked': 'Pop-up bloqueado. Permita pop-ups e tente novamente.',
  'error.network_error': 'Não foi possível acessar o servidor. Tente novamente.',
  'error.session_failed': 'Não foi possível iniciar. Tente novamente.',
  'error.session_timeout': 'O servidor demorou demais. Tente novamente.',
  'error.session_invalid_response': 'Resposta inválida do servidor.',
  'error.origin_not_allowed': 'Este site não tem permissão para se conectar.',
  'error.invalid_token': 'O link expirou. Tente novamente.',
  'error.user_denied': 'O acesso não foi concedido.',
  'error.source_error': 'O serviço não está disponível. Tente novamente mais tarde.',
  'error.provisioning_failed': 'Ocorreu um erro no sistema. Entre em contato com o suporte.',
  'error.timeout': 'Demorou demais. Tente novamente.',
  'error.invalid_scope': 'O acesso solicitado não está disponível.',
  'error.redirect_uri_mismatch': 'O endereço de retorno não está registrado.',
  'error.state_mismatch': 'Não foi possível verificar o resultado. Tente novamente.',
  'error.iframe_load_failed': 'A página não carregou. Tente novamente.',
  'error.unknown': 'Algo deu errado. Tente novamente.',
};

export default pt;
