/**
 * The platform signals the client reacts to. Injected so tests (and Node) can drive them; the
 * default reads browser globals only when called, never at import.
 */
export interface Environment {
  /** False when the platform knows it is offline. */
  isOnline(): boolean;
  /** Calls `wake` when the network returns or the page becomes visible or is shown again. */
  onWake(wake: () => void): () => void;
  /** Calls `offline` when the platform goes offline. */
  onOffline(offline: () => void): () => void;
  /** False while the page is hidden (a background tab). @default always visible */
  isVisible?(): boolean;
}

/** Browser signals (`online`, `visibilitychange`, `pageshow`, `offline`); inert elsewhere. */
export function defaultEnvironment(): Environment {
  const win = typeof window === "undefined" ? undefined : window;
  const doc = typeof document === "undefined" ? undefined : document;
  return {
    isOnline: () => (typeof navigator === "undefined" ? true : navigator.onLine !== false),
    isVisible: () => doc?.visibilityState !== "hidden",
    onWake(wake) {
      if (!win) return () => {};
      const onVisible = () => {
        if (doc?.visibilityState === "visible") wake();
      };
      win.addEventListener("online", wake);
      win.addEventListener("pageshow", wake);
      doc?.addEventListener("visibilitychange", onVisible);
      return () => {
        win.removeEventListener("online", wake);
        win.removeEventListener("pageshow", wake);
        doc?.removeEventListener("visibilitychange", onVisible);
      };
    },
    onOffline(offline) {
      if (!win) return () => {};
      win.addEventListener("offline", offline);
      return () => win.removeEventListener("offline", offline);
    },
  };
}

/** Timer seams shared by the client's parts. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Randomness in [0, 1) for jitter; injected like the timers. */
export const defaultRandom = (): number => Math.random();
