// The campaign's clock: when a respondent is due a reminder, and when an assessment closes by
// itself. Pure: the moment and the organization's time zone are passed in.
import { z } from "zod";
import { campaignMessages as m } from "../messages/campaign.ts";
import { addDays, dayNumber } from "./dates.ts";

export interface ReminderPolicy {
  dueDate: string | null;
  remindersEnabled: boolean;
  reminderLimit: number;
  reminderGapDays: number;
  reminderDaysBeforeDue: number;
  autoClose: boolean;
}

export interface ReminderTarget {
  email: string | null;
  invitedAt: Date | null;
  submittedAt: Date | null;
  remindersOptedOutAt: Date | null;
  remindersSent: number;
  lastRemindedAt: Date | null;
}

/** The calendar date of `moment` in the time zone, as YYYY-MM-DD. */
export function localDate(moment: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(moment);
}

/** Saturday or Sunday where the organization is. */
export function isWeekend(moment: Date, timeZone: string): boolean {
  const weekday = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short" }).format(moment);
  return weekday === "Sat" || weekday === "Sun";
}

/** Whether the time zone is one the runtime knows (an IANA name such as Europe/Berlin). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Who "Remind now" reaches: invited by mail, not submitted, not opted out. */
export const canBeReminded = (target: ReminderTarget) =>
  target.email !== null && target.invitedAt !== null && target.submittedAt === null && target.remindersOptedOutAt === null;

/**
 * Whether the policy sends `target` a reminder at `now`: at most `reminderLimit`, at least
 * `reminderGapDays` after the last mail (invitation or reminder), and one on or after
 * `reminderDaysBeforeDue` days before the due date even if the gap is not over (the first
 * weekday of that stretch, when it starts on a weekend); never on a weekend, never twice on
 * one day, never after the due date.
 */
export function reminderDue(target: ReminderTarget, policy: ReminderPolicy, now: Date, timeZone: string): boolean {
  if (!policy.remindersEnabled || !canBeReminded(target)) return false;
  if (target.remindersSent >= policy.reminderLimit) return false;
  if (isWeekend(now, timeZone)) return false;
  const today = localDate(now, timeZone);
  if (policy.dueDate !== null && today > policy.dueDate) return false;
  const lastMail = localDate(target.lastRemindedAt ?? target.invitedAt!, timeZone);
  if (lastMail >= today) return false;
  if (dayNumber(today) - dayNumber(lastMail) >= policy.reminderGapDays) return true;
  if (policy.dueDate === null) return false;
  const lastCall = addDays(policy.dueDate, -policy.reminderDaysBeforeDue);
  return today >= lastCall && lastMail < lastCall;
}

/** An assessment set to close by itself closes once its due date has passed where the organization is. */
export const autoCloseDue = (policy: ReminderPolicy, now: Date, timeZone: string) =>
  policy.autoClose && policy.dueDate !== null && localDate(now, timeZone) > policy.dueDate;

const smallCount = (min: number, max: number, message: string) => z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

/** The deadline and reminder form on the assessment's page. */
export const reminderPolicySchema = z.object({
  dueDate: z
    .string()
    .trim()
    .transform((value) => (value === "" ? null : value))
    .pipe(z.iso.date({ error: m.dueDateInvalid }).nullable()),
  remindersEnabled: z.preprocess((value) => value === "yes", z.boolean()),
  reminderLimit: smallCount(0, 10, m.reminderLimitInvalid),
  reminderGapDays: smallCount(1, 30, m.reminderGapInvalid),
  reminderDaysBeforeDue: smallCount(0, 14, m.reminderBeforeDueInvalid),
  autoClose: z.preprocess((value) => value === "yes", z.boolean()),
});

/** The organization's time zone on the settings page. */
export const timeZoneSchema = z.object({
  timeZone: z.string().trim().refine(isTimeZone, m.timeZoneInvalid),
});

/** How often an organization may choose to be reminded to measure again, in months. */
export const REASSESSMENT_CADENCES = [6, 12, 18, 24] as const;

/** The moment `months` calendar months after `closedAt` (the month's last day when it is shorter). */
export function reassessmentDueAt(closedAt: Date, months: number): Date {
  const due = new Date(closedAt.getTime());
  const day = due.getUTCDate();
  due.setUTCDate(1);
  due.setUTCMonth(due.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(day, lastDay));
  return due;
}

/** The settings form's cadence: "" is never. */
export const reassessmentCadenceSchema = z.object({
  reassessmentMonths: z
    .string()
    .transform((value) => (value === "" ? null : Number(value)))
    .refine((value) => value === null || (REASSESSMENT_CADENCES as readonly number[]).includes(value), m.cadenceInvalid),
});
