/**
 * True when two arrays hold the same items in the same order (compared with `Object.is`).
 * Pass it to {@link useChatSelector} when a selector derives a new array from the state.
 */
export function shallowArrayEqual<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
