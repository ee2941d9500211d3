import type { ChatClient, ChatState } from "@parley/core";

/** Resolves with the first state (current or later) for which `test` is true. */
export function waitFor<T>(
  client: ChatClient,
  test: (state: ChatState) => T | undefined | false | null,
  timeoutMs = 8000,
  what = "state",
): Promise<T> {
  const now = test(client.getState());
  if (now) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `timed out waiting for ${what}; connection ${JSON.stringify(client.getState().connection)}`,
        ),
      );
    }, timeoutMs);
    const unsubscribe = client.subscribe((state) => {
      const result = test(state);
      if (result) {
        clearTimeout(timer);
        unsubscribe();
        resolve(result);
      }
    });
  });
}
