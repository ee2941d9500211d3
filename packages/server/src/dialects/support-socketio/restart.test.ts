import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { nextEvent } from "../../../test/socketio-probe.js";
import { ask, connectAs, get } from "../../../test/support-socketio.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob } = testUsers;
let dir: string;
let server: ParleyServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-support-"));
  server = await startTestServer({ dialects: ["support-socketio"], db: join(dir, "chat.db") });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it("keeps history and read state across a restart on the same database file", async () => {
  const url = server.url("support-socketio");
  const user = await connectAs(server, alice);
  const sent = await ask(user, "send_message", {
    receiver_id: bob,
    message_text: "before restart",
    appointment_id: "a1",
    service_id: "s1",
  });
  const admin = await connectAs(server, bob);
  await ask(admin, "mark_read", { sender_id: alice });
  const gone = nextEvent(user, "disconnect");

  await server.restart();
  expect(server.url("support-socketio")).toBe(url);
  await gone;
  admin.disconnect();

  const history = await get(server, "/chat/history/self", alice);
  expect(history.body).toEqual([{ ...sent, is_read: true }]);
  const again = await connectAs(server, alice);
  const next = await ask(again, "send_message", { receiver_id: bob, message_text: "after" });
  expect(next._id).not.toBe(sent._id);
  const all = await get(server, `/chat/history/user/${alice}`, bob);
  expect(all.body.map((m: { message_text: string }) => m.message_text)).toEqual([
    "before restart",
    "after",
  ]);
  again.disconnect();
});
