import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { api, connectAs } from "../../../test/care-socketio.js";
import { collect, connectSocketIo, nextEvent } from "../../../test/socketio-probe.js";
import { TokenService } from "../../auth/jwt.js";
import type { ParleyServer } from "../../server.js";
import { testFixtures, testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol, dave, mallory, ivan } = testUsers;
/** An account with neither the doctor nor the patient role. */
const adminOnly = "0a000000-0000-4000-8000-0000000ad111";
const MAX_CHARS = 200;

let server: ParleyServer;
let url: string;
const open: Socket[] = [];

async function connect(userId: string): Promise<Socket> {
  const socket = await connectAs(server, userId);
  open.push(socket);
  return socket;
}

async function refusedWith(token: string | undefined) {
  const { socket, error } = await connectSocketIo(
    url,
    token === undefined ? {} : { auth: { token } },
  );
  socket.close();
  return error;
}

beforeAll(async () => {
  server = await startTestServer({
    dialects: ["care-socketio"],
    fixtures: {
      ...testFixtures,
      users: [...testFixtures.users, { id: adminOnly, name: "Ada", role: "admin" }],
    },
    limits: { maxContentChars: MAX_CHARS, maxBodyBytes: 4096, maxFrameBytes: 8192 },
  });
  url = server.url("care-socketio");
});

afterEach(async () => {
  for (const socket of open.splice(0)) socket.close();
  await vi.waitFor(() => expect(server.connectionCount("care-socketio")).toBe(0));
});

afterAll(async () => {
  await server.close();
});

/** Proves the server still serves a good client after the abuse. */
async function stillServes(): Promise<void> {
  const patient = await connect(alice);
  const doctor = await connect(bob);
  const received = nextEvent(doctor, "new_message");
  patient.emit("send_message", { receiverId: bob, content: "still here?" });
  expect((await received).message.content).toBe("still here?");
  const rest = await api(server, "GET", "/chat/unread-count", bob);
  expect(rest.status).toBe(200);
}

describe("care-socketio: Socket.IO handshake auth", () => {
  it("refuses a missing token with connect_error", async () => {
    const error = await refusedWith(undefined);
    expect(error?.message).toMatch(/Authentication error/);
    expect(error?.data?.code).toBe(401);
  });

  it("refuses a malformed token", async () => {
    const error = await refusedWith("not-a-jwt");
    expect(error?.data?.code).toBe(401);
  });

  it("refuses a token signed with another secret", async () => {
    const error = await refusedWith(await new TokenService("other").sign(alice));
    expect(error?.data?.code).toBe(401);
  });

  it("refuses an expired token", async () => {
    const error = await refusedWith(await server.token(alice, -60));
    expect(error?.message).toMatch(/expired/i);
    expect(error?.data?.code).toBe(401);
  });

  it("refuses an unknown user, an inactive user and a user who is neither doctor nor patient", async () => {
    expect((await refusedWith(await server.token("no-such-user")))?.message).toBe("User not found");
    expect((await refusedWith(await server.token(ivan)))?.message).toBe("Account is inactive");
    const error = await refusedWith(await server.token(adminOnly));
    expect(error?.message).toMatch(/doctors and patients/);
    expect(error?.data?.code).toBe(403);
    expect(server.connectionCount("care-socketio")).toBe(0);
  });
});

describe("care-socketio: REST auth", () => {
  const cases: Array<[string, () => Promise<string | null>, number]> = [
    ["missing", async () => null, 401],
    ["malformed", async () => "garbage.token.here", 401],
    ["wrong-secret", () => new TokenService("other").sign(alice), 401],
    ["expired", () => server.token(alice, -60), 401],
    ["unknown user", () => server.token("no-such-user"), 401],
    ["inactive user", () => server.token(ivan), 403],
    ["neither doctor nor patient", () => server.token(adminOnly), 403],
  ];
  for (const [name, token, status] of cases) {
    it(`answers ${status} {success:false, message} for a ${name} token`, async () => {
      for (const path of [
        "/chat/conversations",
        "/users/unread-count",
        "/doctors/patients/x/messages",
      ]) {
        const answer = await api(server, "GET", path, { token: await token() });
        expect(answer.status).toBe(status);
        expect(answer.body).toEqual({ success: false, message: expect.any(String) });
      }
    });
  }
});

