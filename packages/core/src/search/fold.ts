// Combining marks, except the Japanese voicing marks: stripping those would turn ガ into カ.
const marks = /(?![\u3099\u309A])\p{M}/gu;

/**
 * The form words are compared in: compatibility-decomposed (full-width letters, ligatures and
 * half-width kana become their plain forms), accents and other marks dropped, lower case, `ß` as
 * `ss`. "Café", "CAFE" and "ｃａｆé" all fold to "cafe".
 */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(marks, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/ß/g, "ss");
}
