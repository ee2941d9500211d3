import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { WidgetComponents } from "./components.js";
import { type Formatters, formattersFor } from "./format.js";
import { defaultStrings, type WidgetStrings } from "./strings.js";
import type { Direction, WidgetTranslation } from "./translation.js";

export type { Direction } from "./translation.js";

/** What every widget reads from {@link WidgetsProvider}. */
export interface WidgetsContextValue {
  strings: WidgetStrings;
  /** `Intl` formatters for `locale`. */
  format: Formatters;
  locale: string | undefined;
  dir: Direction | undefined;
  components: Partial<WidgetComponents>;
}

/** Overrides: nested strings (`status`, `connection`) merge key by key. */
export type StringOverrides = Partial<Omit<WidgetStrings, "status" | "connection">> & {
  status?: Partial<WidgetStrings["status"]>;
  connection?: Partial<WidgetStrings["connection"]>;
};

const defaults: WidgetsContextValue = {
  strings: defaultStrings,
  format: formattersFor(undefined),
  locale: undefined,
  dir: undefined,
  components: {},
};

const WidgetsContext = createContext<WidgetsContextValue>(defaults);
WidgetsContext.displayName = "ParleyWidgetsContext";

/** Props of {@link WidgetsProvider}. */
export interface WidgetsProviderProps {
  /** Replace any sub-component (e.g. `{ Avatar: MyAvatar }`); unlisted ones stay the default. */
  components?: Partial<WidgetComponents>;
  /**
   * A language (`import { fr } from "@parley/widgets/locales/fr"`): its strings, locale and
   * direction, under `strings`, `locale` and `dir` given here. @default English, or the parent's
   */
  translation?: WidgetTranslation;
  /** Replace any user-visible string. */
  strings?: StringOverrides;
  /**
   * BCP 47 locale for dates, numbers and plural forms.
   * @default the translation's, else the parent's, else the runtime's
   */
  locale?: string;
  /**
   * Text direction; `ChatWindow` sets it on its root.
   * @default the translation's, else inherited
   */
  dir?: Direction;
  children?: ReactNode;
}

/**
 * Configures the widgets below it. Optional: without it the widgets use English strings, the
 * runtime locale and their own components. Providers nest; an inner one overrides the outer.
 * The language is a `translation`; `strings` override single strings on top of it.
 */
export function WidgetsProvider({
  components,
  translation,
  strings,
  locale,
  dir,
  children,
}: WidgetsProviderProps) {
  const parent = useContext(WidgetsContext);
  const value = useMemo<WidgetsContextValue>(() => {
    const nextLocale = locale ?? translation?.locale ?? parent.locale;
    const base = translation?.strings ?? parent.strings;
    return {
      strings: strings
        ? {
            ...base,
            ...strings,
            status: { ...base.status, ...strings.status },
            connection: { ...base.connection, ...strings.connection },
          }
        : base,
      format: nextLocale === parent.locale ? parent.format : formattersFor(nextLocale),
      locale: nextLocale,
      dir: dir ?? translation?.dir ?? parent.dir,
      components: components ? { ...parent.components, ...components } : parent.components,
    };
  }, [parent, components, translation, strings, locale, dir]);
  return <WidgetsContext.Provider value={value}>{children}</WidgetsContext.Provider>;
}

/** The nearest {@link WidgetsProvider}'s configuration (defaults without one). */
export function useWidgets(): WidgetsContextValue {
  return useContext(WidgetsContext);
}

/** The component registered under `name`, or `fallback` when none was given. */
export function useComponent<K extends keyof WidgetComponents>(
  name: K,
  fallback: WidgetComponents[K],
): WidgetComponents[K] {
  return (useContext(WidgetsContext).components[name] ?? fallback) as WidgetComponents[K];
}
