import type { CompleteTranslation } from '../localize.js';

const plural = new Intl.PluralRules('pt-PT');
const number = new Intl.NumberFormat('pt-PT');

/**
 * Português (Portugal): European Portuguese differs from Brazilian in most of
 * these strings (`Ligar`, `A carregar…`, `início de sessão`), so it is whole
 * rather than a patch over `pt`. Also serves the countries whose Portuguese
 * follows Portugal's (`pt-AO`, `pt-MZ`...). Register it with `registerTranslation(ptPT)`.
 */
const ptPT: CompleteTranslation = {
  $code: 'pt-PT',
  $name: 'Português (Portugal)',
  $dir: 'ltr',

  connect: 'Ligar',
  reconnect: 'Voltar a ligar',
  disconnect: 'Desligar',
  disconnecting: 'A desligar…',
  dialogLabel: 'Ligar uma conta',
  dialogClose: 'Fechar',
  dialogLoading: 'A carregar a página de início de sessão…',
  popupPlaceholder: 'A ligar…',
  statusConnecting: 'A ligar…',
  statusOpen: 'A janela de ligação está aberta.',
  statusWaiting: 'A aguardar a janela de início de sessão. Se a fechou, escolha “Cancelar”.',
  statusRedirecting: 'A abrir a página de início de sessão…',
  statusConnected: 'Ligado.',
  waitingNote: 'Continue na janela de início de sessão.',
  waitingCancel: 'Cancelar',
  requiredConnection: (name) => `Ligue ${name} para continuar.`,
  sourcesLabel: 'Fontes',
  searchSources: 'Pesquisar fontes',
  categoryFilter: 'Categoria',
  allCategories: 'Todas',
  loadingSources: 'A carregar fontes…',
  sourcesFailed: 'Não foi possível carregar as fontes.',
  retry: 'Tentar novamente',
  noMatches: 'Nenhuma fonte corresponde',
  noSources: 'Nenhuma fonte disponível',
  matchCount: (count) => (count === 0 ? 'Nenhuma fonte corresponde.' : plural.select(count) === 'one' ? `${number.format(count)} fonte.` : `${number.format(count)} fontes.`),
  badgeConnected: 'Ligado',
  badgeConnectedStatus: (status) => `Ligado (${status})`,
  badgeBeta: 'Beta',
  badgeComingSoon: 'Brevemente',
  sourceConnected: (name) => `${name} ligado.`,
  sourceDisconnected: (name) => `${name} desligado.`,
  disconnectFailed: (name, retryable) => `Não foi possível desligar ${name}.` + (retryable ? ' Tente novamente.' : ''),
  requiredAnySource: 'Ligue pelo menos uma fonte para continuar.',
  accountsConnected: (count) => (plural.select(count) === 'one' ? `${number.format(count)} conta ligada` : `${number.format(count)} contas ligadas`),
  addAccount: 'Adicionar outra conta',
  badgeUnavailable: 'Indisponível',
  'category.calendar': 'Calendário',
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
  'error.network_error': 'Não foi possível contactar o servidor. Tente novamente.',
  'error.session_failed': 'Não foi possível iniciar. Tente novamente.',
  'error.session_timeout': 'O servidor demorou demasiado tempo. Tente novamente.',
  'error.session_invalid_response': 'Resposta inválida do servidor.',
  'error.origin_not_allowed': 'Este site não tem permissão para se ligar.',
  'error.invalid_token': 'O link expirou. Tente novamente.',
  'error.user_denied': 'O acesso não foi concedido.',
  'error.source_error': 'O serviço não está disponível. Tente novamente mais tarde.',
  'error.provisioning_failed': 'Ocorreu um erro de sistema. Contacte o suporte.',
  'error.timeout': 'Demorou demasiado tempo. Tente novamente.',
  'error.invalid_scope': 'O acesso pedido não está disponível.',
  'error.redirect_uri_mismatch': 'O endereço de retorno não está registado.',
  'error.state_mismatch': 'Não foi possível verificar o resultado. Tente novamente.',
  'error.iframe_load_failed': 'A página não foi carregada. Tente novamente.',
  'error.unknown': 'Ocorreu um erro. Tente novamente.',
};

export default ptPT;