describe("care-socketio: authorization", () => {
  it("refuses messages outside a care relation with an error event and delivers nothing", async () => {
    const patient = await connect(alice);
    const otherDoctor = await connect(dave);
    const otherPatient = await connect(mallory);
    const leaked = [
      ...collect(otherDoctor, "new_message"),
      ...collect(otherPatient, "new_message"),
    ];
    const toDave = nextEvent(patient, "error");
    patient.emit("send_message", { receiverId: dave, content: "not my doctor" });
    expect(await toDave).toEqual({ message: expect.stringMatching(/care/) });
    const toPatient = nextEvent(patient, "error");
    patient.emit("send_message", { receiverId: mallory, content: "patient to patient" });
    expect((await toPatient).message).toMatch(/care/);
    const fromDave = nextEvent(otherDoctor, "error");
    otherDoctor.emit("send_message", { receiverId: alice, content: "not my patient" });
    expect((await fromDave).message).toMatch(/care/);
    const unknown = nextEvent(patient, "error");
    patient.emit("send_message", { receiverId: "nobody", content: "hi" });
    expect((await unknown).message).toBe("User not found");
    expect(leaked).toEqual([]);
  });

  it("refuses typing and mark_read outside a care relation", async () => {
    const patient = await connect(alice);
    const otherDoctor = await connect(dave);
    const typing = collect(otherDoctor, "typing_start");
    const typingError = nextEvent(patient, "error");
    patient.emit("typing_start", { receiverId: dave });
    expect((await typingError).message).toMatch(/care/);
    const stopError = nextEvent(patient, "error");
    patient.emit("typing_stop", { receiverId: dave });
    expect((await stopError).message).toMatch(/care/);
    const readError = nextEvent(patient, "error");
    patient.emit("mark_read", { senderId: dave });
    expect((await readError).message).toMatch(/care/);
    expect(typing).toEqual([]);
  });

  it("refuses REST conversations outside a care relation with 403 and unknown users with 404", async () => {
    const cases: Array<[string, string, string, unknown, number]> = [
      ["GET", `/chat/conversations/${dave}`, alice, undefined, 403],
      ["GET", `/chat/conversations/${mallory}`, alice, undefined, 403],
      ["PUT", `/chat/conversations/${dave}/read`, alice, undefined, 403],
      ["GET", "/chat/conversations/nobody", alice, undefined, 404],
      ["POST", "/users/send-message", alice, { doctorId: dave, content: "hi" }, 403],
      ["POST", "/users/send-message", alice, { doctorId: "nobody", content: "hi" }, 404],
      ["GET", `/users/conversations/${dave}`, alice, undefined, 403],
      ["PUT", `/users/conversations/${dave}/read`, alice, undefined, 403],
      ["POST", `/doctors/patients/${mallory}/messages`, bob, { message: "hi" }, 403],
      ["GET", `/doctors/patients/${mallory}/messages`, bob, undefined, 403],
      ["POST", `/doctors/patients/${alice}/messages`, dave, { message: "hi" }, 403],
      ["GET", "/doctors/patients/nobody/messages", bob, undefined, 404],
    ];
    for (const [method, path, as, body, status] of cases) {
      const answer = await api(server, method, path, as, body);
      expect({ method, path, status: answer.status }).toEqual({ method, path, status });
      expect(answer.body).toEqual({ success: false, message: expect.any(String) });
    }
  });

  it("keeps /users for patients and /doctors for doctors (403 otherwise)", async () => {
    for (const path of [
      "/users/conversations",
      "/users/unread-count",
      `/users/conversations/${bob}`,
    ]) {
      expect((await api(server, "GET", path, bob)).status).toBe(403);
    }
    const doctorSends = await api(server, "POST", "/users/send-message", bob, {
      doctorId: alice,
      content: "hi",
    });
    expect(doctorSends.status).toBe(403);
    expect((await api(server, "GET", `/doctors/patients/${carol}/messages`, alice)).status).toBe(
      403,
    );
    const patientSends = await api(server, "POST", `/doctors/patients/${carol}/messages`, alice, {
      message: "hi",
    });
    expect(patientSends.status).toBe(403);
  });

  it("shows presence only to care partners", async () => {
    await connect(dave);
    const answer = await api(server, "POST", "/chat/online-status", alice, { userIds: [dave] });
    expect(answer.body.data).toEqual([{ userId: dave, isOnline: false, status: "available" }]);
    const mine = await api(server, "POST", "/chat/online-status", dave, { userIds: [dave] });
    expect(mine.body.data).toEqual([{ userId: dave, isOnline: true, status: "available" }]);
  });
});

