import { cohortPercentiles } from "../percentile";
import { CURRENT_INDICATORS, type CurrentIndicatorCode } from "./indicator-codes";

export type RankedCell = { percentile: number; cohortSize: number; fallback: boolean };

/**
 * scoring.md §5 over the members that hold an indicator: each ranks against its category when the
 * category has at least `minSize` holders, otherwise against every holder (fallback). Members
 * outside every category cohort get no cell: they only fill the fallback cohort.
 */
export type CohortMember = {
  index: number;
  category: string;
  value: number;
  /** False for another organisation's value that may rank only in the all-categories cohort (scoring.md §5 privacy). */
  inCategory: boolean;
};

export function rankIndicator(code: CurrentIndicatorCode, members: readonly CohortMember[], minSize: number, decimals: number): Map<number, RankedCell> {
  const better = CURRENT_INDICATORS[code].better;
  const out = new Map<number, RankedCell>();
  const byCategory = new Map<string, (typeof members)[number][]>();
  for (const member of members) {
    if (!member.inCategory) continue;
    const group = byCategory.get(member.category);
    if (group) group.push(member);
    else byCategory.set(member.category, [member]);
  }
  let all: number[] | undefined;
  const positionInAll = new Map(members.map((member, at) => [member, at]));
  for (const group of byCategory.values()) {
    const fallback = group.length < minSize;
    if (fallback) all ??= cohortPercentiles(members.map((m) => m.value), better, decimals);
    const percentiles = fallback ? (all ?? []) : cohortPercentiles(group.map((m) => m.value), better, decimals);
    group.forEach((member, k) => {
      const at = fallback ? (positionInAll.get(member) ?? -1) : k;
      out.set(member.index, { percentile: percentiles[at] ?? Number.NaN, cohortSize: fallback ? members.length : group.length, fallback });
    });
  }
  return out;
}

/** The first band whose minimum the percentile reaches (bands best first). */
export function bandOfPercentile(bands: readonly { minPercentile: number; points: number }[], percentile: number): number {
  for (const band of bands) if (percentile >= band.minPercentile) return band.points;
  return bands[bands.length - 1]?.points ?? Number.NaN;
}
