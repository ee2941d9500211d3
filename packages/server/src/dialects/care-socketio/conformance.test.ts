import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api, connectAs } from "../../../test/care-socketio.js";
import { collect, nextEvent } from "../../../test/socketio-probe.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol } = testUsers;
const convAB = [alice, bob].sort().join("_");
const convCB = [carol, bob].sort().join("_");
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let server: ParleyServer;
const open: Socket[] = [];

async function connect(userId: string): Promise<Socket> {
  const socket = await connectAs(server, userId);
  open.push(socket);
  return socket;
}

beforeAll(async () => {
  server = await startTestServer({ dialects: ["care-socketio"] });
});

afterEach(async () => {
  for (const socket of open.splice(0)) socket.close();
  // Let the server see every disconnect, so no late presence event leaks into the next test.
  await vi.waitFor(() => expect(server.connectionCount("care-socketio")).toBe(0));
});

afterAll(async () => {
  await server.close();
});

describe("care-socketio: Socket.IO events", () => {
  it("delivers send_message as new_message to the receiver and message_sent to the sender", async () => {
    const patient = await connect(alice);
    const doctor = await connect(bob);
    const received = nextEvent(doctor, "new_message");
    const confirmed = nextEvent(patient, "message_sent");
    // Exactly the seed's frontend example.
    patient.emit("send_message", {
      receiverId: bob,
      content: "Hello doctor!",
      messageType: "text",
      fileUrl: null,
      fileName: null,
    });
    const { message } = await received;
    expect(message).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      sender: { _id: alice, fullname: "Alice", email: "alice@test", role: "patient" },
      receiver: { _id: bob, fullname: "Bob", email: "bob@test", role: "doctor" },
      content: "Hello doctor!",
      messageType: "text",
      fileUrl: null,
      fileName: null,
      isRead: false,
      readAt: null,
      conversationId: convAB,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    expect((await confirmed).message).toEqual(message);
  });

  it("lets the doctor answer, and defaults messageType to text as the seed's sendMessage does", async () => {
    const patient = await connect(alice);
    const doctor = await connect(bob);
    const received = nextEvent(patient, "new_message");
    doctor.emit("send_message", { receiverId: alice, content: "Hello Alice" });
    const { message } = await received;
    expect(message.messageType).toBe("text");
    expect(message.sender.role).toBe("doctor");
    expect(message.receiver._id).toBe(alice);
  });

  it("sends file and image messages with a fileUrl and empty content", async () => {
    const patient = await connect(alice);
    const doctor = await connect(bob);
    const received = collect(doctor, "new_message");
    const second = new Promise((resolve) => {
      doctor.on("new_message", () => received.length === 2 && resolve(undefined));
    });
    patient.emit("send_message", {
      receiverId: bob,
      content: "",
      messageType: "file",
      fileUrl: "https://files.example/report.pdf",
      fileName: "report.pdf",
    });
    patient.emit("send_message", {
      receiverId: bob,
      content: "my rash",
      messageType: "image",
      fileUrl: "/uploads/rash.png",
      fileName: "rash.png",
    });
    await second;
    expect(received.map((r) => r.message.messageType)).toEqual(["file", "image"]);
    expect(received[0].message).toMatchObject({
      content: "",
      fileUrl: "https://files.example/report.pdf",
      fileName: "report.pdf",
    });
    expect(received[1].message.fileUrl).toBe("/uploads/rash.png");
  });

  it("relays typing_start and typing_stop as typing_start and typing_stopped", async () => {
    const patient = await connect(alice);
    const doctor = await connect(bob);
    const started = nextEvent(doctor, "typing_start");
    patient.emit("typing_start", { receiverId: bob });
    expect(await started).toEqual({ userId: alice });
    const stopped = nextEvent(doctor, "typing_stopped");
    patient.emit("typing_stop", { receiverId: bob });
    expect(await stopped).toEqual({ userId: alice });
  });

  it("stops a typing indicator when the typist disconnects", async () => {
    const patient = await connect(alice);
    const doctor = await connect(bob);
    const started = nextEvent(doctor, "typing_start");
    patient.emit("typing_start", { receiverId: bob });
    await started;
    const stopped = nextEvent(doctor, "typing_stopped");
    patient.close();
    expect(await stopped).toEqual({ userId: alice });
  });

  it("answers mark_read with messages_read to the original sender and marks the history", async () => {
    const doctor = await connect(bob);
    const patient = await connect(carol);
    const received = nextEvent(doctor, "new_message");
    patient.emit("send_message", { receiverId: bob, content: "Please read me" });
    const { message } = await received;
    const read = nextEvent(patient, "messages_read");
    doctor.emit("mark_read", { senderId: carol });
    expect(await read).toEqual({
      userId: bob,
      conversationId: convCB,
      modifiedCount: expect.any(Number),
      readAt: expect.stringMatching(ISO),
    });
    const history = await api(server, "GET", `/chat/conversations/${carol}`, bob);
    const stored = history.body.data.find((m: { _id: string }) => m._id === message._id);
    expect(stored).toMatchObject({ isRead: true, readAt: expect.stringMatching(ISO) });
  });

  it("announces presence and set_status with user_status_change to care partners", async () => {
    const doctor = await connect(bob);
    const online = nextEvent(doctor, "user_status_change");
    const patient = await connect(carol);
    expect(await online).toEqual({ userId: carol, isOnline: true, status: "available" });

    const busyForDoctor = nextEvent(doctor, "user_status_change");
    const busyForSelf = nextEvent(patient, "user_status_change");
    patient.emit("set_status", { status: "busy" });
    expect(await busyForDoctor).toEqual({ userId: carol, isOnline: true, status: "busy" });
    expect(await busyForSelf).toEqual({ userId: carol, isOnline: true, status: "busy" });

    const status = await api(server, "POST", "/chat/online-status", bob, {
      userIds: [carol, alice],
    });
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      success: true,
      data: [
        { userId: carol, isOnline: true, status: "busy" },
        { userId: alice, isOnline: false, status: "available" },
      ],
    });

    const offline = nextEvent(doctor, "user_status_change");
    patient.close();
    expect(await offline).toEqual({ userId: carol, isOnline: false, status: "busy" });
  });

  it("keeps a user online while a second socket stays open", async () => {
    const doctor = await connect(bob);
    const first = await connect(alice);
    const second = await connect(alice);
    const changes = collect(doctor, "user_status_change");
    first.close();
    await vi.waitFor(() => expect(server.connectionCount("care-socketio")).toBe(2));
    const status = await api(server, "POST", "/chat/online-status", bob, { userIds: [alice] });
    expect(status.body.data).toEqual([{ userId: alice, isOnline: true, status: "available" }]);
    // Only the last socket's disconnect takes the user offline.
    expect(changes.filter((c) => !c.isOnline)).toEqual([]);
    const offline = nextEvent(doctor, "user_status_change");
    second.close();
    expect(await offline).toEqual({ userId: alice, isOnline: false, status: "available" });
  });
});

