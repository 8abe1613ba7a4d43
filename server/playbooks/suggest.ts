import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklists, entityForecasts } from "@/db/schema";
import type { ScoreExplanation } from "@/lib/contracts/explanation";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Message } from "@/lib/contracts/message";
import { entityForecastSchema, type EntityForecast } from "@/lib/contracts/outlook";
import type { PlaybookEntry, PlaybookSuggestion, PlaybookSuggestions, RunningPlaybook, SuggestPlaybooksInput } from "@/lib/contracts/playbook-library";
import { listCategories } from "@/server/catalog/service";
import { getEntity } from "@/server/entities/queries";
import type { OrgScope } from "@/server/lib/scope";
import type { Day } from "@/server/lib/time";
import { latestSnapshot } from "@/server/scoring/store/snapshots";
import { activePlaybooks } from "./library";
import { ownCohortMedian } from "./peer-median";
import { reasonMessage, type CategoryNames } from "./reasons";
import { byStrength, firedTriggers, playbookFits, type FiredTrigger } from "./triggers";

type ScoredEntity = { kind: EntityKind; id: string; ruleSet: string };

/** What the triggers are evaluated on: the stored explanation of the day and the forecast made that day. */
export type TriggerInputs = { entity: ScoredEntity; explanation: ScoreExplanation; forecast: EntityForecast | null; categories: CategoryNames };

/** The stored full explanation of the entity for `day` (the latest when omitted), or null when none is stored. */
export async function triggerInputs(tx: Tx, scope: OrgScope, kind: EntityKind, id: string, day?: Day): Promise<TriggerInputs | null> {
  const entity = await getEntity(tx, scope, kind, id);
  const snapshot = await latestSnapshot(tx, scope.orgId, kind, entity.id, entity.ruleSet, day);
  if (!snapshot || (day && snapshot.day !== day)) return null;
  const [stored] = await tx
    .select()
    .from(entityForecasts)
    .where(and(eq(entityForecasts.orgId, scope.orgId), eq(entityForecasts.entityKind, kind), eq(entityForecasts.entityId, entity.id)));
  const forecast = stored && stored.ruleSet === entity.ruleSet ? entityForecastSchema.parse(stored) : null;
  const categories = new Map((await listCategories(tx)).map((c) => [c.code, { nameZh: c.nameZh, nameEn: c.nameEn }]));
  return { entity: { kind, id: entity.id, ruleSet: entity.ruleSet }, explanation: snapshot.explanation, forecast, categories };
}

/** The strongest firing trigger of a playbook on these inputs with its reason, or null when none fires. */
export async function evaluatePlaybook(tx: Tx, scope: OrgScope, inputs: TriggerInputs, entry: PlaybookEntry): Promise<{ fired: FiredTrigger; reason: Message } | null> {
  if (!playbookFits(entry.definition, inputs.entity.kind, inputs.entity.ruleSet)) return null;
  const [fired] = firedTriggers(entry.definition, inputs.explanation, inputs.forecast);
  if (!fired) return null;
  const { explanation } = inputs;
  const median = fired.indicator
    ? await ownCohortMedian(
        tx,
        { orgId: scope.orgId, kind: inputs.entity.kind, ruleSet: inputs.entity.ruleSet, day: explanation.day, minValidOrders: explanation.ruleSet.minValidOrders },
        fired.indicator,
      )
    : null;
  return { fired, reason: reasonMessage(fired, inputs.categories, median) };
}

async function openChecklists(tx: Tx, orgId: string, entity: ScoredEntity) {
  return tx
    .select({ id: checklists.id, playbookCode: checklists.playbookCode, startDay: checklists.startDay })
    .from(checklists)
    .where(and(eq(checklists.orgId, orgId), eq(checklists.entityKind, entity.kind), eq(checklists.entityId, entity.id), eq(checklists.status, "open")));
}

/**
 * The playbooks whose triggers fire on the entity's score for the day (the latest stored score when
 * no day is given), strongest reason first (see triggers.ts for strength). A playbook already
 * running as an open checklist on the entity (itself or the built-in it copies) is not suggested
 * again: it is listed under `running`.
 */
export async function suggestPlaybooks(tx: Tx, scope: OrgScope, input: SuggestPlaybooksInput): Promise<PlaybookSuggestions> {
  const inputs = await triggerInputs(tx, scope, input.kind, input.id, input.day);
  if (!inputs) return { day: null, suggestions: [], running: [] };
  const open = await openChecklists(tx, scope.orgId, inputs.entity);
  const scored: (PlaybookSuggestion & { fired: FiredTrigger })[] = [];
  const running: RunningPlaybook[] = [];
  for (const entry of await activePlaybooks(tx, scope.orgId)) {
    const result = await evaluatePlaybook(tx, scope, inputs, entry);
    if (!result) continue;
    const d = entry.definition;
    const checklist = open.find((c) => c.playbookCode === entry.code || c.playbookCode === entry.basedOnCode);
    if (checklist) {
      running.push({ playbook: entry.code, titleZh: d.titleZh, titleEn: d.titleEn, checklistId: checklist.id, startDay: checklist.startDay, reason: result.reason });
      continue;
    }
    scored.push({
      playbook: entry.code,
      version: entry.version,
      source: entry.source,
      titleZh: d.titleZh,
      titleEn: d.titleEn,
      dimension: d.dimension,
      indicators: d.indicators,
      reason: result.reason,
      strength: result.fired.strength,
      fired: result.fired,
    });
  }
  scored.sort((a, b) => byStrength(a.fired, b.fired) || a.playbook.localeCompare(b.playbook));
  return { day: inputs.explanation.day, suggestions: scored.map(({ fired: _fired, ...suggestion }) => suggestion), running };
}
