import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checklists } from "@/db/schema";
import type { ScoreExplanation } from "@/lib/contracts/explanation";
import { renderStored, type Message } from "@/lib/contracts/message";
import type { PlaybookDefinition } from "@/lib/contracts/playbooks";
import { withTenant } from "@/server/db/tenant";
import { translate } from "@/server/lib/i18n";
import { systemScope } from "@/server/lib/scope";
import { findBuiltinPlaybook } from "@/server/playbooks/builtins";
import { suggestPlaybooks } from "@/server/playbooks/suggest";
import { firedTriggers } from "@/server/playbooks/triggers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { organisationWithSpreadShops, SCORED_DAY } from "./helpers";

let t: TestDatabase;
let org: Awaited<ReturnType<typeof organisationWithSpreadShops>>;

beforeAll(async () => {
  t = await openTestDatabase();
  org = await organisationWithSpreadShops(t.handle, "suggest");
}, 600_000);
afterAll(async () => {
  await t?.close();
});

async function explanationOf(id: string): Promise<ScoreExplanation> {
  const score = await org.caller.scores.shop({ id, day: SCORED_DAY });
  const explanation = score.latest?.explanation;
  if (!explanation) throw new Error("no stored explanation");
  return explanation;
}

const indicatorOf = (e: ScoreExplanation, code: string) => e.dimensions.flatMap((d) => d.indicators).find((i) => i.code === code);

/** The parameters of a message and of the messages inside it, flattened by name. */
function paramsOf(m: Message, into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [name, value] of Object.entries(m.params ?? {})) {
    if (typeof value === "object") paramsOf(value, into);
    else into[`${m.key}.${name}`] = value;
  }
  return into;
}

const definitionWith = (triggers: PlaybookDefinition["triggers"]): PlaybookDefinition => {
  const base = findBuiltinPlaybook("logistics.carrier-record");
  if (!base) throw new Error("missing built-in");
  return { ...base, triggers };
};

describe("trigger evaluation on stored explanations", () => {
  it("fires a value bound just past the stored value and not one just short of it, in both directions", async () => {
    const e = await explanationOf(org.poor.id);
    const value = indicatorOf(e, "avg_delivery_hours")?.value;
    expect(typeof value).toBe("number");
    const v = value ?? 0;
    expect(firedTriggers(definitionWith([{ type: "indicator_value", indicator: "avg_delivery_hours", op: ">", value: v - 0.01 }]), e, null)).toHaveLength(1);
    expect(firedTriggers(definitionWith([{ type: "indicator_value", indicator: "avg_delivery_hours", op: ">", value: v + 0.01 }]), e, null)).toHaveLength(0);
    expect(firedTriggers(definitionWith([{ type: "indicator_value", indicator: "avg_delivery_hours", op: "<=", value: v }]), e, null)).toHaveLength(1);
  });

  it("compares percentiles and shown scores as the explanation stores them", async () => {
    const e = await explanationOf(org.poor.id);
    const p = indicatorOf(e, "avg_delivery_hours")?.percentile ?? 1;
    const fired = firedTriggers(definitionWith([{ type: "indicator_percentile_below", indicator: "avg_delivery_hours", below: p + 0.001 }]), e, null);
    expect(fired).toHaveLength(1);
    expect(fired[0]?.strength).toBeCloseTo(0.001 / (p + 0.001), 9);
    expect(firedTriggers(definitionWith([{ type: "indicator_percentile_below", indicator: "avg_delivery_hours", below: p }]), e, null)).toHaveLength(0);
    const logistics = e.dimensions.find((d) => d.code === "logistics")?.scoreShown ?? 0;
    expect(firedTriggers(definitionWith([{ type: "score_below", target: "logistics", below: logistics }]), e, null)).toHaveLength(0);
    expect(firedTriggers(definitionWith([{ type: "score_below", target: "logistics", below: logistics + 0.01 }]), e, null)).toHaveLength(1);
    // An indicator the rule set does not have (v1 has no pickup rate) never fires.
    expect(firedTriggers(definitionWith([{ type: "indicator_value", indicator: "pickup_24h_rate", op: "<", value: 2 }]), e, null)).toHaveLength(0);
  });
});

