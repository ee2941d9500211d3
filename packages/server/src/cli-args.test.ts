import { describe, expect, it } from "vitest";
import { parseCli } from "./cli-args.js";

describe("parseCli", () => {
  it("defaults to every dialect from port 8000 in memory", () => {
    expect(parseCli([])).toMatchObject({
      kind: "serve",
      profile: "seed",
      port: 8000,
      db: undefined,
      dialects: ["support-socketio", "friends-ws", "care-socketio", "channels-ws", "rooms-ws"],
    });
  });

  it("reads one dialect, a port, a database and fixtures", () => {
    expect(
      parseCli(["--dialect", "rooms-ws", "--port", "9100", "--db", "x.db", "--fixtures", "f.json"]),
    ).toEqual({
      kind: "serve",
      dialects: ["rooms-ws"],
      profile: "seed",
      limits: {},
      port: 9100,
      host: "127.0.0.1",
      db: "x.db",
      fixtures: "f.json",
    });
  });

  it("reads the profile from --profile, else from env PARLEY_PROFILE", () => {
    expect(parseCli(["--profile", "field"])).toMatchObject({ profile: "field" });
    expect(parseCli([], { PARLEY_PROFILE: "field" })).toMatchObject({ profile: "field" });
    expect(parseCli(["--profile", "seed"], { PARLEY_PROFILE: "field" })).toMatchObject({
      profile: "seed",
    });
  });

  it("reads limits from flags, else from the environment", () => {
    expect(
      parseCli(["--rate", "500", "--max-frame", "1024"], { PARLEY_BURST: "900" }),
    ).toMatchObject({ limits: { ratePerSecond: 500, rateBurst: 900, maxFrameBytes: 1024 } });
    expect(parseCli(["--rate", "5"], { PARLEY_RATE: "9" })).toMatchObject({
      limits: { ratePerSecond: 5 },
    });
  });

  it("reads the token command", () => {
    expect(parseCli(["token", "alice", "--expires", "1h"])).toEqual({
      kind: "token",
      user: "alice",
      expiresIn: "1h",
      fixtures: undefined,
    });
  });

  it.each([
    [["--dialect", "irc"], /unknown dialect irc/],
    [["--port", "http"], /invalid port/],
    [["--profile", "prod"], /unknown profile prod/],
    [["--rate", "fast"], /invalid --rate fast/],
    [["--max-body", "0"], /invalid --max-body 0/],
    [["token"], /name a user/],
    [["serve"], /unknown command/],
    [["--nope"], /Unknown option/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message);
  });
});
