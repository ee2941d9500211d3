import type { ChatClient, Message } from "@parley/core";
import type { ParleyServer } from "@parley/server";
import { expect } from "vitest";
import { waitFor } from "./wait-for.js";

/**
 * The restart test, shared by every adapter: six sends around a dropped connection, a
 * server restart on the same database, and another drop. Answers the texts, in send order.
 */
export async function sendAcrossRestart(
  server: ParleyServer,
  send: (text: string) => void,
): Promise<string[]> {
  const batch = Array.from({ length: 6 }, (_, i) => `restart ${i}`);
  const [m0, m1, m2, m3, m4, m5] = batch as [string, string, string, string, string, string];
  send(m0);
  send(m1);
  server.dropConnections();
  send(m2);
  await server.restart();
  send(m3);
  server.dropConnections();
  send(m4);
  send(m5);
  return batch;
}

/**
 * Waits until `client` shows every text of `batch` in the conversation, and, with `confirmed`,
 * until each of them satisfies it; then asserts each text is there exactly once, in order.
 */
export async function expectExactlyOnce(
  client: ChatClient,
  conversationId: string,
  batch: readonly string[],
  confirmed?: (message: Message) => boolean,
): Promise<void> {
  const ours = () =>
    (client.getState().threads[conversationId]?.messages ?? []).filter((m) =>
      batch.includes(m.text),
    );
  await waitFor(
    client,
    () => batch.every((text) => ours().some((m) => m.text === text)),
    15_000,
    "all messages",
  );
  if (confirmed) await waitFor(client, () => ours().every(confirmed), 15_000, "confirmations");
  expect(ours().map((m) => m.text)).toEqual(batch);
}
