import { isoDay } from "./format.ts";
const DAY_MS = 86_400_000;

/** The calendar date `days` days after an ISO date (YYYY-MM-DD), counted in UTC. */
export function addDays(isoDate: string, days: number): string {
  return isoDay(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS);
}

/** The first Monday after the given moment's UTC date (a week on when that date is a Monday). */
export function nextMonday(now: Date): string {
  const date = new Date(now.getTime());
  date.setUTCDate(date.getUTCDate() + ((8 - date.getUTCDay()) % 7 || 7));
  return isoDay(date);
}

/** Days since 1970-01-01 of an ISO date, for distances between dates. */
export const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
