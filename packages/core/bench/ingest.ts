// Ingest benchmark: how fast raw frames become store state (decode, normalize, merge, notify),
// and what the store holds per message. Run with `pnpm bench`; it reports, it asserts nothing.
import type { AdapterContext, ChatAdapter } from "../src/adapter.js";
import { noCapabilities } from "../src/capabilities.js";
import { createChatClient } from "../src/client.js";
import type { Message } from "../src/model.js";

const TOTAL = 100_000;
const CONVERSATION = "bench";

/** A wire frame shaped like friends-ws `new_message`, decoded and normalized as adapters do. */
function frame(i: number): string {
  return JSON.stringify({
    type: "new_message",
    message: {
      message_id: `m-${i.toString().padStart(8, "0")}`,
      sender_id: "friend",
      receiver_id: "me",
      content: `Message number ${i}: the quick brown fox jumps over the lazy dog.`,
      status: "delivered",
      created_at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    },
  });
}

function decode(text: string): Message {
  const wire = JSON.parse(text).message;
  return {
    clientId: `id:${wire.message_id}`,
    id: wire.message_id,
    conversationId: CONVERSATION,
    senderId: wire.sender_id,
    text: wire.content,
    createdAt: wire.created_at,
    status: wire.status,
  };
}

function setup() {
  let context!: AdapterContext;
  const adapter: ChatAdapter = {
    name: "bench",
    capabilities: noCapabilities,
    createSession(c) {
      context = c;
      return { connect: async () => {}, disconnect() {}, send: async () => null };
    },
  };
  const client = createChatClient({ adapter, url: "http://bench.invalid", auth: "x" });
  let notifications = 0;
  client.subscribe(() => {
    notifications += 1;
  });
  return {
    client,
    emit: (m: Message) => context.emit({ type: "message", message: m }),
    notifications: () => notifications,
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

async function burst(): Promise<void> {
  const frames = Array.from({ length: TOTAL }, (_, i) => frame(i));
  const before = heap();
  const { client, emit, notifications } = setup();
  const start = performance.now();
  // Frames arriving within one tick, as after a reconnect: batched into few store updates.
  for (let i = 0; i < TOTAL; i++) {
    emit(decode(frames[i] as string));
    if (i % 1000 === 999) await tick();
  }
  await tick();
  const ms = performance.now() - start;
  const count = client.getState().threads[CONVERSATION]?.messages.length ?? 0;
  const after = heap();
  frames.length = 0; // kept alive until measured, so its release does not hide the store
  console.log(
    `burst:   ${count} messages in ${ms.toFixed(0)} ms = ${Math.round((count / ms) * 1000)} msg/s, ${notifications()} store notifications`,
  );
  console.log(
    `memory:  ${gc ? `${Math.round((after - before) / count)} bytes per message in the store` : "run with --expose-gc for memory figures"}`,
  );
  client.destroy();
}

async function trickle(n: number): Promise<void> {
  const { client, emit, notifications } = setup();
  const start = performance.now();
  // One frame per event-loop turn, as live traffic arrives: every frame is its own update.
  for (let i = 0; i < n; i++) {
    emit(decode(frame(i)));
    await tick();
  }
  const ms = performance.now() - start;
  console.log(
    `trickle: ${n} messages one per tick in ${ms.toFixed(0)} ms = ${Math.round((n / ms) * 1000)} msg/s, ${notifications()} store notifications`,
  );
  client.destroy();
}

await burst();
await trickle(10_000);
