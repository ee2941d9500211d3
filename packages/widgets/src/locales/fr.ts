import { plurals } from "../plural.js";
import type { WidgetTranslation } from "../translation.js";

const plural = plurals("fr");
// French puts a no-break space before ":" and a narrow one before "!" and "?".
const colon = "\u00a0:";
const bang = "\u202f!";
const ask = "\u202f?";

/** French. */
export const fr: WidgetTranslation = {
  locale: "fr",
  dir: "ltr",
  strings: {
    conversations: "Conversations",
    conversationsLoading: "Chargement des conversations…",
    conversationsEmpty: "Aucune conversation pour l’instant",
    untitledConversation: "Conversation",
    noMessagesYet: "Aucun message pour l’instant",
    attachmentPreview: "Pièce jointe",
    messages: "Messages",
    messagesLoading: "Chargement des messages…",
    messagesEmpty: `Aucun message pour l’instant. Dites bonjour${bang}`,
    messagesFailed: "Impossible de charger ces messages.",
    loadingOlder: "Chargement des messages précédents…",
    loadOlderFailed: "Impossible de charger les messages précédents.",
    retryLoadOlder: "Réessayer",
    historyUnavailable: "Impossible de charger les messages précédents pour le moment.",
    historyNotOffered: "Les messages précédents ne sont pas disponibles.",
    noConversation: "Choisissez une conversation",
    jumpToLatest: (count, n) =>
      count === 0
        ? "Aller aux derniers messages"
        : plural(count, {
            one: `${n} nouveau message, aller aux derniers`,
            other: `${n} nouveaux messages, aller aux derniers`,
          }),
    you: "Vous",
    someone: "Quelqu’un",
    edited: "modifié",
    deleted: "Ce message a été supprimé",
    status: {
      pending: "Envoi en cours",
      sent: "Envoyé",
      delivered: "Distribué",
      read: "Lu",
      failed: "Non envoyé",
      unconfirmed: "Non confirmé",
    },
    sendFailed: "Non envoyé.",
    sendUnconfirmed: `Non confirmé${colon} le message n’a peut-être pas atteint le serveur. Le renvoyer${ask}`,
    retry: "Réessayer",
    discard: "Abandonner",
    reply: "Répondre",
    edit: "Modifier",
    delete: "Supprimer",
    moreActions: "Plus d’actions",
    replyToUnknown: "Message d’origine",
    replyingTo: (name) => `En réponse à ${name}`,
    editingMessage: "Modification du message",
    cancelReply: "Annuler la réponse",
    cancelEdit: "Annuler la modification",
    composerLabel: "Message",
    composerPlaceholder: "Écrivez un message…",
    send: "Envoyer",
    save: "Enregistrer",
    attach: "Joindre un fichier",
    removeAttachment: (name) => `Retirer ${name}`,
    uploading: (name, percent) => `Envoi de ${name}${colon} ${percent}`,
    uploadFailed: (name) => `Impossible d’envoyer ${name}`,
    attachmentLabel: (name, size) => (size ? `${name} (${size})` : name),
    image: "Image",
    file: "Fichier",
    typing: (count, names) =>
      count === 0
        ? ""
        : count > 3
          ? "Plusieurs personnes écrivent…"
          : plural(count, { one: `${names} écrit…`, other: `${names} écrivent…` }),
    online: "En ligne",
    away: "Absent",
    busy: "Occupé",
    offline: "Hors ligne",
    lastSeen: (when) => `Dernière connexion${colon} ${when}`,
    backToConversations: "Retour aux conversations",
    searchLabel: "Rechercher dans les messages",
    searchPlaceholder: "Rechercher dans les messages…",
    searching: "Recherche…",
    searchEmpty: "Aucun message trouvé",
    searchResults: (count, n) =>
      plural(count, { one: `${n} message trouvé`, other: `${n} messages trouvés` }),
    searchFailed: "La recherche a échoué.",
    searchMore: "Afficher plus de résultats",
    findingMessage: "Recherche du message…",
    messageUnavailable: "Ce message est introuvable.",
    newConversation: "Nouvelle conversation",
    searchPeople: "Rechercher une personne par son nom",
    peopleFound: (count, n) =>
      plural(count, { one: `${n} personne trouvée`, other: `${n} personnes trouvées` }),
    noPeopleFound: "Aucune personne trouvée",
    close: "Fermer",
    unread: (count, n) =>
      plural(count, { one: `${n} message non lu`, other: `${n} messages non lus` }),
    connection: {
      idle: "Non connecté",
      connecting: "Connexion…",
      connected: "Connecté",
      offline: "Vous êtes hors ligne. Les messages partiront dès votre retour en ligne.",
      unauthorized: "Votre session a expiré. Reconnectez-vous pour continuer à discuter.",
      closed: "Déconnecté",
    },
    reconnecting: (attempt, seconds) =>
      seconds === null
        ? `Reconnexion (tentative ${attempt})…`
        : `Connexion perdue. Reconnexion dans ${seconds}\u00a0s (tentative ${attempt})…`,
  },
};
