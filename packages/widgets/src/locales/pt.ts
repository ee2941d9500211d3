import { plurals } from "../plural.js";
import type { WidgetTranslation } from "../translation.js";

const plural = plurals("pt");

/** Portuguese (Brazilian, what `pt` means to `Intl`). */
export const pt: WidgetTranslation = {
  locale: "pt",
  dir: "ltr",
  strings: {
    conversations: "Conversas",
    conversationsLoading: "Carregando conversas…",
    conversationsEmpty: "Nenhuma conversa ainda",
    untitledConversation: "Conversa",
    noMessagesYet: "Nenhuma mensagem ainda",
    attachmentPreview: "Anexo",
    messages: "Mensagens",
    messagesLoading: "Carregando mensagens…",
    messagesEmpty: "Nenhuma mensagem ainda. Diga olá!",
    messagesFailed: "Não foi possível carregar estas mensagens.",
    loadingOlder: "Carregando mensagens anteriores…",
    loadOlderFailed: "Não foi possível carregar as mensagens anteriores.",
    retryLoadOlder: "Tentar de novo",
    historyUnavailable: "Não é possível carregar as mensagens anteriores agora.",
    historyNotOffered: "As mensagens anteriores não estão disponíveis.",
    noConversation: "Escolha uma conversa",
    jumpToLatest: (count, n) =>
      count === 0
        ? "Ir para as mensagens mais recentes"
        : plural(count, {
            one: `${n} mensagem nova, ir para as mais recentes`,
            other: `${n} mensagens novas, ir para as mais recentes`,
          }),
    you: "Você",
    someone: "Alguém",
    edited: "editada",
    deleted: "Esta mensagem foi apagada",
    status: {
      pending: "Enviando",
      sent: "Enviada",
      delivered: "Entregue",
      read: "Lida",
      failed: "Não enviada",
      unconfirmed: "Não confirmada",
    },
    sendFailed: "Não enviada.",
    sendUnconfirmed: "Não confirmada: talvez não tenha chegado ao servidor. Enviar de novo?",
    retry: "Tentar de novo",
    discard: "Descartar",
    reply: "Responder",
    edit: "Editar",
    delete: "Apagar",
    moreActions: "Mais ações",
    replyToUnknown: "Mensagem original",
    replyingTo: (name) => `Respondendo a ${name}`,
    editingMessage: "Editando mensagem",
    cancelReply: "Cancelar resposta",
    cancelEdit: "Cancelar edição",
    composerLabel: "Mensagem",
    composerPlaceholder: "Escreva uma mensagem…",
    send: "Enviar",
    save: "Salvar",
    attach: "Anexar um arquivo",
    removeAttachment: (name) => `Remover ${name}`,
    uploading: (name, percent) => `Enviando ${name}: ${percent}`,
    uploadFailed: (name) => `Não foi possível enviar ${name}`,
    attachmentLabel: (name, size) => (size ? `${name} (${size})` : name),
    image: "Imagem",
    file: "Arquivo",
    typing: (count, names) =>
      count === 0
        ? ""
        : count > 3
          ? "Várias pessoas estão digitando…"
          : plural(count, {
              one: `${names} está digitando…`,
              other: `${names} estão digitando…`,
            }),
    online: "Online",
    away: "Ausente",
    busy: "Ocupado",
    offline: "Offline",
    lastSeen: (when) => `Visto por último: ${when}`,
    backToConversations: "Voltar para as conversas",
    searchLabel: "Pesquisar mensagens",
    searchPlaceholder: "Pesquisar mensagens…",
    searching: "Pesquisando…",
    searchEmpty: "Nenhuma mensagem encontrada",
    searchResults: (count, n) =>
      plural(count, { one: `${n} mensagem encontrada`, other: `${n} mensagens encontradas` }),
    searchFailed: "A pesquisa falhou.",
    searchMore: "Mostrar mais resultados",
    findingMessage: "Procurando a mensagem…",
    messageUnavailable: "Esta mensagem não foi encontrada.",
    newConversation: "Nova conversa",
    searchPeople: "Pesquisar pessoas pelo nome",
    peopleFound: (count, n) =>
      plural(count, { one: `${n} pessoa encontrada`, other: `${n} pessoas encontradas` }),
    noPeopleFound: "Ninguém encontrado",
    close: "Fechar",
    unread: (count, n) =>
      plural(count, { one: `${n} mensagem não lida`, other: `${n} mensagens não lidas` }),
    connection: {
      idle: "Não conectado",
      connecting: "Conectando…",
      connected: "Conectado",
      offline: "Você está offline. As mensagens serão enviadas quando você voltar a ficar online.",
      unauthorized: "Sua sessão expirou. Entre novamente para continuar conversando.",
      closed: "Desconectado",
    },
    reconnecting: (attempt, seconds) =>
      seconds === null
        ? `Reconectando (tentativa ${attempt})…`
        : `Conexão perdida. Reconectando em ${seconds}\u00a0s (tentativa ${attempt})…`,
  },
};
