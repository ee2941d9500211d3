import { describe, expect, it } from "vitest";
import { presenceState } from "./presence-badge.js";

describe("presenceState", () => {
  it("reads backends' statuses as the widgets' words", () => {
    expect(presenceState(undefined)).toBe("unknown");
    expect(presenceState({ online: false, status: "available" })).toBe("offline");
    expect(presenceState({ online: true })).toBe("online");
    expect(presenceState({ online: true, status: "available" })).toBe("online");
    expect(presenceState({ online: true, status: "online" })).toBe("online");
    expect(presenceState({ online: true, status: "Away" })).toBe("away");
    expect(presenceState({ online: true, status: "busy" })).toBe("busy");
    expect(presenceState({ online: true, status: "dnd" })).toBe("busy");
    expect(presenceState({ online: true, status: "something-new" })).toBe("online");
  });
});
