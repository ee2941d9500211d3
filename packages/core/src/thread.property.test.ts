import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combine } from "./message-combine.js";
import { compare, tie } from "./message-order.js";
import type { Message } from "./model.js";
import {
  emptyThread,
  findByServerId,
  findMessage,
  localMessages,
  mergeMessages,
  messageCount,
  removeLocal,
  type Thread,
} from "./thread.js";

/**
 * The chunked thread against the naive model it replaced: one array, each copy combined in
 * place, then one stable sort (confirmed in server order, then local ones in send order), and a
 * history page's order among ties.
 */
function naiveMerge(
  messages: Message[],
  incoming: readonly Message[],
  older = false,
  ordered = false,
) {
  const held = messages.slice();
  const fresh: Message[] = [];
  for (const m of incoming) {
    const find = (list: Message[]) => {
      const byId = m.id === undefined ? -1 : list.findIndex((x) => x.id === m.id);
      return byId >= 0 ? byId : list.findIndex((x) => x.clientId === m.clientId);
    };
    const i = find(held);
    const j = i < 0 ? find(fresh) : -1;
    if (i >= 0) held[i] = combine(held[i] as Message, m);
    else if (j >= 0) fresh[j] = combine(fresh[j] as Message, m);
    else fresh.push(m);
  }
  const all = older ? [...fresh, ...held] : [...held, ...fresh];
  const sorted = [
    ...all.filter((m) => m.id !== undefined).sort(compare),
    ...all.filter((m) => m.id === undefined),
  ];
  return ordered ? naivePageOrder(sorted, incoming) : sorted;
}

function naivePageOrder(messages: Message[], page: readonly Message[]): Message[] {
  const rank = new Map<string, number>();
  page.forEach((p, i) => {
    const m = messages.find((x) => x.id !== undefined && x.id === p.id);
    if (m) rank.set(m.clientId, i);
  });
  const result = messages.slice();
  for (let start = 0, end = 1; start < result.length; start = end, end = start + 1) {
    while (end < result.length && tie(result[start] as Message, result[end] as Message)) end += 1;
    const places: number[] = [];
    for (let i = start; i < end; i++) if (rank.has((result[i] as Message).clientId)) places.push(i);
    const members = places.map((i) => result[i] as Message);
    members.sort((a, b) => (rank.get(a.clientId) as number) - (rank.get(b.clientId) as number));
    places.forEach((place, i) => {
      result[place] = members[i] as Message;
    });
  }
  return result;
}

// Few distinct times, so ties are common; ids that tell no order (or, in one run, numeric ones).
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const server = (id: string, s: number): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId: "c",
  senderId: "bob",
  text: `m${id}`,
  createdAt: at(s),
  status: "delivered",
});

type Op =
  | { kind: "live"; ids: number[]; times: number[] }
  | { kind: "send"; n: number }
  | { kind: "confirm"; n: number; id: number; time: number; echo: boolean }
  | { kind: "edit"; pick: number; text: string }
  | { kind: "move"; pick: number; time: number }
  | { kind: "delete"; pick: number }
  | { kind: "discard"; n: number }
  | { kind: "page"; ids: number[]; times: number[]; older: boolean };

const ids = fc.array(fc.nat(60), { minLength: 1, maxLength: 6 });
const times = fc.array(fc.integer({ min: 10, max: 14 }), { minLength: 6, maxLength: 6 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("live" as const), ids, times }),
  fc.record({ kind: fc.constant("send" as const), n: fc.nat(5) }),
  fc.record({
    kind: fc.constant("confirm" as const),
    n: fc.nat(5),
    id: fc.nat(60),
    time: fc.integer({ min: 10, max: 16 }),
    echo: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("edit" as const), pick: fc.nat(), text: fc.string() }),
  fc.record({
    kind: fc.constant("move" as const),
    pick: fc.nat(),
    time: fc.integer({ min: 8, max: 16 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("discard" as const), n: fc.nat(5) }),
  fc.record({ kind: fc.constant("page" as const), ids, times, older: fc.boolean() }),
);

function run(ops: Op[], idOf: (n: number) => string): void {
  let thread: Thread = emptyThread;
  let model: Message[] = [];
  const step = (incoming: Message[], older = false, ordered = false) => {
    model = naiveMerge(model, incoming, older, ordered);
    thread = mergeMessages(thread, incoming, { older, ordered });
  };
  const confirmed = () => model.filter((m) => m.id !== undefined);
  for (const o of ops) {
    const previous = thread;
    const previousModel = model;
    switch (o.kind) {
      case "live":
        step(o.ids.map((n, i) => server(idOf(n), o.times[i] as number)));
        break;
      case "send":
        step([
          {
            ...server("x", 20),
            id: undefined,
            clientId: `L${o.n}`,
            senderId: "me",
            status: "pending",
          },
        ]);
        break;
      case "confirm": {
        const local = model.find((m) => m.clientId === `L${o.n}` && m.id === undefined);
        if (!local) break;
        const id = idOf(o.id);
        // An acknowledgement carries the client id; an echo only the server's id.
        if (findByServerId(thread, id) && !o.echo) break;
        step([{ ...local, id, createdAt: at(o.time), status: "sent" }]);
        break;
      }
      case "edit":
      case "move":
      case "delete": {
        const list = confirmed();
        const m = list[o.pick % Math.max(1, list.length)];
        if (!m) break;
        if (o.kind === "edit") step([{ ...m, text: o.text }]);
        else if (o.kind === "move") step([{ ...m, createdAt: at(o.time) }]);
        else step([{ ...m, deleted: true }]);
        break;
      }
      case "discard":
        model = model.filter((m) => !(m.clientId === `L${o.n}` && m.id === undefined));
        thread = removeLocal(thread, `L${o.n}`);
        break;
      case "page": {
        const shift = o.older ? -6 : 0;
        step(
          o.ids.map((n, i) => server(idOf(n), (o.times[i] as number) + shift)),
          o.older,
          true,
        );
        break;
      }
    }
    expect(thread.messages).toEqual(model);
    expect(messageCount(thread)).toBe(model.length);
    expect(localMessages(thread)).toEqual(model.filter((m) => m.id === undefined));
    for (const m of model) expect(findMessage(thread, m.clientId)).toEqual(m);
    // The thread before this step is untouched (its array is first built now).
    expect(previous.messages).toEqual(previousModel);
  }
}

describe("thread (property): the chunked thread equals the naive array model", () => {
  it("with ids that tell no order (ties keep arrival order or a page's)", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => run(ops, (n) => `u${n}`)),
      { numRuns: 300 },
    );
  });

  it("with numeric ids (ties broken by id)", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => run(ops, (n) => String(n))),
      { numRuns: 200 },
    );
  });
});
