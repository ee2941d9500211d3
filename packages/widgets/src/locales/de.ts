import { plurals } from "../plural.js";
import type { WidgetTranslation } from "../translation.js";

const plural = plurals("de");

/** German (informal "du", as chat apps address their users). */
export const de: WidgetTranslation = {
  locale: "de",
  dir: "ltr",
  strings: {
    conversations: "Unterhaltungen",
    conversationsLoading: "Unterhaltungen werden geladen…",
    conversationsEmpty: "Noch keine Unterhaltungen",
    untitledConversation: "Unterhaltung",
    noMessagesYet: "Noch keine Nachrichten",
    attachmentPreview: "Anhang",
    messages: "Nachrichten",
    messagesLoading: "Nachrichten werden geladen…",
    messagesEmpty: "Noch keine Nachrichten. Sag hallo!",
    messagesFailed: "Die Nachrichten konnten nicht geladen werden.",
    loadingOlder: "Ältere Nachrichten werden geladen…",
    loadOlderFailed: "Ältere Nachrichten konnten nicht geladen werden.",
    retryLoadOlder: "Erneut versuchen",
    historyUnavailable: "Frühere Nachrichten können gerade nicht geladen werden.",
    historyNotOffered: "Frühere Nachrichten sind nicht verfügbar.",
    noConversation: "Wähle eine Unterhaltung",
    jumpToLatest: (count, n) =>
      count === 0
        ? "Zu den neuesten Nachrichten"
        : plural(count, {
            one: `${n} neue Nachricht, zu den neuesten`,
            other: `${n} neue Nachrichten, zu den neuesten`,
          }),
    you: "Du",
    someone: "Jemand",
    edited: "bearbeitet",
    deleted: "Diese Nachricht wurde gelöscht",
    status: {
      pending: "Wird gesendet",
      sent: "Gesendet",
      delivered: "Zugestellt",
      read: "Gelesen",
      failed: "Nicht gesendet",
      unconfirmed: "Nicht bestätigt",
    },
    sendFailed: "Nicht gesendet.",
    sendUnconfirmed:
      "Nicht bestätigt: Die Nachricht hat den Server vielleicht nicht erreicht. Erneut senden?",
    retry: "Wiederholen",
    discard: "Verwerfen",
    reply: "Antworten",
    edit: "Bearbeiten",
    delete: "Löschen",
    moreActions: "Weitere Aktionen",
    replyToUnknown: "Ursprüngliche Nachricht",
    replyingTo: (name) => `Antwort an ${name}`,
    editingMessage: "Nachricht bearbeiten",
    cancelReply: "Antwort abbrechen",
    cancelEdit: "Bearbeiten abbrechen",
    composerLabel: "Nachricht",
    composerPlaceholder: "Nachricht schreiben…",
    send: "Senden",
    save: "Speichern",
    attach: "Datei anhängen",
    removeAttachment: (name) => `${name} entfernen`,
    uploading: (name, percent) => `${name} wird hochgeladen: ${percent}`,
    uploadFailed: (name) => `${name} konnte nicht hochgeladen werden`,
    attachmentLabel: (name, size) => (size ? `${name} (${size})` : name),
    image: "Bild",
    file: "Datei",
    typing: (count, names) =>
      count === 0
        ? ""
        : count > 3
          ? "Mehrere Personen schreiben…"
          : plural(count, { one: `${names} schreibt…`, other: `${names} schreiben…` }),
    online: "Online",
    away: "Abwesend",
    busy: "Beschäftigt",
    offline: "Offline",
    lastSeen: (when) => `Zuletzt online: ${when}`,
    backToConversations: "Zurück zu den Unterhaltungen",
    searchLabel: "Nachrichten durchsuchen",
    searchPlaceholder: "Nachrichten durchsuchen…",
    searching: "Suche läuft…",
    searchEmpty: "Keine Nachrichten gefunden",
    searchResults: (count, n) =>
      plural(count, { one: `${n} Nachricht gefunden`, other: `${n} Nachrichten gefunden` }),
    searchFailed: "Die Suche ist fehlgeschlagen.",
    searchMore: "Weitere Ergebnisse anzeigen",
    findingMessage: "Nachricht wird gesucht…",
    messageUnavailable: "Diese Nachricht wurde nicht gefunden.",
    newConversation: "Neue Unterhaltung",
    searchPeople: "Personen nach Namen suchen",
    peopleFound: (count, n) =>
      plural(count, { one: `${n} Person gefunden`, other: `${n} Personen gefunden` }),
    noPeopleFound: "Niemand gefunden",
    close: "Schließen",
    unread: (count, n) =>
      plural(count, { one: `${n} ungelesene Nachricht`, other: `${n} ungelesene Nachrichten` }),
    connection: {
      idle: "Nicht verbunden",
      connecting: "Verbindung wird hergestellt…",
      connected: "Verbunden",
      offline: "Du bist offline. Nachrichten werden gesendet, sobald du wieder online bist.",
      unauthorized: "Deine Sitzung ist abgelaufen. Melde dich erneut an, um weiterzuchatten.",
      closed: "Getrennt",
    },
    reconnecting: (attempt, seconds) =>
      seconds === null
        ? `Verbindung wird wiederhergestellt (Versuch ${attempt})…`
        : `Verbindung verloren. Neuer Versuch in ${seconds}\u00a0s (Versuch ${attempt})…`,
  },
};
