import { platformFetch, type RestContext } from "./rest.js";

/**
 * The context for an upload that reports progress: in a browser using the platform's fetch, the
 * request goes through XMLHttpRequest, the only API that reports bytes sent. Anywhere else (Node,
 * an injected fetch) the context is unchanged and nothing is reported on the way.
 */
export function withUploadProgress(
  context: RestContext,
  onProgress: ((fraction: number) => void) | undefined,
): RestContext {
  if (!onProgress || context.fetch !== platformFetch || typeof XMLHttpRequest !== "function")
    return context;
  // Loaded on demand: most sessions never upload.
  const fetch = (async (url: URL, init: RequestInit) =>
    (await import("./xhr-fetch.js")).xhrFetch(url, init, onProgress)) as typeof globalThis.fetch;
  return { ...context, fetch };
}