describe("care-socketio: delivery gate", () => {
  it("stores a message while delivery is paused and delivers it on resume", async () => {
    const patient = await connect(alice);
    const doctor = await connect(bob);
    const received = collect(doctor, "new_message");
    server.pauseDelivery();
    try {
      const sent = await api(server, "POST", "/users/send-message", alice, {
        doctorId: bob,
        content: "held back",
      });
      expect(sent.status).toBe(201);
      const history = await api(server, "GET", `/chat/conversations/${alice}?limit=1`, bob);
      expect(history.body.data[0]._id).toBe(sent.body.data._id);
      expect(received).toEqual([]);
      const arrived = nextEvent(doctor, "new_message");
      const echoed = nextEvent(patient, "message_sent");
      server.resumeDelivery();
      expect((await arrived).message._id).toBe(sent.body.data._id);
      expect((await echoed).message._id).toBe(sent.body.data._id);
    } finally {
      server.resumeDelivery();
    }
  });
});

describe("care-socketio: REST /chat", () => {
  it("pages a conversation newest-first by skip, each page oldest to newest", async () => {
    // A separate pair keeps this history to exactly what this test sends.
    const sent: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const answer = await api(server, "POST", "/users/send-message", carol, {
        doctorId: bob,
        content: `page ${i}`,
        messageType: "text",
      });
      expect(answer.status).toBe(201);
      sent.push(answer.body.data._id);
    }
    const all = await api(server, "GET", `/chat/conversations/${bob}?limit=50&skip=0`, carol);
    const ids: string[] = all.body.data.map((m: { _id: string }) => m._id);
    expect(ids.slice(-5)).toEqual(sent);
    const first = await api(server, "GET", `/chat/conversations/${bob}?limit=2&skip=0`, carol);
    expect(first.body.data.map((m: { content: string }) => m.content)).toEqual([
      "page 4",
      "page 5",
    ]);
    const second = await api(server, "GET", `/chat/conversations/${bob}?limit=2&skip=2`, carol);
    expect(second.body.data.map((m: { content: string }) => m.content)).toEqual([
      "page 2",
      "page 3",
    ]);
    expect(first.body.data[0]).toMatchObject({
      sender: { _id: carol, fullname: "Carol", email: "carol@test", role: "patient" },
      receiver: { _id: bob, fullname: "Bob", email: "bob@test", role: "doctor" },
      conversationId: convCB,
    });
  });

  it("lists conversations with otherUser, lastMessage and unreadCount", async () => {
    await api(server, "POST", `/doctors/patients/${alice}/messages`, bob, {
      message: "latest to alice",
    });
    const answer = await api(server, "GET", "/chat/conversations", alice);
    expect(answer.status).toBe(200);
    expect(answer.body.success).toBe(true);
    expect(answer.body.data).toEqual([
      {
        conversationId: convAB,
        otherUser: { _id: bob, fullname: "Bob", email: "bob@test", role: "doctor" },
        lastMessage: {
          _id: expect.stringMatching(/^[0-9a-f]{24}$/),
          content: "latest to alice",
          messageType: "text",
          createdAt: expect.stringMatching(ISO),
          sender: bob,
        },
        unreadCount: expect.any(Number),
      },
    ]);
    const doctorView = await api(server, "GET", "/chat/conversations", bob);
    expect(
      doctorView.body.data.map((c: { otherUser: { _id: string } }) => c.otherUser._id),
    ).toEqual([alice, carol]);
  });

  it("counts unread messages and clears them with PUT /chat/conversations/:senderId/read", async () => {
    await api(server, "POST", `/doctors/patients/${alice}/messages`, bob, { message: "unread 1" });
    const before = await api(server, "GET", "/chat/unread-count", alice);
    expect(before.body).toEqual({ success: true, data: { unreadCount: expect.any(Number) } });
    expect(before.body.data.unreadCount).toBeGreaterThan(0);

    const doctor = await connect(bob);
    const receipt = nextEvent(doctor, "messages_read");
    const read = await api(server, "PUT", `/chat/conversations/${bob}/read`, alice);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      success: true,
      data: {
        userId: alice,
        conversationId: convAB,
        modifiedCount: before.body.data.unreadCount,
        readAt: expect.stringMatching(ISO),
      },
    });
    expect((await receipt).userId).toBe(alice);
    const after = await api(server, "GET", "/chat/unread-count", alice);
    expect(after.body.data.unreadCount).toBe(0);
    const list = await api(server, "GET", "/chat/conversations", alice);
    expect(list.body.data[0].unreadCount).toBe(0);
  });

  it("searches conversations by the other user's name, email and message content", async () => {
    await api(server, "POST", "/users/send-message", alice, {
      doctorId: bob,
      content: "About my Ibuprofen dose",
    });
    const byName = await api(server, "GET", "/chat/search?query=bo", alice);
    expect(byName.status).toBe(200);
    expect(byName.body.data.map((c: { conversationId: string }) => c.conversationId)).toEqual([
      convAB,
    ]);
    const byEmail = await api(server, "GET", "/chat/search?query=carol%40test", bob);
    expect(byEmail.body.data.map((c: { otherUser: { _id: string } }) => c.otherUser._id)).toEqual([
      carol,
    ]);
    const byContent = await api(server, "GET", "/chat/search?query=ibuprofen", bob);
    expect(byContent.body.data).toHaveLength(1);
    expect(byContent.body.data[0]).toMatchObject({
      conversationId: convAB,
      otherUser: { _id: alice },
      lastMessage: { content: "About my Ibuprofen dose" },
    });
    const none = await api(server, "GET", "/chat/search?query=zzzz", bob);
    expect(none.body).toEqual({ success: true, data: [] });
  });
});

