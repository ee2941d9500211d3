import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectAs } from "../../../test/care-socketio.js";
import { collect, connectSocketIo, nextEvent } from "../../../test/socketio-probe.js";
import { TokenService } from "../../auth/jwt.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

// The field profile: care-socketio as HagarWael/diaguard-backend's code behaves.
const { alice, bob, dave } = testUsers;
let server: ParleyServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer({ dialects: ["care-socketio"], profile: "field" });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(() => server.close());

async function as(userId: string): Promise<Socket> {
  const socket = await connectAs(server, userId);
  sockets.push(socket);
  return socket;
}

async function refusal(auth: Record<string, unknown>) {
  const { socket, error } = await connectSocketIo(server.url("care-socketio"), { auth });
  sockets.push(socket);
  return error;
}

/** Sends a message from `socket` to `receiverId`; resolves with the sender's `message_sent`. */
async function send(socket: Socket, receiverId: string, content: string) {
  const sent = nextEvent(socket, "message_sent");
  socket.emit("send_message", { receiverId, content, messageType: "text" });
  return (await sent).message;
}

describe("care-socketio field profile: handshake (middleware/socketAuth.js)", () => {
  it.each([
    ["a missing token", async () => ({}), "Authentication token required"],
    ["a malformed token", async () => ({ token: "not.a.jwt" }), "Invalid token"],
    [
      "a wrongly signed token",
      async () => ({ token: await new TokenService("another-secret").sign(alice) }),
      "Invalid token",
    ],
    ["an expired token", async () => ({ token: await server.token(alice, -30) }), "Token expired"],
    [
      "an unknown user",
      async () => ({ token: await server.tokens.sign("no-such-user") }),
      "User not found",
    ],
  ])("refuses %s with a bare Error: a message, no data.code", async (_name, auth, message) => {
    const error = await refusal(await auth());
    expect(error?.message).toBe(message);
    expect(error?.data).toBeUndefined();
  });
});

describe("care-socketio field profile: events (config/socket.js)", () => {
  it("confirms a send to the sending socket only, and stops the sender's typing", async () => {
    const aliceOld = await as(alice);
    const aliceNew = await as(alice);
    const bobSocket = await as(bob);
    const oldConfirmations = collect(aliceOld, "message_sent");
    const newConfirmations = collect(aliceNew, "message_sent");
    const events: string[] = [];
    bobSocket.onAny((event: string) => events.push(event));
    const stopped = nextEvent(bobSocket, "typing_stopped");

    aliceOld.emit("typing_start", { receiverId: bob });
    const message = await send(aliceOld, bob, "stop typing on send");
    expect(message.content).toBe("stop typing on send");
    expect(await stopped).toEqual({ userId: alice });
    expect(events).toEqual(["typing_start", "new_message", "typing_stopped"]);

    // Bob answers: it reaches Alice's latest socket, after anything sent to it before.
    const back = nextEvent(aliceNew, "new_message");
    await send(bobSocket, alice, "back to alice");
    expect((await back).message.content).toBe("back to alice");
    expect(oldConfirmations).toHaveLength(1);
    expect(newConfirmations).toHaveLength(0);
  });

  it("delivers new_message to the receiver's latest socket only, and to none once any closed", async () => {
    const bobOld = await as(bob);
    const bobNew = await as(bob);
    const aliceSocket = await as(alice);
    const oldMessages = collect(bobOld, "new_message");
    const newMessages = collect(bobNew, "new_message");

    await send(aliceSocket, bob, "to the latest socket");
    // Typing goes to every socket of the receiver (a room): it comes after the message.
    const typingOld = nextEvent(bobOld, "typing_start");
    aliceSocket.emit("typing_start", { receiverId: bob });
    await typingOld;
    expect(newMessages.map((e) => e.message.content)).toEqual(["to the latest socket"]);
    expect(oldMessages).toHaveLength(0);

    // Closing the older socket forgets the user's socket altogether (upstream's removeUser).
    const offline = nextEvent(aliceSocket, "user_status_change");
    bobOld.disconnect();
    expect(await offline).toEqual({ userId: bob, isOnline: false, status: "offline" });
    await send(aliceSocket, bob, "to nobody");
    const typingNew = nextEvent(bobNew, "typing_start");
    aliceSocket.emit("typing_start", { receiverId: bob });
    await typingNew;
    expect(newMessages.map((e) => e.message.content)).toEqual(["to the latest socket"]);
  });

  it("answers messages_read as {userId} only, even when nothing was newly read", async () => {
    const aliceSocket = await as(alice);
    const bobSocket = await as(bob);
    const receipts = collect(aliceSocket, "messages_read");
    bobSocket.emit("mark_read", { senderId: alice });
    bobSocket.emit("mark_read", { senderId: alice });
    const done = nextEvent(aliceSocket, "new_message");
    await send(bobSocket, alice, "after two reads");
    await done;
    expect(receipts).toEqual([{ userId: bob }, { userId: bob }]);
  });

  it("keeps refused typing, mark_read and unknown events silent; a refused send answers upstream's text", async () => {
    const aliceSocket = await as(alice);
    const errors = collect(aliceSocket, "error");
    aliceSocket.emit("typing_start", { receiverId: dave });
    aliceSocket.emit("typing_stop", { receiverId: "nobody" });
    aliceSocket.emit("mark_read", { senderId: dave });
    aliceSocket.emit("no_such_event", {});
    const refused = nextEvent(aliceSocket, "error");
    aliceSocket.emit("send_message", { receiverId: dave, content: "hi", messageType: "text" });
    expect(await refused).toEqual({ message: "Doctor and patient are not associated" });
    expect(errors).toHaveLength(1);

    for (const [payload, text] of [
      [{ receiverId: "nobody", content: "hi" }, "One or both users not found"],
      [{ receiverId: bob, content: "" }, "Receiver ID and content are required"],
    ] as const) {
      const next = nextEvent(aliceSocket, "error");
      aliceSocket.emit("send_message", payload);
      expect(await next).toEqual({ message: text });
    }
  });

  it("announces every socket's connect and disconnect as online/offline to conversation partners", async () => {
    const aliceSocket = await as(alice);
    await send(aliceSocket, bob, "so that we have a conversation");
    const statuses = collect(aliceSocket, "user_status_change");
    const online = nextEvent(aliceSocket, "user_status_change");
    const bobFirst = await as(bob);
    expect(await online).toEqual({ userId: bob, isOnline: true, status: "online" });
    const again = nextEvent(aliceSocket, "user_status_change");
    const bobSecond = await as(bob);
    expect(await again).toEqual({ userId: bob, isOnline: true, status: "online" });

    const busy = nextEvent(aliceSocket, "user_status_change");
    const ownStatuses = collect(bobSecond, "user_status_change");
    bobSecond.emit("set_status", { status: "busy" });
    expect(await busy).toEqual({ userId: bob, isOnline: true, status: "busy" });

    const offline = nextEvent(aliceSocket, "user_status_change");
    bobFirst.disconnect();
    // Bob's second socket is still open: upstream says offline all the same.
    expect(await offline).toEqual({ userId: bob, isOnline: false, status: "offline" });
    expect(statuses).toHaveLength(4);
    expect(ownStatuses).toHaveLength(0);
  });
});
