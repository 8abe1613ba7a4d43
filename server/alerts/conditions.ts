import type { Tx } from "@/db/client";
import { compareAlertValue, type AlertCondition } from "@/lib/contracts/alerts";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { addDays, daysBetween, type Day } from "@/server/lib/time";
import { activeEntities, lastFactDays, latestImportFailed, latestSyncFailed, readForecasts, readScores, type AlertEntity, type ScoreReading } from "./readings";

/** Whether a rule holds for an entity on the day (null: cannot be told, e.g. no score stored; the state stays as it was). */
export type Verdict = { matched: boolean | null; value: number | null; displayDecimals: number | null; params: Record<string, string | number> };

const unknown: Verdict = { matched: null, value: null, displayDecimals: null, params: {} };

function metricOf(reading: ScoreReading | undefined, metric: string): number | null {
  if (!reading) return null;
  return metric === "overall" ? reading.overall : (reading.dimensions[metric] ?? null);
}

/**
 * The readings of one kind for one day, loaded once for every rule that needs them: scores of
 * the day (and of earlier days for drops), forecasts, import and sync outcomes, last fact days.
 */
export class KindReadings {
  private scores = new Map<Day, Promise<Map<string, ScoreReading>>>();
  private forecasts: ReturnType<typeof readForecasts> | null = null;
  private imports: ReturnType<typeof latestImportFailed> | null = null;
  private syncs: ReturnType<typeof latestSyncFailed> | null = null;
  private facts: ReturnType<typeof lastFactDays> | null = null;

  private constructor(
    private readonly tx: Tx,
    private readonly orgId: string,
    readonly kind: EntityKind,
    readonly day: Day,
    readonly entities: AlertEntity[],
  ) {}

  static async load(tx: Tx, orgId: string, kind: EntityKind, day: Day): Promise<KindReadings> {
    return new KindReadings(tx, orgId, kind, day, await activeEntities(tx, orgId, kind));
  }

  scoresOf(day: Day) {
    let found = this.scores.get(day);
    if (!found) {
      found = readScores(this.tx, this.orgId, this.kind, day, this.entities);
      this.scores.set(day, found);
    }
    return found;
  }

  /** What the condition says about every entity of this kind. */
  async verdicts(condition: AlertCondition): Promise<Map<string, Verdict>> {
    const verdicts = new Map<string, Verdict>();
    const each = async (judge: (entity: AlertEntity) => Verdict) => {
      for (const entity of this.entities) verdicts.set(entity.id, judge(entity));
      return verdicts;
    };
    switch (condition.kind) {
      case "threshold": {
        const scores = await this.scoresOf(this.day);
        return each((e) => {
          const reading = scores.get(e.id);
          const value = metricOf(reading, condition.metric);
          if (!reading || value === null) return unknown;
          return { matched: compareAlertValue(value, condition.op, condition.value), value, displayDecimals: reading.displayDecimals, params: { metric: condition.metric, op: condition.op, bound: condition.value } };
        });
      }
      case "drop": {
        const [now, before] = [await this.scoresOf(this.day), await this.scoresOf(addDays(this.day, -condition.days))];
        return each((e) => {
          const current = metricOf(now.get(e.id), condition.metric);
          const earlier = metricOf(before.get(e.id), condition.metric);
          if (current === null || earlier === null) return unknown;
          const drop = earlier - current;
          return { matched: drop > condition.by, value: drop, displayDecimals: now.get(e.id)?.displayDecimals ?? null, params: { metric: condition.metric, by: condition.by, days: condition.days, from: earlier, to: current } };
        });
      }
      case "forecast": {
        this.forecasts ??= readForecasts(this.tx, this.orgId, this.kind, this.day, this.entities);
        const forecasts = await this.forecasts;
        const scores = await this.scoresOf(this.day);
        return each((e) => {
          const days = forecasts.get(e.id);
          if (!days) return unknown;
          const hit = days.slice(0, condition.days).find((d) => {
            const value = condition.metric === "overall" ? d.overall : (d.dimensions[condition.metric] ?? null);
            return value !== null && compareAlertValue(value, condition.op, condition.value);
          });
          const value = hit ? (condition.metric === "overall" ? hit.overall : (hit.dimensions[condition.metric] ?? null)) : null;
          return {
            matched: Boolean(hit),
            value,
            displayDecimals: scores.get(e.id)?.displayDecimals ?? null,
            params: { metric: condition.metric, op: condition.op, bound: condition.value, days: condition.days, inDays: hit ? daysBetween(this.day, hit.day) : 0, on: hit?.day ?? "" },
          };
        });
      }
      case "indicator": {
        const scores = await this.scoresOf(this.day);
        return each((e) => {
          const value = scores.get(e.id)?.indicators[condition.indicator];
          if (value === undefined) return unknown;
          return { matched: compareAlertValue(value, condition.op, condition.value), value, displayDecimals: null, params: { indicator: condition.indicator, op: condition.op, bound: condition.value } };
        });
      }
      case "import_failed": {
        this.imports ??= latestImportFailed(this.tx, this.orgId, this.kind);
        const failed = await this.imports;
        return each((e) => ({ matched: failed.get(e.id) ?? false, value: null, displayDecimals: null, params: {} }));
      }
      case "sync_failed": {
        if (this.kind !== "shop") return each(() => ({ matched: false, value: null, displayDecimals: null, params: {} }));
        this.syncs ??= latestSyncFailed(this.tx, this.orgId);
        const failed = await this.syncs;
        return each((e) => ({ matched: failed.get(e.id) ?? false, value: null, displayDecimals: null, params: {} }));
      }
      case "stale": {
        this.facts ??= lastFactDays(this.tx, this.orgId, this.kind);
        const last = await this.facts;
        return each((e) => {
          const day = last.get(e.id);
          // An entity that never had facts is new, not stale.
          if (!day) return unknown;
          const age = daysBetween(day, this.day);
          return { matched: age > condition.days, value: age, displayDecimals: 0, params: { days: condition.days, age, last: day } };
        });
      }
    }
  }
}
