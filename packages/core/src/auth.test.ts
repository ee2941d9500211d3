import { describe, expect, it, vi } from "vitest";
import { TokenSource, tokenSubject } from "./auth.js";

describe("TokenSource", () => {
  it("caches a provider's token and asks again only on refresh, sharing concurrent calls", async () => {
    let n = 0;
    const provider = vi.fn(async () => `t${++n}`);
    const source = new TokenSource(provider);
    expect(await Promise.all([source.get(), source.get()])).toEqual(["t1", "t1"]);
    expect(await source.get()).toBe("t1");
    expect(await source.get({ refresh: true })).toBe("t2");
    expect(provider).toHaveBeenCalledTimes(2);
    expect(provider).toHaveBeenLastCalledWith({ refresh: true, purpose: "rest" });
  });

  it("reports a failing or empty provider as unauthorized", async () => {
    await expect(new TokenSource(() => Promise.reject(new Error("x"))).get()).rejects.toMatchObject(
      {
        code: "unauthorized",
      },
    );
    await expect(new TokenSource(() => "").get()).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("uses new credentials after set()", async () => {
    const source = new TokenSource("old");
    source.set("new");
    expect(await source.get({ refresh: true })).toBe("new");
    expect(source.refreshable).toBe(false);
  });
});

describe("tokenSubject", () => {
  it("reads sub from a JWT and null from anything else", () => {
    const body = Buffer.from(JSON.stringify({ sub: "alice-ü" })).toString("base64url");
    expect(tokenSubject(`h.${body}.s`)).toBe("alice-ü");
    expect(tokenSubject(`h.${Buffer.from('{"sub":"bob"}').toString("base64url")}.s`)).toBe("bob");
    expect(tokenSubject("garbage")).toBeNull();
    expect(tokenSubject("a.!!!.c")).toBeNull();
  });

  it("keeps a token per purpose; a refresh of one makes the others be asked anew", async () => {
    const provider = vi.fn(
      ({ refresh, purpose }: { refresh: boolean; purpose: string }) =>
        `${purpose}-${refresh ? "fresh" : "old"}`,
    );
    const source = new TokenSource(provider);
    expect(await source.get({ purpose: "socket" })).toBe("socket-old");
    expect(await source.get()).toBe("rest-old");
    expect(await source.get({ purpose: "socket" })).toBe("socket-old");
    expect(provider).toHaveBeenCalledTimes(2);
    expect(await source.get({ refresh: true, purpose: "socket" })).toBe("socket-fresh");
    expect(await source.get()).toBe("rest-old"); // asked again, not refreshed
    expect(provider).toHaveBeenCalledTimes(4);
  });
});
