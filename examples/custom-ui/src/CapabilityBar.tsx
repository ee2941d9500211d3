import { useCapabilities } from "@parley/react";

const receipts = { message: "per message", conversation: "per conversation" } as const;

/** What this backend can do; the UI shows typing and receipts only where it has them. */
export function CapabilityBar() {
  const caps = useCapabilities();
  return (
    <footer
      className="capabilities"
      data-typing={String(caps.typing)}
      data-read-receipts={String(caps.readReceipts)}
    >
      Typing: {caps.typing ? "yes" : "no"} · Read receipts:{" "}
      {caps.readReceipts ? receipts[caps.readReceipts] : "no"} · Delivered:{" "}
      {caps.deliveryStatus ? "yes" : "no"} · History: {caps.history ? "yes" : "no"}
    </footer>
  );
}
