import { describe, expect, it } from "vitest";
import { expiryFrom, LINK_LIFETIMES_MS, linkFailureStatus, linkState } from "./account-links.ts";

const now = new Date("2026-03-02T10:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("linkState", () => {
  it("is usable before it expires and expired from that moment on", () => {
    const link = { expiresAt: expiryFrom(now, LINK_LIFETIMES_MS.passwordReset), usedAt: null };
    expect(linkState(link, now)).toBe("usable");
    expect(linkState(link, later(LINK_LIFETIMES_MS.passwordReset - 1))).toBe("usable");
    expect(linkState(link, later(LINK_LIFETIMES_MS.passwordReset))).toBe("expired");
  });

  it("is used once used, even after it would have expired", () => {
    const link = { expiresAt: later(1000), usedAt: now };
    expect(linkState(link, now)).toBe("used");
    expect(linkState(link, later(10_000))).toBe("used");
  });

  it("is unknown when there is no such link", () => {
    expect(linkState(undefined, now)).toBe("unknown");
  });
});

describe("linkFailureStatus", () => {
  it("answers 410 for a link that existed and 404 for one that never did", () => {
    expect(linkFailureStatus("used")).toBe(410);
    expect(linkFailureStatus("expired")).toBe(410);
    expect(linkFailureStatus("unknown")).toBe(404);
  });
});

describe("LINK_LIFETIMES_MS", () => {
  it("gives a reset one hour and a confirmation one day", () => {
    expect(LINK_LIFETIMES_MS).toEqual({ passwordReset: 3_600_000, emailConfirmation: 86_400_000 });
  });
});
