import type { MessageStatus } from "@parley/core";

const ticks: Record<MessageStatus, string> = {
  pending: "◷",
  sent: "✓",
  delivered: "✓✓",
  read: "✓✓",
  failed: "!",
  unconfirmed: "?",
};

/** Where one of our messages is: waiting, sent, delivered, read (blue), failed or unconfirmed. */
export function StatusTick({ status }: { status: MessageStatus }) {
  return (
    <span className={`tick ${status}`} role="img" aria-label={status} title={status}>
      {ticks[status]}
    </span>
  );
}
