import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { bearerToken, TokenError, TokenService } from "./jwt.js";

describe("TokenService", () => {
  const tokens = new TokenService("test-secret");

  it("round-trips the subject", async () => {
    const claims = await tokens.verify(await tokens.sign("alice"));
    expect(claims.sub).toBe("alice");
  });

  it.each([
    ["missing", undefined],
    ["malformed", "not-a-jwt"],
  ] as const)("refuses a %s token", async (reason, token) => {
    await expect(tokens.verify(token)).rejects.toMatchObject({ reason });
  });

  it("refuses an expired token", async () => {
    const token = await tokens.sign("alice", { expiresIn: -60 });
    await expect(tokens.verify(token)).rejects.toMatchObject({ reason: "expired" });
  });

  it("refuses a token signed with another secret", async () => {
    const other = await new TokenService("other-secret").sign("alice");
    await expect(tokens.verify(other)).rejects.toBeInstanceOf(TokenError);
    await expect(tokens.verify(other)).rejects.toMatchObject({ reason: "bad-signature" });
  });

  it("refuses a token without a subject and an unsigned token", async () => {
    const key = new TextEncoder().encode("test-secret");
    const noSub = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).sign(key);
    await expect(tokens.verify(noSub)).rejects.toMatchObject({ reason: "malformed" });
    const [, body] = (await tokens.sign("alice")).split(".");
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${body}.`;
    await expect(tokens.verify(unsigned)).rejects.toMatchObject({ reason: "malformed" });
  });
});

describe("bearerToken", () => {
  it("reads the token from a Bearer header only", () => {
    expect(bearerToken("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerToken("bearer  abc")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