describe("care-socketio: REST /users and /doctors", () => {
  it("lets a patient send with POST /users/send-message and pushes it live", async () => {
    const patient = await connect(alice);
    const doctor = await connect(bob);
    const live = nextEvent(doctor, "new_message");
    const echo = nextEvent(patient, "message_sent");
    const answer = await api(server, "POST", "/users/send-message", alice, {
      doctorId: bob,
      content: "Hello doctor!",
      messageType: "text",
      fileUrl: null,
      fileName: null,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.success).toBe(true);
    expect(answer.body.data).toMatchObject({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      sender: { _id: alice, role: "patient" },
      receiver: { _id: bob, role: "doctor" },
      content: "Hello doctor!",
      conversationId: convAB,
    });
    expect((await live).message).toEqual(answer.body.data);
    expect((await echo).message).toEqual(answer.body.data);
  });

  it("serves the patient's conversations, history, read and unread count", async () => {
    await api(server, "POST", `/doctors/patients/${alice}/messages`, bob, { message: "one" });
    await api(server, "POST", `/doctors/patients/${alice}/messages`, bob, { message: "two" });
    const list = await api(server, "GET", "/users/conversations", alice);
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({ conversationId: convAB, otherUser: { _id: bob } });
    const history = await api(server, "GET", `/users/conversations/${bob}?limit=2&skip=0`, alice);
    expect(history.body.data.map((m: { content: string }) => m.content)).toEqual(["one", "two"]);
    const unread = await api(server, "GET", "/users/unread-count", alice);
    expect(unread.body.data.unreadCount).toBeGreaterThanOrEqual(2);
    const read = await api(server, "PUT", `/users/conversations/${bob}/read`, alice);
    expect(read.body.data.modifiedCount).toBe(unread.body.data.unreadCount);
    const after = await api(server, "GET", "/users/unread-count", alice);
    expect(after.body).toEqual({ success: true, data: { unreadCount: 0 } });
  });

  it("lets a doctor send and read with /doctors/patients/:patientId/messages", async () => {
    const patient = await connect(carol);
    const live = nextEvent(patient, "new_message");
    const sent = await api(server, "POST", `/doctors/patients/${carol}/messages`, bob, {
      message: "Hello patient!",
    });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({
      content: "Hello patient!",
      messageType: "text",
      sender: { _id: bob, role: "doctor" },
      receiver: { _id: carol, role: "patient" },
    });
    expect((await live).message._id).toBe(sent.body.data._id);
    const history = await api(server, "GET", `/doctors/patients/${carol}/messages`, bob);
    expect(history.status).toBe(200);
    expect(history.body.data.at(-1)._id).toBe(sent.body.data._id);
    const paged = await api(server, "GET", `/doctors/patients/${carol}/messages?limit=1`, bob);
    expect(paged.body.data).toEqual([sent.body.data]);
  });
});
