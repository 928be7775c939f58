/**
 * How numbers and dates are written for people: one place, so every page, export and report
 * writes them alike. Pure, so components, routes, services and the domain can all use it.
 * Dates are shown in UTC, as stored.
 */

type DateInput = Date | string | number;
const asDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

/**
 * A score or gap with one decimal: 3.4. A missing value shows as `missing`: the web pages use
 * an em dash, the PDF report and the overview an en dash.
 */
export function oneDecimal(value: number | null, missing = "—"): string {
  return value === null ? missing : value.toFixed(1);
}

/** The calendar day of an instant in UTC, as YYYY-MM-DD. */
export function isoDay(value: DateInput): string {
  return asDate(value).toISOString().slice(0, 10);
}

// Building an Intl formatter is costly, so each is made once per process.
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const longDateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });
const dayMonthYearFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const monthYearFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** Dec 4, 2026 */
export const formatDate = (value: DateInput) => dateFormat.format(asDate(value));
/** Dec 4, 2026, 7:24 PM (without the zone: callers add "UTC" where they show it) */
export const formatDateTime = (value: DateInput) => dateTimeFormat.format(asDate(value));
/** December 4, 2026 */
export const formatLongDate = (value: DateInput) => longDateFormat.format(asDate(value));
/** 4 December 2026, as the PDF report writes dates */
export const formatDayMonthYear = (value: DateInput) => dayMonthYearFormat.format(asDate(value));
/** Dec 2026 */
export const formatMonthYear = (value: DateInput) => monthYearFormat.format(asDate(value));
