import type { Command } from "commander";
import type { DbHandle } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { listCategories } from "@/server/catalog/service";
import { withTenant } from "@/server/db/tenant";
import { daysBetween, isDay, todayInShanghai } from "@/server/lib/time";
import { systemScope } from "@/server/lib/scope";
import { resolveOrgRef } from "@/server/orgs/service";
import { findPointsRuleSet, findRuleSet } from "@/server/scoring/rule-sets";
import type { PointsRuleSet } from "@/server/scoring/rule-sets/points-schema";
import { toCurrentScoreJson } from "@/server/scoring/current/score-json";
import { scoreShopsOverDays, scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { listCurrentShops } from "@/server/scoring/current/store/current-values";
import { recomputeHistory } from "@/server/scoring/history";
import { rescoreEverythingStale } from "@/server/scoring/rescore";
import { toScoreJson } from "@/server/scoring/score-json";
import { scoreOrganisationDay } from "@/server/scoring/service";
import { findEntityByRef } from "@/server/entities/queries";
import { CliUsageError, emit, withDatabase } from "../context";

type ScoreOptions = { org?: string; shop?: string; creator?: string; all?: boolean; date?: string; ruleSet?: string; from?: string; to?: string };

async function categoryNamer(handle: DbHandle) {
  const rows = await withTenant(handle, { orgId: null }, (tx) => listCategories(tx));
  const byCode = new Map(rows.map((c) => [c.code, c.nameZh]));
  return (code: string) => byCode.get(code) ?? code;
}

async function scoreCommand(opts: ScoreOptions) {
  if (!opts.org) throw new CliUsageError("--org is required");
  const date = opts.date ?? todayInShanghai();
  if (!isDay(date)) throw new CliUsageError(`--date must be YYYY-MM-DD, got ${date}`);
  const chosen = [opts.shop, opts.creator, opts.all].filter(Boolean).length;
  if (chosen !== 1) throw new CliUsageError("name exactly one of --shop, --creator or --all");
  const pointsRuleSet = opts.ruleSet ? findPointsRuleSet(opts.ruleSet) : undefined;
  if (pointsRuleSet) return scoreUnderCurrentRules(opts, date, pointsRuleSet);
  const forcedKind = opts.ruleSet ? findRuleSet(opts.ruleSet)?.entityKind : undefined;
  if (opts.ruleSet && !forcedKind) throw new CliUsageError(`unknown rule set ${opts.ruleSet}`);

  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    const name = await categoryNamer(handle);
    // Normally nothing is owed (imports rescore); this catches up after a queue that was down.
    await rescoreEverythingStale(handle);
    const run = async (kind: EntityKind, entityIds?: string[]) => {
      const ruleSetName = forcedKind === kind ? opts.ruleSet : undefined;
      if (opts.ruleSet && forcedKind !== kind && !opts.all) throw new CliUsageError(`rule set ${opts.ruleSet} is for ${forcedKind}s`);
      const records = await scoreOrganisationDay(handle, { orgId, kind, day: date, ruleSetName, entityIds });
      for (const r of records.sort((a, b) => a.entity.name.localeCompare(b.entity.name))) {
        emit(toScoreJson({ kind, id: r.entity.id, externalId: r.entity.externalId, name: r.entity.name, category: name(r.entity.categoryCode) }, r.explanation, name));
      }
      // Shops whose own rule set is a current one print in that rule set's form (no --rule-set given).
      if (kind === "shop" && !ruleSetName) await printCurrentRuleShops(handle, orgId, date, name, entityIds);
    };
    const named = opts.shop ? { kind: "shop" as const, ref: opts.shop } : opts.creator ? { kind: "creator" as const, ref: opts.creator } : null;
    if (named) {
      const entity = await withTenant(handle, { orgId }, (tx) => findEntityByRef(tx, systemScope(orgId), named.kind, named.ref));
      await run(named.kind, [entity.id]);
    } else {
      // With --rule-set, only the entities whose kind the rule set fits; otherwise both kinds.
      for (const kind of ["shop", "creator"] as const) if (!forcedKind || forcedKind === kind) await run(kind);
    }
  });
}

