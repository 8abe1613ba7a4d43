import type { ScoreScale, Threshold } from "@/lib/contracts/explanation";
import { shownDifference } from "./format";

/**
 * The rule set's bands as the UI lays them out. Which band a score is in comes from the server
 * (`band` beside every shown score); here the ladder is only ordered, coloured and measured.
 */

/** The rule set's thresholds from the floor band up. */
export function bandLadder(scale: Pick<ScoreScale, "thresholds">): Threshold[] {
  return [...scale.thresholds].sort(
    (a, b) => (a.minScore ?? -Infinity) - (b.minScore ?? -Infinity),
  );
}

/** The scores where a band starts, lowest first (the reference lines of a chart, the filters). */
export function bandLimits(scale: Pick<ScoreScale, "thresholds">): number[] {
  return bandLadder(scale).flatMap((th) => (th.minScore === null ? [] : [th.minScore]));
}

/** The first threshold above a shown score and the points still missing to it; null at the top. */
export function nextThreshold(
  scale: ScoreScale,
  shown: number,
): { threshold: Threshold; minScore: number; gap: number } | null {
  for (const threshold of bandLadder(scale)) {
    if (threshold.minScore !== null && threshold.minScore > shown)
      return { threshold, minScore: threshold.minScore, gap: shownDifference(shown, threshold.minScore, scale) };
  }
  return null;
}

/** The score below which the floor band lies: how the floor band is named ("below 4.4"). */
export function floorLimit(scale: Pick<ScoreScale, "thresholds">): number | null {
  return bandLimits(scale)[0] ?? null;
}

export type BandTone = { chip: string; text: string; dot: string; line: string };

const TOP_TONE: BandTone = { chip: "bg-emerald-100 text-emerald-900 ring-emerald-300", text: "text-emerald-700", dot: "bg-emerald-600", line: "#059669" };

/** Red, amber, green, emerald from the floor band up; always paired with text. */
const TONES: readonly BandTone[] = [
  { chip: "bg-red-50 text-red-800 ring-red-200", text: "text-red-700", dot: "bg-red-500", line: "#dc2626" },
  { chip: "bg-amber-50 text-amber-900 ring-amber-200", text: "text-amber-700", dot: "bg-amber-500", line: "#d97706" },
  { chip: "bg-green-50 text-green-800 ring-green-200", text: "text-green-700", dot: "bg-green-500", line: "#16a34a" },
  TOP_TONE,
];

/**
 * The colours of a band by its place in the ladder: the floor band red, the top band emerald, and
 * the ones between spread over the colours between, whatever number of bands the rule set has.
 */
export function bandTone(scale: Pick<ScoreScale, "thresholds">, band: Threshold | null): BandTone {
  const ladder = bandLadder(scale);
  const rank = Math.max(0, ladder.findIndex((th) => th.minScore === (band?.minScore ?? null)));
  const last = TONES.length - 1;
  const position = ladder.length <= 1 ? last : Math.round((rank * last) / (ladder.length - 1));
  return TONES[position] ?? TOP_TONE;
}

/** Evenly spaced axis ticks from the scale's lower to its upper bound (3, 3.5 … 5; 0, 25 … 100). */
export function axisTicks(scale: Pick<ScoreScale, "scoreBounds">, count = 5): number[] {
  const { min, max } = scale.scoreBounds;
  return Array.from({ length: count }, (_, i) => min + ((max - min) * i) / (count - 1));
}
