/**
 * Calendar days are Asia/Shanghai (UTC+8, no daylight saving) whatever the server's zone.
 * A day is an ISO string "YYYY-MM-DD"; arithmetic on days goes through UTC midnight.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 86_400_000;

export type Day = string;

export function shanghaiDayOf(instant: Date): Day {
  return dayOfNumber(Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** 00:00 Shanghai of a day, as an instant. */
export function shanghaiMidnight(day: Day): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export function addDays(day: Day, n: number): Day {
  return dayOfNumber(dayNumber(day) + n);
}

/** Day numbers already parsed: scoring converts the same few hundred days for every entity. */
const dayNumbers = new Map<string, number>();

/** Whole days since 1970-01-01: day arithmetic on numbers, for hot loops. */
export function dayNumber(day: Day): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
    // Invalid text stays uncached (NaN), and the map stays small whatever a caller passes.
    if (Number.isFinite(n) && dayNumbers.size < 100_000) dayNumbers.set(day, n);
  }
  return n;
}

/** Days already formatted: roll-ups and windows turn millions of facts into a few hundred days. */
const dayTexts = new Map<number, Day>();

/** The day of a day number (the inverse of dayNumber); an invalid number throws a RangeError, as Date does. */
export function dayOfNumber(n: number): Day {
  let day = dayTexts.get(n);
  if (day === undefined) {
    day = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (dayTexts.size < 100_000) dayTexts.set(n, day);
  }
  return day;
}

export function daysBetween(from: Day, to: Day): number {
  return dayNumber(to) - dayNumber(from);
}

export function todayInShanghai(now: Date = new Date()): Day {
  return shanghaiDayOf(now);
}

/** Parses "YYYY-MM-DD HH:MM[:SS]" wall-clock Shanghai time into an instant. */
export function parseShanghaiWallClock(text: string): Date | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  // Date.UTC would carry 10:75 over to 11:15.
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const date = new Date(utc - SHANGHAI_OFFSET_MS);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) {
    return null;
  }
  return date;
}

export { isDay } from "@/lib/contracts/common";
