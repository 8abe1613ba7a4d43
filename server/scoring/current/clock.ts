import { DAY_MS, SHANGHAI_OFFSET_MS } from "@/server/lib/time";

const HOUR_MS = 3_600_000;

/** Milliseconds since 00:00 Shanghai of the instant's own day. */
function msIntoShanghaiDay(instant: number): number {
  return (((instant + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/**
 * A clock that stops overnight: an event at or after `fromHour`:00 or before `toHour`:00
 * (Shanghai) starts the clock at the next `toHour`:00; any other moment starts it at once.
 * Pickup uses 18 → 06, after-sale review 23 → 08 (scoring-current-rules.md, Koubei's reading).
 */
export function overnightClockStart(instant: number, clock: { fromHour: number; toHour: number }): number {
  const into = msIntoShanghaiDay(instant);
  const from = clock.fromHour * HOUR_MS;
  const to = clock.toHour * HOUR_MS;
  const midnight = instant - into;
  if (into < to) return midnight + to;
  if (into >= from) return midnight + DAY_MS + to;
  return instant;
}

/** The Shanghai hour (0–23) of an instant. */
export function shanghaiHour(instant: number): number {
  return Math.floor(msIntoShanghaiDay(instant) / HOUR_MS);
}

export const hoursBetween = (from: number, to: number): number => (to - from) / HOUR_MS;