/** The organisation's shops (or `shopIds`) configured with a 100-point or SPS rule set, each scored under its own. */
async function printCurrentRuleShops(handle: DbHandle, orgId: string, date: string, name: (code: string) => string, shopIds?: readonly string[]) {
  const shops = await withTenant(handle, { orgId }, (tx) => listCurrentShops(tx, orgId, shopIds));
  for (const ruleSetName of new Set(shops.map((s) => s.ruleSet))) {
    const ruleSet = findPointsRuleSet(ruleSetName);
    if (!ruleSet) continue;
    const ids = shops.filter((s) => s.ruleSet === ruleSetName).map((s) => s.id);
    const scored = await scoreShopsUnderCurrentRules(handle, { orgId, ruleSetName, day: date, shopIds: ids });
    for (const { shop, score } of scored.sort((a, b) => a.shop.name.localeCompare(b.shop.name))) {
      emit(toCurrentScoreJson({ kind: "shop", id: shop.id, externalId: shop.externalId, name: shop.name, category: name(shop.categoryCode) }, ruleSet, score));
    }
  }
}

/** `--rule-set` naming a 100-point or SPS rule set: shops only, scored on the current rules' engine. */
async function scoreUnderCurrentRules(opts: ScoreOptions, date: string, ruleSet: PointsRuleSet) {
  if (opts.creator) throw new CliUsageError(`rule set ${ruleSet.name} is for shops`);
  // --from/--to: a shop's history recomputed under this rule set, day by day, to compare with its own (nothing is stored).
  const first = opts.from ?? date;
  const last = opts.to ?? (opts.from ? date : first);
  for (const d of [first, last]) if (!isDay(d)) throw new CliUsageError(`dates must be YYYY-MM-DD, got ${d}`);
  if (first > last) throw new CliUsageError("--from must not be after --to");
  if (daysBetween(first, last) >= 366) throw new CliUsageError("at most 366 days at a time");
  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    const name = await categoryNamer(handle);
    await rescoreEverythingStale(handle);
    const shopIds = opts.shop ? [(await withTenant(handle, { orgId }, (tx) => findEntityByRef(tx, systemScope(orgId), "shop", opts.shop ?? ""))).id] : undefined;
    // Scored newest day first from one read of the facts; printed oldest first.
    const printed: object[][] = [];
    await scoreShopsOverDays(handle, { orgId, ruleSetName: ruleSet.name, from: first, to: last, shopIds }, async (_day, scored) => {
      const sorted = scored.sort((a, b) => a.shop.name.localeCompare(b.shop.name));
      printed.push(sorted.map(({ shop, score }) => toCurrentScoreJson({ kind: "shop", id: shop.id, externalId: shop.externalId, name: shop.name, category: name(shop.categoryCode) }, ruleSet, score)));
    });
    for (const day of printed.reverse()) for (const line of day) emit(line);
  });
}

export function registerScoreCommands(program: Command) {
  const score = program
    .command("score")
    .description("score shops and creator accounts (prints one JSON object per entity)")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "shop id or external id")
    .option("--creator <creator>", "creator account id or author id (达人ID)")
    .option("--all", "every shop and creator account of the organisation")
    .option("--date <day>", "score as of this day (YYYY-MM-DD, Asia/Shanghai); default today")
    .option("--from <day>", "with a 100-point or SPS --rule-set: every day from this one (to --to, or --date / today)")
    .option("--to <day>")
    .option("--rule-set <name>", "score under this rule set instead of each entity's own (douyin-shop-v1, douyin-shop-v1.1, douyin-creator-v1, douyin-shop-2026-07, douyin-shop-2026-09, tiktok-shop-sps)")
    .action(scoreCommand);
  score
    .command("recompute")
    .description("rebuild roll-ups and daily score snapshots over a range of days")
    .option("--org <org>", "only this organisation (default: all)")
    .option("--from <day>")
    .option("--to <day>")
    .action(async (opts: { org?: string; from?: string; to?: string }) => {
      for (const d of [opts.from, opts.to]) if (d && !isDay(d)) throw new CliUsageError(`dates must be YYYY-MM-DD, got ${d}`);
      const result = await withDatabase(async (handle) => {
        const orgId = opts.org ? (await resolveOrgRef(handle, opts.org)).orgId : undefined;
        return recomputeHistory(handle, { orgId, from: opts.from, to: opts.to });
      });
      emit(result);
    });
}
