import { CURRENT_INDICATORS, CURRENT_INDICATOR_CODES, type CurrentIndicatorCode } from "@/server/scoring/current/indicator-codes";
import { DOUYIN_100_DIMENSION_NAMES } from "@/server/scoring/rule-sets/douyin-100-common";

/** What a row of a platform-score file is about: the overall score, a dimension's, or an indicator's value and score. */
export type Metric = { kind: "overall" } | { kind: "dimension"; code: string } | { kind: "indicator"; code: CurrentIndicatorCode };

/** The back-end's names for the overall experience score (商家体验分) besides Koubei's code. */
const OVERALL_NAMES = ["overall", "总分", "体验分", "商家体验分", "店铺体验分", "综合体验分", "综合得分", "total"];

const normalise = (name: string) => name.replace(/^\uFEFF/, "").replace(/\s+/g, "").toLowerCase();

const NAMES: ReadonlyMap<string, Metric> = (() => {
  const names = new Map<string, Metric>();
  for (const name of OVERALL_NAMES) names.set(normalise(name), { kind: "overall" });
  for (const [code, { nameZh, nameEn }] of Object.entries(DOUYIN_100_DIMENSION_NAMES)) {
    for (const name of [code, nameZh, nameEn, `${nameZh}分`]) names.set(normalise(name), { kind: "dimension", code });
  }
  for (const code of CURRENT_INDICATOR_CODES) {
    const { nameZh, nameEn } = CURRENT_INDICATORS[code];
    for (const name of [code, nameZh, nameEn]) names.set(normalise(name), { kind: "indicator", code });
  }
  return names;
})();

/**
 * A metric by Koubei's code (overall, product, logistics, service, product_rating …), its
 * Chinese name (商品体验, 商品综合评分 …) or its English name, in any case and spacing; a
 * Chinese dimension name may end in 分 (商品体验分).
 */
export function metricOf(name: string): Metric | null {
  return NAMES.get(normalise(name)) ?? null;
}

export const metricKey = (metric: Metric): string => (metric.kind === "overall" ? "overall" : metric.code);

/** Header names of the four columns (日期/date, 维度或指标/metric, 指标值/value, 得分/score), normalised. */
export const PLATFORM_SCORE_COLUMNS = {
  date: ["日期", "date", "day", "统计日期", "数据日期"],
  metric: ["维度或指标", "metric", "维度/指标", "指标", "维度", "指标名称", "name"],
  value: ["指标值", "value", "数值", "值"],
  score: ["得分", "score", "分数", "分值"],
} as const;

export type PlatformScoreColumn = keyof typeof PLATFORM_SCORE_COLUMNS;

/** Which column each of the four is in, from a header row; null when the row is not that header. */
export function columnsOf(cells: readonly string[]): Record<PlatformScoreColumn, number> | null {
  const found: Partial<Record<PlatformScoreColumn, number>> = {};
  cells.forEach((cell, index) => {
    const name = normalise(cell);
    for (const [column, names] of Object.entries(PLATFORM_SCORE_COLUMNS) as [PlatformScoreColumn, readonly string[]][]) {
      if (found[column] === undefined && names.some((n) => normalise(n) === name)) found[column] = index;
    }
  });
  const { date, metric, value, score } = found;
  if (date === undefined || metric === undefined || (value === undefined && score === undefined)) return null;
  return { date, metric, value: value ?? -1, score: score ?? -1 };
}
