import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { todayInShanghai, type Day } from "@/server/lib/time";
import { allOrganisationIds } from "@/server/scoring/refresh";
import { recordDueCheckpoints } from "./effects";
import { createDueOccurrences } from "./recurrence";

export type ChecklistsDailyOutcome = { organisations: number; occurrences: number; checkpoints: number };

/** One organisation's daily checklist work: the occurrences whose period opened, then the effect checkpoints that came due. */
export async function runChecklistsDailyFor(handle: DbHandle, orgId: string, today: Day): Promise<Omit<ChecklistsDailyOutcome, "organisations">> {
  const occurrences = await withTenant(handle, { orgId }, (tx) => createDueOccurrences(tx, orgId, today));
  const checkpoints = await recordDueCheckpoints(handle, orgId, today);
  return { occurrences, checkpoints };
}

/** The daily job's body, for every organisation; safe to run any number of times a day. */
export async function runChecklistsDaily(handle: DbHandle, today: Day = todayInShanghai()): Promise<ChecklistsDailyOutcome> {
  const outcome: ChecklistsDailyOutcome = { organisations: 0, occurrences: 0, checkpoints: 0 };
  for (const orgId of await allOrganisationIds(handle)) {
    const one = await runChecklistsDailyFor(handle, orgId, today);
    outcome.organisations++;
    outcome.occurrences += one.occurrences;
    outcome.checkpoints += one.checkpoints;
  }
  return outcome;
}
