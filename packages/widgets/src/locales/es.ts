import { plurals } from "../plural.js";
import type { WidgetTranslation } from "../translation.js";

const plural = plurals("es");

/** Spanish. */
export const es: WidgetTranslation = {
  locale: "es",
  dir: "ltr",
  strings: {
    conversations: "Conversaciones",
    conversationsLoading: "Cargando conversaciones…",
    conversationsEmpty: "Aún no hay conversaciones",
    untitledConversation: "Conversación",
    noMessagesYet: "Aún no hay mensajes",
    attachmentPreview: "Archivo adjunto",
    messages: "Mensajes",
    messagesLoading: "Cargando mensajes…",
    messagesEmpty: "Aún no hay mensajes. ¡Saluda!",
    messagesFailed: "No se pudieron cargar estos mensajes.",
    loadingOlder: "Cargando mensajes anteriores…",
    loadOlderFailed: "No se pudieron cargar los mensajes anteriores.",
    retryLoadOlder: "Reintentar",
    historyUnavailable: "No se pueden cargar los mensajes anteriores en este momento.",
    historyNotOffered: "Los mensajes anteriores no están disponibles.",
    noConversation: "Elige una conversación",
    jumpToLatest: (count, n) =>
      count === 0
        ? "Ir a los últimos mensajes"
        : plural(count, {
            one: `${n} mensaje nuevo, ir a los últimos`,
            other: `${n} mensajes nuevos, ir a los últimos`,
          }),
    you: "Tú",
    someone: "Alguien",
    edited: "editado",
    deleted: "Se eliminó este mensaje",
    status: {
      pending: "Enviando",
      sent: "Enviado",
      delivered: "Entregado",
      read: "Leído",
      failed: "No enviado",
      unconfirmed: "Sin confirmar",
    },
    sendFailed: "No enviado.",
    sendUnconfirmed: "Sin confirmar: puede que no haya llegado al servidor. ¿Enviarlo de nuevo?",
    retry: "Reintentar",
    discard: "Descartar",
    reply: "Responder",
    edit: "Editar",
    delete: "Eliminar",
    moreActions: "Más acciones",
    replyToUnknown: "Mensaje original",
    replyingTo: (name) => `Respondiendo a ${name}`,
    editingMessage: "Editando mensaje",
    cancelReply: "Cancelar respuesta",
    cancelEdit: "Cancelar edición",
    composerLabel: "Mensaje",
    composerPlaceholder: "Escribe un mensaje…",
    send: "Enviar",
    save: "Guardar",
    attach: "Adjuntar un archivo",
    removeAttachment: (name) => `Quitar ${name}`,
    uploading: (name, percent) => `Subiendo ${name}: ${percent}`,
    uploadFailed: (name) => `No se pudo subir ${name}`,
    attachmentLabel: (name, size) => (size ? `${name} (${size})` : name),
    image: "Imagen",
    file: "Archivo",
    typing: (count, names) =>
      count === 0
        ? ""
        : count > 3
          ? "Varias personas están escribiendo…"
          : plural(count, {
              one: `${names} está escribiendo…`,
              other: `${names} están escribiendo…`,
            }),
    online: "En línea",
    away: "Ausente",
    busy: "Ocupado",
    offline: "Desconectado",
    lastSeen: (when) => `Última conexión: ${when}`,
    backToConversations: "Volver a las conversaciones",
    searchLabel: "Buscar mensajes",
    searchPlaceholder: "Buscar mensajes…",
    searching: "Buscando…",
    searchEmpty: "No se encontraron mensajes",
    searchResults: (count, n) =>
      plural(count, { one: `${n} mensaje encontrado`, other: `${n} mensajes encontrados` }),
    searchFailed: "La búsqueda falló.",
    searchMore: "Mostrar más resultados",
    findingMessage: "Buscando el mensaje…",
    messageUnavailable: "No se encontró este mensaje.",
    newConversation: "Nueva conversación",
    searchPeople: "Buscar personas por nombre",
    peopleFound: (count, n) =>
      plural(count, { one: `${n} persona encontrada`, other: `${n} personas encontradas` }),
    noPeopleFound: "No se encontró a nadie",
    close: "Cerrar",
    unread: (count, n) =>
      plural(count, { one: `${n} mensaje sin leer`, other: `${n} mensajes sin leer` }),
    connection: {
      idle: "Sin conexión",
      connecting: "Conectando…",
      connected: "Conectado",
      offline: "Estás sin conexión. Los mensajes se enviarán cuando vuelvas a estar en línea.",
      unauthorized: "Tu sesión ha caducado. Vuelve a iniciar sesión para seguir chateando.",
      closed: "Desconectado",
    },
    reconnecting: (attempt, seconds) =>
      seconds === null
        ? `Reconectando (intento ${attempt})…`
        : `Se perdió la conexión. Reconectando en ${seconds}\u00a0s (intento ${attempt})…`,
  },
};
