import { defaultStrings } from "../strings.js";
import type { WidgetTranslation } from "../translation.js";

/** English: the widgets' own strings, as a translation to switch back to. */
export const en: WidgetTranslation = { locale: "en", dir: "ltr", strings: defaultStrings };
