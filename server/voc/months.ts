import { SHANGHAI_OFFSET_MS } from "@/server/lib/time";

/** A calendar month in Asia/Shanghai, written YYYY-MM. */
export type Month = string;

export function shanghaiMonthOf(instant: Date): Month {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** The instant a Shanghai month begins. */
export function monthStart(month: Month): Date {
  const [year, monthNumber] = month.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1, 1) - SHANGHAI_OFFSET_MS);
}

export function addMonths(month: Month, n: number): Month {
  const [year, monthNumber] = month.split("-").map(Number);
  const index = (year ?? 1970) * 12 + (monthNumber ?? 1) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The `count` months that end with `last`, oldest first. */
export function monthsEndingWith(last: Month, count: number): Month[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}
