import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoringParameterEntries } from "@/db/schema";
import { CURRENT_INDICATORS, type CurrentIndicatorCode } from "../indicator-codes";
import type { OrganisationEntries } from "../result";

export type EntryRow = typeof scoringParameterEntries.$inferSelect;

/** The organisation's entry rows under a rule set (every category, or one). */
export async function listEntryRows(tx: Tx, orgId: string, ruleSetName: string, categoryCode?: string): Promise<EntryRow[]> {
  const filters = [eq(scoringParameterEntries.orgId, orgId), eq(scoringParameterEntries.ruleSet, ruleSetName)];
  if (categoryCode !== undefined) filters.push(eq(scoringParameterEntries.categoryCode, categoryCode));
  return tx
    .select()
    .from(scoringParameterEntries)
    .where(and(...filters))
    .orderBy(scoringParameterEntries.categoryCode, scoringParameterEntries.code);
}

const isIndicator = (code: string): code is CurrentIndicatorCode => code in CURRENT_INDICATORS;

/** Rows of one category as the engine takes them (score-current.ts: OrganisationEntries). */
export function entriesFromRows(rows: readonly EntryRow[]): OrganisationEntries | undefined {
  const entries: { cutoffs: NonNullable<OrganisationEntries["cutoffs"]>; indicatorWeights: NonNullable<OrganisationEntries["indicatorWeights"]>; dimensionWeights: Record<string, number> } = {
    cutoffs: {},
    indicatorWeights: {},
    dimensionWeights: {},
  };
  for (const row of rows) {
    if (row.target === "dimension") {
      if (row.weight !== null) entries.dimensionWeights[row.code] = row.weight;
      continue;
    }
    if (!isIndicator(row.code)) continue;
    if (row.cutoffs && row.cutoffs.length > 0) entries.cutoffs[row.code] = row.cutoffs;
    if (row.weight !== null) entries.indicatorWeights[row.code] = row.weight;
  }
  const empty = Object.keys(entries.cutoffs).length + Object.keys(entries.indicatorWeights).length + Object.keys(entries.dimensionWeights).length === 0;
  return empty ? undefined : entries;
}

/**
 * The organisation's entries under a rule set as `entriesOf(categoryCode)` for the engine: read
 * once, looked up per shop's category. A category without entries gets undefined (the defaults).
 */
export async function organisationEntriesOf(tx: Tx, orgId: string, ruleSetName: string): Promise<(categoryCode: string) => OrganisationEntries | undefined> {
  const byCategory = new Map<string, EntryRow[]>();
  for (const row of await listEntryRows(tx, orgId, ruleSetName)) {
    const rows = byCategory.get(row.categoryCode);
    if (rows) rows.push(row);
    else byCategory.set(row.categoryCode, [row]);
  }
  const entries = new Map([...byCategory].map(([category, rows]) => [category, entriesFromRows(rows)]));
  return (categoryCode) => entries.get(categoryCode);
}
