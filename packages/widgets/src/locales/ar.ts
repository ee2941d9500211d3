import { plurals } from "../plural.js";
import type { WidgetTranslation } from "../translation.js";

const plural = plurals("ar");

/** Arabic (Modern Standard), right to left; counts take all six Arabic plural forms. */
export const ar: WidgetTranslation = {
  locale: "ar",
  dir: "rtl",
  strings: {
    conversations: "المحادثات",
    conversationsLoading: "جارٍ تحميل المحادثات…",
    conversationsEmpty: "لا توجد محادثات بعد",
    untitledConversation: "محادثة",
    noMessagesYet: "لا توجد رسائل بعد",
    attachmentPreview: "مرفق",
    messages: "الرسائل",
    messagesLoading: "جارٍ تحميل الرسائل…",
    messagesEmpty: "لا توجد رسائل بعد. ألقِ التحية!",
    messagesFailed: "تعذّر تحميل هذه الرسائل.",
    loadingOlder: "جارٍ تحميل الرسائل الأقدم…",
    loadOlderFailed: "تعذّر تحميل الرسائل الأقدم.",
    retryLoadOlder: "أعد المحاولة",
    historyUnavailable: "يتعذّر تحميل الرسائل السابقة الآن.",
    historyNotOffered: "الرسائل السابقة غير متاحة.",
    noConversation: "اختر محادثة",
    jumpToLatest: (count, n) =>
      count === 0
        ? "انتقل إلى أحدث الرسائل"
        : plural(count, {
            one: "رسالة جديدة واحدة، انتقل إلى الأحدث",
            two: "رسالتان جديدتان، انتقل إلى الأحدث",
            few: `${n} رسائل جديدة، انتقل إلى الأحدث`,
            other: `${n} رسالة جديدة، انتقل إلى الأحدث`,
          }),
    you: "أنت",
    someone: "شخص ما",
    edited: "معدّلة",
    deleted: "حُذفت هذه الرسالة",
    status: {
      pending: "جارٍ الإرسال",
      sent: "أُرسلت",
      delivered: "وصلت",
      read: "قُرئت",
      failed: "لم تُرسل",
      unconfirmed: "غير مؤكدة",
    },
    sendFailed: "لم تُرسل.",
    sendUnconfirmed: "غير مؤكدة: ربما لم تصل إلى الخادم. هل تريد إرسالها مجددًا؟",
    retry: "أعد المحاولة",
    discard: "تجاهل",
    reply: "رد",
    edit: "تعديل",
    delete: "حذف",
    moreActions: "مزيد من الإجراءات",
    replyToUnknown: "الرسالة الأصلية",
    replyingTo: (name) => `الرد على ${name}`,
    editingMessage: "تعديل الرسالة",
    cancelReply: "إلغاء الرد",
    cancelEdit: "إلغاء التعديل",
    composerLabel: "رسالة",
    composerPlaceholder: "اكتب رسالة…",
    send: "إرسال",
    save: "حفظ",
    attach: "إرفاق ملف",
    removeAttachment: (name) => `إزالة ${name}`,
    uploading: (name, percent) => `جارٍ رفع ${name}: ${percent}`,
    uploadFailed: (name) => `تعذّر رفع ${name}`,
    attachmentLabel: (name, size) => (size ? `${name} (${size})` : name),
    image: "صورة",
    file: "ملف",
    typing: (count, names) =>
      count === 0
        ? ""
        : count > 3
          ? "عدة أشخاص يكتبون…"
          : plural(count, {
              one: `${names} يكتب…`,
              two: `${names} يكتبان…`,
              other: `${names} يكتبون…`,
            }),
    online: "متصل",
    away: "بعيد",
    busy: "مشغول",
    offline: "غير متصل",
    lastSeen: (when) => `آخر ظهور: ${when}`,
    backToConversations: "العودة إلى المحادثات",
    searchLabel: "البحث في الرسائل",
    searchPlaceholder: "ابحث في الرسائل…",
    searching: "جارٍ البحث…",
    searchEmpty: "لم يُعثر على رسائل",
    searchResults: (count, n) =>
      plural(count, {
        zero: "لم يُعثر على رسائل",
        one: "رسالة واحدة",
        two: "رسالتان",
        few: `${n} رسائل`,
        other: `${n} رسالة`,
      }),
    searchFailed: "تعذّر البحث.",
    searchMore: "عرض المزيد من النتائج",
    findingMessage: "جارٍ البحث عن الرسالة…",
    messageUnavailable: "تعذّر العثور على هذه الرسالة.",
    newConversation: "محادثة جديدة",
    searchPeople: "ابحث عن الأشخاص بالاسم",
    peopleFound: (count, n) =>
      plural(count, {
        zero: "لم يُعثر على أحد",
        one: "تم العثور على شخص واحد",
        two: "تم العثور على شخصين",
        few: `تم العثور على ${n} أشخاص`,
        many: `تم العثور على ${n} شخصًا`,
        other: `تم العثور على ${n} شخص`,
      }),
    noPeopleFound: "لم يُعثر على أحد",
    close: "إغلاق",
    unread: (count, n) =>
      plural(count, {
        zero: "لا توجد رسائل غير مقروءة",
        one: "رسالة واحدة غير مقروءة",
        two: "رسالتان غير مقروءتين",
        few: `${n} رسائل غير مقروءة`,
        other: `${n} رسالة غير مقروءة`,
      }),
    connection: {
      idle: "غير متصل",
      connecting: "جارٍ الاتصال…",
      connected: "متصل",
      offline: "أنت غير متصل بالإنترنت. ستُرسل الرسائل عند عودة الاتصال.",
      unauthorized: "انتهت جلستك. سجّل الدخول مجددًا لمتابعة الدردشة.",
      closed: "انقطع الاتصال",
    },
    reconnecting: (attempt, seconds) =>
      seconds === null
        ? `جارٍ إعادة الاتصال (المحاولة ${attempt})…`
        : `انقطع الاتصال. إعادة الاتصال خلال ${seconds} ث (المحاولة ${attempt})…`,
  },
};
