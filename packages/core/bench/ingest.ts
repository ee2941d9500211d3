// Ingest benchmark: how fast raw frames become store state (decode, normalize, merge, notify),
// and what the store holds per message, for 100,000 messages into one conversation (1,000,000
// with PARLEY_BENCH_1M=1): in bursts (1,000 frames per task, as after a reconnect) and one frame
// per task (as a browser delivers live frames). Each is followed by its floor in the same run:
// the same frames parsed and nothing else. Run with `pnpm bench`; it reports, it asserts nothing.
import type { Message } from "../src/model.js";
import { threadMessages } from "../src/thread.js";
import { benchClient, gc, heap, tick } from "./support.js";

const SIZES = process.env.PARLEY_BENCH_1M === "1" ? [100_000, 1_000_000] : [100_000];
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
  const { client, emit } = benchClient();
  let notifications = 0;
  client.subscribe(() => {
    notifications += 1;
  });
  return {
    client,
    emit: (m: Message) => emit({ type: "message", message: m }),
    notifications: () => notifications,
  };
}

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString("en");

/** Seconds a run may take; a slower one stops there and says how far it got. */
const BUDGET_S = Number(process.env.PARLEY_BENCH_INGEST_S ?? 45);

/**
 * Ingests `total` frames, `perTask` of them per event-loop task, and reports the whole run's
 * rate, the first and the last 10%'s, the store notifications and the heap the store holds.
 * `crowd`: other conversations the store holds a message of before the run (an app with many).
 */
async function ingest(total: number, perTask: number, label: string, crowd = 0): Promise<number> {
  const frames = Array.from({ length: total }, (_, i) => frame(i));
  const before = heap();
  const { client, emit, notifications } = setup();
  for (let c = 0; c < crowd; c++) {
    const other = decode(frame(total + c));
    emit({ ...other, conversationId: `other-${c}`, clientId: `id:other-${c}`, id: `other-${c}` });
  }
  await tick();
  const step = total / 100;
  const marks = [0]; // ms since start after each 1% of `total`
  const start = performance.now();
  let stopped = false;
  for (let i = 0; i < total; i++) {
    emit(decode(frames[i] as string));
    if (i % perTask === perTask - 1) await tick();
    if ((i + 1) % step === 0) {
      marks.push(performance.now() - start);
      if (performance.now() - start > BUDGET_S * 1000 && i + 1 < total) {
        stopped = true;
        break;
      }
    }
  }
  await tick();
  const ms = performance.now() - start;
  const thread = client.getState().threads[CONVERSATION];
  const count = thread ? threadMessages(thread).length : 0;
  const after = heap();
  frames.length = 0; // kept alive until measured, so its release does not hide the store
  // The first and last tenth of what was ingested, from the 1% marks.
  const tenths = Math.max(1, Math.round((marks.length - 1) / 10));
  const firstMs = marks[tenths] as number;
  const lastMs = (marks[marks.length - 1] as number) - (marks[marks.length - 1 - tenths] as number);
  const tenth = tenths * step;
  const bytes = gc ? `${Math.round((after - before) / count)} B/msg` : "B/msg needs --expose-gc";
  console.log(
    `  ${label.padEnd(8)} ${count.toLocaleString("en").padStart(9)} msgs in ${ms.toFixed(0).padStart(6)} ms = ${rate(count, ms).padStart(7)} msg/s | first 10% ${rate(tenth, firstMs).padStart(7)}/s, last 10% ${rate(tenth, lastMs).padStart(7)}/s, last/first ${(firstMs / lastMs).toFixed(2)} | ${notifications().toLocaleString("en")} notifications | ${bytes}`,
  );
  if (stopped) {
    console.log(
      `           stopped after ${BUDGET_S} s (PARLEY_BENCH_INGEST_S) at ${count.toLocaleString("en")} of ${total.toLocaleString("en")}: the 10% figures are of those`,
    );
  }
  client.destroy();
  return count / ms;
}

/**
 * The floor of the same run: the frames parsed, `perTask` per task, and nothing else, as an app
 * that only read the wire would. Answers messages per ms.
 */
async function bare(total: number, perTask: number): Promise<number> {
  const frames = Array.from({ length: total }, (_, i) => frame(i));
  let kept = 0;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    kept += decode(frames[i] as string).text.length > 0 ? 1 : 0;
    if (i % perTask === perTask - 1) await tick();
  }
  await tick();
  return kept / (performance.now() - start);
}

console.log(
  `ingest: one conversation; burst = 1,000 frames per task, trickle = one frame per task${SIZES.length === 1 ? " (1,000,000 messages: PARLEY_BENCH_1M=1)" : ""}`,
);
for (const total of SIZES) {
  for (const [perTask, label] of [
    [1000, "burst"],
    [1, "trickle"],
  ] as const) {
    const sdk = await ingest(total, perTask, label);
    const floor = await bare(total, perTask);
    console.log(
      `  ${"".padEnd(8)} parse only: ${rate(total, total / floor).padStart(7)} msg/s; the SDK ingests at ${(sdk / floor).toFixed(2)}x the rate of parsing alone`,
    );
  }
}
// An app with many conversations: each store update copies the records of threads and
// conversations (O(conversations) per update), which one conversation alone never shows.
console.log("ingest into one of many conversations: 10,000 messages, one frame per task");
for (const crowd of [100, 1000]) await ingest(10_000, 1, `+${crowd.toLocaleString("en")}`, crowd);
