import type { WidgetTranslation } from "../translation.js";

// Japanese has a single plural form: counts need no choosing.

/** Japanese. */
export const ja: WidgetTranslation = {
  locale: "ja",
  dir: "ltr",
  strings: {
    conversations: "会話",
    conversationsLoading: "会話を読み込み中…",
    conversationsEmpty: "会話はまだありません",
    untitledConversation: "会話",
    noMessagesYet: "メッセージはまだありません",
    attachmentPreview: "添付ファイル",
    messages: "メッセージ",
    messagesLoading: "メッセージを読み込み中…",
    messagesEmpty: "メッセージはまだありません。あいさつしてみましょう！",
    messagesFailed: "メッセージを読み込めませんでした。",
    loadingOlder: "以前のメッセージを読み込み中…",
    loadOlderFailed: "以前のメッセージを読み込めませんでした。",
    retryLoadOlder: "再試行",
    noConversation: "会話を選択してください",
    jumpToLatest: (count, n) =>
      count === 0 ? "最新のメッセージへ移動" : `新着メッセージ ${n} 件、最新へ移動`,
    you: "あなた",
    someone: "誰か",
    edited: "編集済み",
    deleted: "このメッセージは削除されました",
    status: {
      pending: "送信中",
      sent: "送信済み",
      delivered: "配信済み",
      read: "既読",
      failed: "未送信",
      unconfirmed: "未確認",
    },
    sendFailed: "送信できませんでした。",
    sendUnconfirmed: "未確認：サーバーに届いていない可能性があります。もう一度送信しますか？",
    retry: "再試行",
    discard: "破棄",
    reply: "返信",
    edit: "編集",
    delete: "削除",
    replyToUnknown: "元のメッセージ",
    replyingTo: (name) => `${name} さんに返信`,
    editingMessage: "メッセージを編集中",
    cancelReply: "返信をキャンセル",
    cancelEdit: "編集をキャンセル",
    composerLabel: "メッセージ",
    composerPlaceholder: "メッセージを入力…",
    send: "送信",
    save: "保存",
    attach: "ファイルを添付",
    removeAttachment: (name) => `${name} を取り除く`,
    uploading: (name, percent) => `${name} をアップロード中：${percent}`,
    uploadFailed: (name) => `${name} をアップロードできませんでした`,
    attachmentLabel: (name, size) => (size ? `${name}（${size}）` : name),
    image: "画像",
    file: "ファイル",
    typing: (count, names) =>
      count === 0 ? "" : count > 3 ? "複数の人が入力中…" : `${names} が入力中…`,
    online: "オンライン",
    away: "離席中",
    busy: "取り込み中",
    offline: "オフライン",
    lastSeen: (when) => `最終オンライン：${when}`,
    backToConversations: "会話一覧に戻る",
    unread: (_count, n) => `未読メッセージ ${n} 件`,
    connection: {
      idle: "未接続",
      connecting: "接続中…",
      connected: "接続済み",
      offline: "オフラインです。オンラインに戻るとメッセージが送信されます。",
      unauthorized:
        "セッションの有効期限が切れました。チャットを続けるには再度サインインしてください。",
      closed: "切断されました",
    },
    reconnecting: (attempt, seconds) =>
      seconds === null
        ? `再接続中（${attempt} 回目）…`
        : `接続が切れました。${seconds} 秒後に再接続します（${attempt} 回目）…`,
  },
};
