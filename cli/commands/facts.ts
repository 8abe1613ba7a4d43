import type { Command } from "commander";
import { withTenant } from "@/server/db/tenant";
import { findEntityByRef } from "@/server/entities/queries";
import { indicatorFacts } from "@/server/insight/indicator-facts";
import { isDay, todayInShanghai } from "@/server/lib/time";
import { systemScope } from "@/server/lib/scope";
import { resolveOrgRef } from "@/server/orgs/service";
import { rescoreEverythingStale } from "@/server/scoring/rescore";
import { CliUsageError, emit, withDatabase } from "../context";

type FactsOptions = { org?: string; shop?: string; creator?: string; indicator?: string; date?: string };

/**
 * `koubei facts` (a contract used by acceptance checks): one JSON object per fact behind the
 * indicator on the day, {ref, day, leavesWindowOn, weight, numerator, denominator}, whose sums are
 * the indicator's numerator and denominator in `koubei score` for the same entity and day.
 */
async function factsCommand(opts: FactsOptions) {
  if (!opts.org) throw new CliUsageError("--org is required");
  if (!opts.indicator) throw new CliUsageError("--indicator is required");
  const date = opts.date ?? todayInShanghai();
  if (!isDay(date)) throw new CliUsageError(`--date must be YYYY-MM-DD, got ${date}`);
  if ([opts.shop, opts.creator].filter(Boolean).length !== 1) throw new CliUsageError("name exactly one of --shop or --creator");
  const named = opts.shop ? { kind: "shop" as const, ref: opts.shop } : { kind: "creator" as const, ref: opts.creator ?? "" };

  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    // As `koubei score` does: roll-ups left stale by a queue that was down are brought up to date first.
    await rescoreEverythingStale(handle);
    const result = await withTenant(handle, { orgId }, async (tx) => {
      const scope = systemScope(orgId);
      const entity = await findEntityByRef(tx, scope, named.kind, named.ref);
      return indicatorFacts(tx, scope, { kind: named.kind, id: entity.id, indicator: opts.indicator ?? "", day: date });
    });
    result.lines.forEach((line, index) => {
      emit({
        ref: result.rows[index]?.ref,
        day: line.day,
        leavesWindowOn: line.leavesWindowOn,
        weight: line.weight,
        numerator: line.numerator,
        denominator: line.denominator,
      });
    });
  });
}

export function registerFactsCommands(program: Command) {
  program
    .command("facts")
    .description("the facts behind one indicator of a shop or creator account (prints one JSON object per fact)")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "shop id or external id")
    .option("--creator <creator>", "creator account id or author id (达人ID)")
    .option("--indicator <code>", "indicator code, e.g. good_review_rate")
    .option("--date <day>", "as of this day (YYYY-MM-DD, Asia/Shanghai); default today")
    .action(factsCommand);
}
