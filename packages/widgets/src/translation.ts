import type { WidgetStrings } from "./strings.js";

/** Text direction of the widgets; where it is `undefined`, it inherits from the page. */
export type Direction = "ltr" | "rtl";

/**
 * A language for the widgets: its strings, the BCP 47 locale that dates and numbers follow, and
 * its direction. Each ships as an entry point of its own (`@parley/widgets/locales/fr`); pass it
 * to `<WidgetsProvider translation={fr}>`.
 */
export interface WidgetTranslation {
  locale: string;
  dir: Direction;
  strings: WidgetStrings;
}
