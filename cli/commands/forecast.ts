import type { Command } from "commander";
import { withTenant } from "@/server/db/tenant";
import { findEntityByRef } from "@/server/entities/queries";
import { FORECAST_DAYS, forecastOrganisation } from "@/server/insight/forecast";
import { isDay, todayInShanghai } from "@/server/lib/time";
import { systemScope } from "@/server/lib/scope";
import { resolveOrgRef } from "@/server/orgs/service";
import { rescoreEverythingStale } from "@/server/scoring/rescore";
import { CliUsageError, emit, withDatabase } from "../context";

type ForecastOptions = { org?: string; shop?: string; creator?: string; date?: string; days?: string };

/** The longest forecast the command computes: the windows are 90 days, and a forecast further out says little. */
const MAX_DAYS = 90;

async function forecastCommand(opts: ForecastOptions) {
  if (!opts.org) throw new CliUsageError("--org is required");
  const date = opts.date ?? todayInShanghai();
  if (!isDay(date)) throw new CliUsageError(`--date must be YYYY-MM-DD, got ${date}`);
  const days = opts.days === undefined ? FORECAST_DAYS : Number(opts.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new CliUsageError(`--days must be a whole number from 1 to ${MAX_DAYS}, got ${opts.days}`);
  if ([opts.shop, opts.creator].filter(Boolean).length !== 1) throw new CliUsageError("name exactly one of --shop or --creator");
  const named = opts.shop ? { kind: "shop" as const, ref: opts.shop } : { kind: "creator" as const, ref: opts.creator ?? "" };

  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    const entity = await withTenant(handle, { orgId }, (tx) => findEntityByRef(tx, systemScope(orgId), named.kind, named.ref));
    // As `koubei score`: a rescore still owed (a queue that was down) is caught up first.
    await rescoreEverythingStale(handle);
    const [forecast] = await forecastOrganisation(handle, { orgId, kind: named.kind, day: date, days, entityIds: [entity.id] });
    for (const day of forecast?.days ?? []) {
      emit({ date: day.day, overall: day.overall, dimensions: day.dimensions, band: day.band });
    }
  });
}

export function registerForecastCommands(program: Command) {
  program
    .command("forecast")
    .description("the score of each coming day if no new facts arrive (prints one JSON object per day)")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "shop id or external id")
    .option("--creator <creator>", "creator account id or author id (达人ID)")
    .option("--date <day>", "forecast from this day (YYYY-MM-DD, Asia/Shanghai); default today")
    .option("--days <n>", `how many days ahead (default ${FORECAST_DAYS})`)
    .action(forecastCommand);
}