describe("care-socketio: bad socket input", () => {
  const cases: Array<[string, string, unknown, RegExp]> = [
    ["a non-object payload", "send_message", "hello", /object/],
    ["a missing receiverId", "send_message", { content: "hi" }, /expected string/i],
    ["a wrong receiverId type", "send_message", { receiverId: 42, content: "hi" }, /string/],
    [
      "an unknown messageType",
      "send_message",
      { receiverId: bob, content: "hi", messageType: "video" },
      /option|expected/i,
    ],
    [
      "empty text content",
      "send_message",
      { receiverId: bob, content: "   " },
      /content is required/,
    ],
    ["missing content", "send_message", { receiverId: bob }, /content is required/],
    [
      "oversize content",
      "send_message",
      { receiverId: bob, content: "x".repeat(MAX_CHARS + 1) },
      /too long/,
    ],
    [
      "a file without fileUrl",
      "send_message",
      { receiverId: bob, content: "", messageType: "file" },
      /fileUrl is required/,
    ],
    [
      "a javascript: fileUrl",
      "send_message",
      { receiverId: bob, content: "", messageType: "image", fileUrl: "javascript:alert(1)" },
      /http/,
    ],
    [
      "a data: fileUrl",
      "send_message",
      { receiverId: bob, content: "", messageType: "file", fileUrl: "data:text/html,hi" },
      /http/,
    ],
    [
      "a protocol-relative fileUrl",
      "send_message",
      { receiverId: bob, content: "", messageType: "file", fileUrl: "//evil.example/x" },
      /http/,
    ],
    ["a number as content", "send_message", { receiverId: bob, content: 5 }, /string/],
    ["typing without receiverId", "typing_start", {}, /expected string/i],
    ["mark_read without senderId", "mark_read", null, /object/],
    ["an unknown status", "set_status", { status: "sleeping" }, /option|expected/i],
    ["an unknown event", "delete_everything", { all: true }, /Unknown event/],
  ];
  for (const [name, event, payload, message] of cases) {
    it(`answers error {message} for ${name}`, async () => {
      const patient = await connect(alice);
      const doctor = await connect(bob);
      const leaked = collect(doctor, "new_message");
      const error = nextEvent(patient, "error");
      patient.emit(event, payload);
      expect(await error).toEqual({ message: expect.stringMatching(message) });
      expect(leaked).toEqual([]);
    });
  }

  it("answers a flood with rate-limit errors and cuts a client that keeps flooding", async () => {
    const patient = await connect(alice);
    const errors = collect<{ message: string }>(patient, "error");
    const cut = new Promise((resolve) => patient.once("disconnect", resolve));
    for (let i = 0; i < 400; i++) patient.emit("typing_stop", { receiverId: bob });
    await cut;
    expect(errors.some((e) => /Too many requests/.test(e.message))).toBe(true);
    await stillServes();
  });

  it("survives malformed and oversize Socket.IO packets, closing only that connection", async () => {
    const token = await server.token(alice);
    const wsUrl = `${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;
    for (const bad of [
      '42["send_message",{bro',
      "4x",
      `42${JSON.stringify(["send_message", "y".repeat(9000)])}`,
    ]) {
      const raw = new WebSocket(wsUrl);
      const closed = new Promise((resolve) => raw.on("close", resolve));
      raw.on("error", () => {});
      const messages: string[] = [];
      raw.on("message", (data) => {
        const text = data.toString();
        messages.push(text);
        if (text.startsWith("0")) raw.send(`40${JSON.stringify({ token })}`);
        else if (text.startsWith("40")) raw.send(bad);
        else if (text === "2") raw.send("3");
      });
      await closed;
      expect(messages.some((m) => m.startsWith("40"))).toBe(true);
    }
    await stillServes();
  });
});

describe("care-socketio: bad REST input", () => {
  it("answers 400 for malformed JSON and wrong field types, 413 for an oversize body", async () => {
    const cases: Array<[string, string, string, unknown, number]> = [
      ["POST", "/users/send-message", alice, "{not json", 400],
      ["POST", "/users/send-message", alice, { doctorId: 5, content: "hi" }, 400],
      ["POST", "/users/send-message", alice, { doctorId: bob, content: "" }, 400],
      [
        "POST",
        "/users/send-message",
        alice,
        { doctorId: bob, content: "x".repeat(MAX_CHARS + 1) },
        400,
      ],
      [
        "POST",
        "/users/send-message",
        alice,
        { doctorId: bob, messageType: "image", fileUrl: "javascript:x" },
        400,
      ],
      ["POST", "/users/send-message", alice, { doctorId: bob, content: "x".repeat(5000) }, 413],
      ["POST", "/users/send-message", alice, [1, 2], 400],
      ["POST", `/doctors/patients/${alice}/messages`, bob, { message: "" }, 400],
      ["POST", `/doctors/patients/${alice}/messages`, bob, { content: "wrong field" }, 400],
      ["POST", `/doctors/patients/${alice}/messages`, bob, "", 400],
      ["POST", "/chat/online-status", alice, { userIds: "everyone" }, 400],
      ["POST", "/chat/online-status", alice, {}, 400],
      ["GET", `/chat/conversations/${bob}?limit=abc`, alice, undefined, 400],
      ["GET", `/chat/conversations/${bob}?limit=0`, alice, undefined, 400],
      ["GET", `/chat/conversations/${bob}?limit=1000`, alice, undefined, 400],
      ["GET", `/chat/conversations/${bob}?skip=-1`, alice, undefined, 400],
      ["GET", "/chat/search", alice, undefined, 400],
      ["GET", "/chat/search?query=%20%20", alice, undefined, 400],
      ["GET", "/chat/nothing-here", alice, undefined, 404],
      ["DELETE", "/chat/conversations", alice, undefined, 404],
    ];
    for (const [method, path, as, body, status] of cases) {
      const answer = await api(server, method, path, as, body);
      expect({ method, path, body, status: answer.status }).toEqual({ method, path, body, status });
      expect(answer.body).toEqual({ success: false, message: expect.any(String) });
      expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    await stillServes();
  });

  it("treats % and _ in a search query as plain characters", async () => {
    const answer = await api(server, "GET", "/chat/search?query=%25", alice);
    expect(answer.body).toEqual({ success: true, data: [] });
  });
});
