import { expect, it } from "vitest";
import { UserConnections } from "./user-connections.js";

it("keeps a user online until the last connection closes", () => {
  const users = new UserConnections<string>();
  expect(users.add("alice", "s1")).toBe(true);
  expect(users.add("alice", "s2")).toBe(false);
  expect(users.add("bob", "s3")).toBe(true);
  expect(users.online()).toEqual(["alice", "bob"]);
  expect(users.remove("alice", "s1")).toBe(false);
  expect(users.isOnline("alice")).toBe(true);
  expect(users.remove("alice", "nope")).toBe(false);
  expect(users.remove("alice", "s2")).toBe(true);
  expect(users.isOnline("alice")).toBe(false);
  expect([...users.of("bob")]).toEqual(["s3"]);
  expect([...users.of("alice")]).toEqual([]);
});
