import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, connectAs } from "../../../test/care-socketio.js";
import { connectSocketIo, nextEvent } from "../../../test/socketio-probe.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol } = testUsers;

let server: ParleyServer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "care-socketio-"));
  server = await startTestServer({ dialects: ["care-socketio"], db: join(dir, "chat.sqlite") });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("care-socketio: persistence and reconnection", () => {
  it("keeps messages, read state and unread counts across a restart", async () => {
    const patient = await connectAs(server, alice);
    const doctor = await connectAs(server, bob);
    const received = nextEvent(doctor, "new_message");
    patient.emit("send_message", { receiverId: bob, content: "before restart (socket)" });
    const viaSocket = (await received).message;
    const viaRest = await api(server, "POST", `/doctors/patients/${alice}/messages`, bob, {
      message: "before restart (REST)",
    });
    await api(server, "PUT", `/chat/conversations/${alice}/read`, bob);
    patient.close();
    doctor.close();

    const historyBefore = await api(server, "GET", `/chat/conversations/${bob}`, alice);
    await server.restart();

    const historyAfter = await api(server, "GET", `/chat/conversations/${bob}`, alice);
    expect(historyAfter.body).toEqual(historyBefore.body);
    expect(historyAfter.body.data.map((m: { _id: string }) => m._id)).toEqual([
      viaSocket._id,
      viaRest.body.data._id,
    ]);
    expect(historyAfter.body.data[0]).toMatchObject({ isRead: true });
    expect(historyAfter.body.data[1]).toMatchObject({ isRead: false, readAt: null });
    const unread = await api(server, "GET", "/users/unread-count", alice);
    expect(unread.body.data.unreadCount).toBe(1);

    const again = await connectAs(server, alice);
    const echo = nextEvent(again, "message_sent");
    again.emit("send_message", { receiverId: bob, content: "after restart" });
    const after = (await echo).message;
    expect([viaSocket._id, viaRest.body.data._id]).not.toContain(after._id);
    again.close();
    const list = await api(server, "GET", "/chat/conversations", bob);
    expect(list.body.data[0].lastMessage.content).toBe("after restart");
  });

  it("drops sockets on dropConnections; the client reconnects with its token and gets messages", async () => {
    const token = await server.token(carol);
    const { socket, error } = await connectSocketIo(server.url("care-socketio"), {
      auth: { token },
      reconnection: true,
      reconnectionDelay: 20,
      reconnectionDelayMax: 50,
    });
    expect(error).toBeUndefined();
    const dropped = nextEvent(socket, "disconnect");
    const reconnected = new Promise((resolve) => socket.io.once("reconnect", resolve));
    server.dropConnections("care-socketio");
    await dropped;
    await reconnected;
    const received = nextEvent(socket, "new_message");
    await api(server, "POST", `/doctors/patients/${carol}/messages`, bob, {
      message: "welcome back",
    });
    expect((await received).message.content).toBe("welcome back");
    socket.close();
  });
});
