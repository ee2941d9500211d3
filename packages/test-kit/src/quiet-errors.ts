interface ErrorEvents {
  addEventListener(type: "error", listener: (event: { preventDefault(): void }) => void): void;
  removeEventListener(type: "error", listener: (event: { preventDefault(): void }) => void): void;
}

/**
 * Runs `render`, which is expected to throw from a component, without React's reports of that
 * error in the test output: `console.error` is silenced, and the window "error" event React 18
 * replays in development is marked handled, so jsdom does not print it either. Answers what
 * `render` answers; rethrows what it throws.
 */
export function withoutErrorReports<T>(render: () => T): T {
  const report = console.error;
  console.error = () => {};
  const target = (globalThis as { window?: ErrorEvents }).window;
  const handled = (event: { preventDefault(): void }) => event.preventDefault();
  target?.addEventListener("error", handled);
  try {
    return render();
  } finally {
    console.error = report;
    target?.removeEventListener("error", handled);
  }
}