describe("suggestions", () => {
  it("suggests logistics playbooks for the poor shop, strongest reason first, with the percentile, value and own-cohort median of the explanation", async () => {
    const result = await withTenant(t.handle, { orgId: org.orgId }, (tx) => suggestPlaybooks(tx, systemScope(org.orgId), { kind: "shop", id: org.poor.id, day: SCORED_DAY }));
    expect(result.day).toBe(SCORED_DAY);
    const codes = result.suggestions.map((s) => s.playbook);
    expect(codes).toContain("logistics.carrier-record");
    const strengths = result.suggestions.map((s) => s.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    // Creator playbooks are not for shops.
    expect(codes.some((c) => c.startsWith("creator."))).toBe(false);

    const e = await explanationOf(org.poor.id);
    const delivery = indicatorOf(e, "avg_delivery_hours");
    const carrier = result.suggestions.find((s) => s.playbook === "logistics.carrier-record");
    const params = paramsOf(carrier?.reason ?? { key: "none" });
    expect(params["playbooks.reasons.percentile.percent"]).toBe(Math.round((delivery?.percentile ?? -1) * 100));
    expect(params["playbooks.reasons.named.zh"]).toBeDefined();
    // The median of the cohort the percentile was measured against: this organisation's eligible shops (all categories: fewer than 20).
    expect(delivery?.cohort?.scope).toBe("own");
    const values: number[] = [];
    for (const shop of org.shops) {
      const v = indicatorOf(await explanationOf(shop.id), "avg_delivery_hours")?.value;
      if (typeof v === "number") values.push(v);
    }
    values.sort((a, b) => a - b);
    const mid = values.length / 2;
    const median = values.length % 2 ? (values[Math.floor(mid)] ?? 0) : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
    const shownMedian = Math.round(median * 10) / 10;
    expect(carrier?.reason.key).toBe("playbooks.reasons.pair");
    const rendered = translate("en", carrier?.reason ?? { key: "none" });
    expect(rendered).toContain(`vs peer median ${shownMedian} h`);
    expect(rendered).toContain("物流体验 (Logistics) · 平均物流到货时长");
    expect(translate("zh-CN", carrier?.reason ?? { key: "none" })).toContain(`同行中位数 ${shownMedian} 小时`);
  });

  it("suggests fewer playbooks for the best shop than for the poor one", async () => {
    const scope = systemScope(org.orgId);
    const [poor, best] = await withTenant(t.handle, { orgId: org.orgId }, async (tx) => [
      await suggestPlaybooks(tx, scope, { kind: "shop", id: org.poor.id, day: SCORED_DAY }),
      await suggestPlaybooks(tx, scope, { kind: "shop", id: org.best.id, day: SCORED_DAY }),
    ]);
    expect(best.suggestions.length).toBeLessThan(poor.suggestions.length);
  });

  it("returns nothing for a day without a stored score", async () => {
    const result = await org.caller.playbooks.suggest({ kind: "shop", id: org.poor.id, day: "2026-01-01" });
    expect(result).toEqual({ day: null, suggestions: [], running: [] });
  });

  it("lists a playbook already running on the entity as running, not as a suggestion, and suggests it again once the checklist closes", async () => {
    const before = await org.caller.playbooks.suggest({ kind: "shop", id: org.poor.id, day: SCORED_DAY });
    const first = before.suggestions[0];
    expect(first).toBeDefined();
    const applied = await org.caller.playbooks.applyToEntity({ kind: "shop", id: org.poor.id, playbook: first?.playbook ?? "", day: SCORED_DAY, fromSuggestion: true });
    const after = await org.caller.playbooks.suggest({ kind: "shop", id: org.poor.id, day: SCORED_DAY });
    expect(after.suggestions.map((s) => s.playbook)).not.toContain(first?.playbook);
    expect(after.running).toContainEqual(expect.objectContaining({ playbook: first?.playbook, checklistId: applied.checklistId, startDay: SCORED_DAY }));
    expect(renderStored(after.running[0]?.reason ?? "", (k) => k)).not.toBe("");

    await withTenant(t.handle, { orgId: org.orgId }, (tx) =>
      tx.update(checklists).set({ status: "done" }).where(and(eq(checklists.orgId, org.orgId), eq(checklists.id, applied.checklistId))),
    );
    const closed = await org.caller.playbooks.suggest({ kind: "shop", id: org.poor.id, day: SCORED_DAY });
    expect(closed.suggestions.map((s) => s.playbook)).toContain(first?.playbook);
    expect(closed.running).toEqual([]);
  });

  it("stores the suggestion's reason with a checklist applied from it, and none with one applied by hand", async () => {
    const suggested = await org.caller.playbooks.suggest({ kind: "shop", id: org.poor.id, day: SCORED_DAY });
    const [a, b] = suggested.suggestions;
    const fromSuggestion = await org.caller.playbooks.applyToEntity({ kind: "shop", id: org.poor.id, playbook: a?.playbook ?? "", day: SCORED_DAY, fromSuggestion: true });
    const byHand = await org.caller.playbooks.applyToEntity({ kind: "shop", id: org.poor.id, playbook: b?.playbook ?? "", day: SCORED_DAY });
    const rows = await withTenant(t.handle, { orgId: org.orgId }, (tx) => tx.select().from(checklists).where(eq(checklists.orgId, org.orgId)));
    expect(rows.find((r) => r.id === fromSuggestion.checklistId)?.reason).toEqual(a?.reason);
    expect(rows.find((r) => r.id === byHand.checklistId)?.reason).toBeNull();
  });
});
