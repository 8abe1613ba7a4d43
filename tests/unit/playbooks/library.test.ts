import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { playbookDefinitionSchema } from "@/lib/contracts/playbooks";
import { BUILTIN_PLAYBOOKS } from "@/server/playbooks/builtins";
import { RULE_SET_NAMES, getRuleSet } from "@/server/scoring/rule-sets";
import { INDICATOR_ORDER } from "@/server/scoring/indicators";

const LIBRARY = path.resolve(import.meta.dirname, "../../../server/playbooks/library");
const files = fs.readdirSync(LIBRARY).filter((f) => f.endsWith(".json")).sort();

describe("built-in playbook library", () => {
  it.each(files)("%s is a valid playbook definition named after its code", (file) => {
    const parsed = playbookDefinitionSchema.safeParse(JSON.parse(fs.readFileSync(path.join(LIBRARY, file), "utf8")));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(`${parsed.data?.code}.json`).toBe(file);
  });

  it("loads every file in the library folder, once", () => {
    expect(BUILTIN_PLAYBOOKS.map((p) => `${p.code}.json`).sort()).toEqual(files);
    expect(new Set(BUILTIN_PLAYBOOKS.map((p) => p.code)).size).toBe(BUILTIN_PLAYBOOKS.length);
  });

  it("covers every indicator of every rule set with a playbook meant for that rule set's kind of entity", () => {
    const uncovered: string[] = [];
    for (const name of RULE_SET_NAMES) {
      const ruleSet = getRuleSet(name);
      for (const indicator of ruleSet.dimensions.flatMap((d) => d.indicators.map((i) => i.code))) {
        const covering = BUILTIN_PLAYBOOKS.filter(
          (p) =>
            p.entityKinds.includes(ruleSet.entityKind) &&
            (p.ruleSets.length === 0 || p.ruleSets.includes(name)) &&
            p.indicators.includes(indicator) &&
            // Covered means it can also be suggested for that indicator, not only applied by hand.
            p.triggers.some((t) => "indicator" in t && t.indicator === indicator),
        );
        if (covering.length === 0) uncovered.push(`${name}:${indicator}`);
      }
    }
    expect(uncovered).toEqual([]);
  });

  it("names only the engine's indicators, step keys once per playbook, and writes both languages", () => {
    for (const p of BUILTIN_PLAYBOOKS) {
      const named = [...p.indicators, ...p.triggers.flatMap((t) => ("indicator" in t ? [t.indicator] : []))];
      for (const code of named) expect(INDICATOR_ORDER as readonly string[], `${p.code} names ${code}`).toContain(code);
      expect(new Set(p.steps.map((s) => s.key)).size, p.code).toBe(p.steps.length);
      for (const s of p.steps) {
        expect(s.textZh, `${p.code}/${s.key}`).toMatch(/[\u4e00-\u9fff]/);
        expect(s.textEn, `${p.code}/${s.key}`).toMatch(/^[\x20-\x7e–—×≥≤¥’★]+$/);
      }
    }
  });

  it("sets the bounds operators use: quality returns over 5%, 24-hour pickup under 95%, percentile under 0.2, forecast under 4.6 within 7 days", () => {
    const triggers = BUILTIN_PLAYBOOKS.flatMap((p) => p.triggers);
    expect(triggers).toContainEqual({ type: "indicator_value", indicator: "quality_return_rate", op: ">", value: 0.05 });
    expect(triggers).toContainEqual({ type: "indicator_value", indicator: "pickup_24h_rate", op: "<", value: 0.95 });
    expect(triggers).toContainEqual({ type: "indicator_percentile_below", indicator: "avg_delivery_hours", below: 0.2 });
    expect(triggers).toContainEqual({ type: "forecast_below", target: "overall", threshold: 4.6, withinDays: 7 });
    expect(triggers).toContainEqual({ type: "score_below", target: "logistics", below: 4.6 });
  });
});
