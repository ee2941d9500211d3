import type { Timers } from "@parley/core";

/** Timers and a clock that move only when the test advances them (no fake global timers). */
export function manualTimers() {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      seq += 1;
      due.set(seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (handle) => {
      due.delete(handle as number);
    },
    now: () => now,
  };
  return {
    timers,
    /** Timers set and not yet run or cleared. */
    pending: () => due.size,
    /** Moves the clock by `ms`, running what falls due, in order. */
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = [...due].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = until;
    },
  };
}
