import type { StepCadence } from "@/lib/contracts/playbooks";
import { addDays, type Day } from "@/server/lib/time";

/** A once step without a checklist due day is due this many days after the start. */
export const ONCE_STEP_DEFAULT_DAYS = 14;

/**
 * The due day of the n-th occurrence (1-based) of a step: the one rule shared by applying a
 * playbook (occurrence 1) and the recurrence job (the next ones), so both agree on the calendar.
 * Daily steps are due on their day; weekly ones at the end of their week; monthly ones at the end of
 * their 30-day period (a fixed length keeps the rule the same in every month).
 */
export function occurrenceDueDay(cadence: StepCadence, startDay: Day, occurrence: number, checklistDueDay: Day | null): Day {
  switch (cadence) {
    case "once":
      return checklistDueDay ?? addDays(startDay, ONCE_STEP_DEFAULT_DAYS);
    case "daily":
      return addDays(startDay, occurrence - 1);
    case "weekly":
      return addDays(startDay, 7 * occurrence - 1);
    case "monthly":
      return addDays(startDay, 30 * occurrence - 1);
  }
}

/** The day the n-th occurrence becomes due to exist (its period starts): the recurrence job creates it then, not before. */
export function occurrenceOpensDay(cadence: StepCadence, startDay: Day, occurrence: number): Day {
  switch (cadence) {
    case "once":
      return startDay;
    case "daily":
      return addDays(startDay, occurrence - 1);
    case "weekly":
      return addDays(startDay, 7 * (occurrence - 1));
    case "monthly":
      return addDays(startDay, 30 * (occurrence - 1));
  }
}
