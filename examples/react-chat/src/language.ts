import type { WidgetTranslation } from "@parley/widgets";
import { ar } from "@parley/widgets/locales/ar";
import { de } from "@parley/widgets/locales/de";
import { en } from "@parley/widgets/locales/en";
import { es } from "@parley/widgets/locales/es";
import { fr } from "@parley/widgets/locales/fr";
import { ja } from "@parley/widgets/locales/ja";
import { pt } from "@parley/widgets/locales/pt";
import { zh } from "@parley/widgets/locales/zh";

const translations = new Map<string, WidgetTranslation>(
  Object.entries({ en, es, fr, de, pt, ar, zh, ja }),
);

/** The widgets' language, from `?lang=` (en, es, fr, de, pt, ar, zh or ja); English otherwise. */
export function languageFromUrl(): WidgetTranslation {
  const lang = new URLSearchParams(window.location.search).get("lang") ?? "";
  return translations.get(lang) ?? en;
}
