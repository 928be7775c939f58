import { describe, expect, it } from "vitest";
import { autoCloseDue, isWeekend, localDate, reassessmentCadenceSchema, reassessmentDueAt, reminderDue, reminderPolicySchema, type ReminderPolicy, type ReminderTarget } from "./reminders.ts";

const policy: ReminderPolicy = { dueDate: "2026-12-18", remindersEnabled: true, reminderLimit: 3, reminderGapDays: 4, reminderDaysBeforeDue: 2, autoClose: false };
// Invited on Monday 2026-11-30 at 09:00 in Berlin.
const invited: ReminderTarget = {
  email: "ada@example.com",
  invitedAt: new Date("2026-11-30T08:00:00Z"),
  submittedAt: null,
  remindersOptedOutAt: null,
  remindersSent: 0,
  lastRemindedAt: null,
};
const at = (iso: string) => new Date(iso);
const BERLIN = "Europe/Berlin";

describe("the calendar where the organization is", () => {
  it("reads the local date and the weekend in the organization's time zone, not UTC", () => {
    // 23:30 UTC on Friday 4 December is already Saturday 5 December in Berlin.
    expect(localDate(at("2026-12-04T23:30:00Z"), BERLIN)).toBe("2026-12-05");
    expect(localDate(at("2026-12-04T23:30:00Z"), "UTC")).toBe("2026-12-04");
    expect(isWeekend(at("2026-12-04T23:30:00Z"), BERLIN)).toBe(true);
    expect(isWeekend(at("2026-12-04T23:30:00Z"), "UTC")).toBe(false);
  });
});

describe("when a reminder is due", () => {
  const cases: [string, ReminderTarget, ReminderPolicy, string, boolean][] = [
    ["3 days after the invitation: the gap of 4 is not over", invited, policy, "2026-12-03T09:00:00Z", false],
    ["4 days after, Friday", invited, policy, "2026-12-04T09:00:00Z", true],
    ["6 days after, but Saturday", invited, policy, "2026-12-05T09:00:00Z", false],
    ["7 days after, Monday", invited, policy, "2026-12-07T09:00:00Z", true],
    ["submitted", { ...invited, submittedAt: at("2026-12-01T10:00:00Z") }, policy, "2026-12-07T09:00:00Z", false],
    ["opted out", { ...invited, remindersOptedOutAt: at("2026-12-01T10:00:00Z") }, policy, "2026-12-07T09:00:00Z", false],
    ["never invited by mail", { ...invited, invitedAt: null }, policy, "2026-12-07T09:00:00Z", false],
    ["the limit of 3 reached", { ...invited, remindersSent: 3, lastRemindedAt: at("2026-12-01T08:00:00Z") }, policy, "2026-12-10T09:00:00Z", false],
    ["reminders off", invited, { ...policy, remindersEnabled: false }, "2026-12-07T09:00:00Z", false],
    // Last reminder Monday 14 Dec; the gap would allow Friday 18 Dec, but the last call (16 Dec, 2 days before) comes first.
    ["the last call, 2 days before the due date, inside the gap", { ...invited, remindersSent: 1, lastRemindedAt: at("2026-12-14T08:00:00Z") }, policy, "2026-12-16T09:00:00Z", true],
    ["the day before the last call, inside the gap", { ...invited, remindersSent: 1, lastRemindedAt: at("2026-12-14T08:00:00Z") }, policy, "2026-12-15T09:00:00Z", false],
    ["already reminded on the last call day", { ...invited, remindersSent: 2, lastRemindedAt: at("2026-12-16T08:00:00Z") }, policy, "2026-12-17T09:00:00Z", false],
    // Due Tuesday 15 Dec, last call Sunday 13 Dec: it goes out on Monday 14 Dec.
    ["a last call on a Sunday goes out on Monday", { ...invited, remindersSent: 1, lastRemindedAt: at("2026-12-11T08:00:00Z") }, { ...policy, dueDate: "2026-12-15" }, "2026-12-14T09:00:00Z", true],
    ["after the due date", invited, policy, "2026-12-21T09:00:00Z", false],
    ["no due date: only the gap counts", invited, { ...policy, dueDate: null }, "2026-12-07T09:00:00Z", true],
  ];
  for (const [name, target, rules, now, expected] of cases) {
    it(name, () => expect(reminderDue(target, rules, at(now), BERLIN)).toBe(expected));
  }
});

describe("closing by itself", () => {
  it("closes once the due date has passed in the organization's time zone", () => {
    const closing = { ...policy, autoClose: true };
    expect(autoCloseDue(closing, at("2026-12-18T22:30:00Z"), BERLIN)).toBe(false);
    // 23:30 UTC on the 18th is the 19th in Berlin.
    expect(autoCloseDue(closing, at("2026-12-18T23:30:00Z"), BERLIN)).toBe(true);
    expect(autoCloseDue(policy, at("2026-12-20T09:00:00Z"), BERLIN)).toBe(false);
    expect(autoCloseDue({ ...closing, dueDate: null }, at("2026-12-20T09:00:00Z"), BERLIN)).toBe(false);
  });
});

describe("the policy form", () => {
  it("reads the form, with empty as no due date and unchecked boxes as off", () => {
    expect(reminderPolicySchema.parse({ dueDate: "", reminderLimit: "2", reminderGapDays: "5", reminderDaysBeforeDue: "1" })).toEqual({
      dueDate: null,
      remindersEnabled: false,
      reminderLimit: 2,
      reminderGapDays: 5,
      reminderDaysBeforeDue: 1,
      autoClose: false,
    });
    expect(reminderPolicySchema.safeParse({ dueDate: "31.03.2027", reminderLimit: "2", reminderGapDays: "5", reminderDaysBeforeDue: "1" }).success).toBe(false);
    expect(reminderPolicySchema.safeParse({ dueDate: "", reminderLimit: "11", reminderGapDays: "5", reminderDaysBeforeDue: "1" }).success).toBe(false);
    expect(reminderPolicySchema.safeParse({ dueDate: "", reminderLimit: "2", reminderGapDays: "0", reminderDaysBeforeDue: "1" }).success).toBe(false);
  });
});

describe("the re-assessment cadence", () => {
  it("counts calendar months, keeping to the month's last day when it is shorter", () => {
    expect(reassessmentDueAt(at("2026-01-15T10:00:00Z"), 12).toISOString()).toBe("2027-01-15T10:00:00.000Z");
    expect(reassessmentDueAt(at("2026-08-31T10:00:00Z"), 6).toISOString()).toBe("2027-02-28T10:00:00.000Z");
    expect(reassessmentDueAt(at("2027-08-31T10:00:00Z"), 18).toISOString()).toBe("2029-02-28T10:00:00.000Z");
  });
  it("reads the settings form", () => {
    expect(reassessmentCadenceSchema.parse({ reassessmentMonths: "" })).toEqual({ reassessmentMonths: null });
    expect(reassessmentCadenceSchema.parse({ reassessmentMonths: "12" })).toEqual({ reassessmentMonths: 12 });
    expect(reassessmentCadenceSchema.safeParse({ reassessmentMonths: "7" }).success).toBe(false);
  });
});
