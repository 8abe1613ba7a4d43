import { message, type Message } from "@/lib/contracts/message";
import type { EncodingChoice } from "@/lib/contracts/imports";
import { readCsvRecords } from "@/server/imports/csv-reader";
import { detectEncoding, ENCODING_SNIFF_BYTES } from "@/server/imports/encoding";
import { importFileError } from "@/server/imports/errors";
import { detectFileType } from "@/server/imports/file-type";
import { resolveLimits, toMegabytes } from "@/server/imports/limits";
import type { RawRecord } from "@/server/imports/records";
import { openSourceStream, readHead, sourceSize, type ImportSource } from "@/server/imports/source";
import { cleanText, normaliseWidth, parseShanghaiTime } from "@/server/imports/values";
import { readXlsxRecords } from "@/server/imports/xlsx-reader";
import { badInput } from "@/server/lib/errors";
import { shanghaiDayOf, type Day } from "@/server/lib/time";
import { columnsOf, metricKey, metricOf, type Metric, type PlatformScoreColumn } from "./metrics";

/** A dimension's or an indicator's numbers as the platform showed them. */
export type ReportedNumbers = { value: number | null; score: number | null };

/** What a file says about one day: the overall score, per dimension and per indicator. */
export type ReportedDay = {
  day: Day;
  score: number | null;
  dimensions: Record<string, ReportedNumbers>;
  indicators: Record<string, ReportedNumbers>;
};

export type RejectedRow = { row: number; column: PlatformScoreColumn | null; reason: Message };

export type ParsedPlatformScores = { encoding: string | null; days: ReportedDay[]; rows: number; rejected: RejectedRow[] };

/** Rows above the header that may be a title and are skipped. */
const MAX_TITLE_ROWS = 10;

const reason = (key: string, params?: Record<string, string | number>) => message(`platformScores.reasons.${key}`, params);

type Cell<T> = { value: T | null } | { error: Message };

/** A number as back-ends print it: `1,234.5`, `98.5%` (a share: 0.985), full-width digits; the empty markers as null. */
export function parseReportedNumber(raw: string | undefined): Cell<number> {
  const text = cleanText(raw);
  if (text === null) return { value: null };
  const t = normaliseWidth(text).trim().replace(/,/g, "");
  const percent = t.endsWith("%");
  const body = percent ? t.slice(0, -1).trim() : t;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(body)) return { error: reason("notNumber", { text: text.slice(0, 40) }) };
  const value = Number(body);
  return { value: percent ? value / 100 : value };
}

/** The Shanghai day a date cell names (2026-05-20, 2026/5/20, 2026年5月20日, 20260520, an Excel serial, a date and time). */
export function parseReportedDay(raw: string | undefined): Cell<Day> {
  const parsed = parseShanghaiTime(raw);
  if (parsed.error) return { error: parsed.error };
  if (parsed.value === null) return { error: reason("noDate") };
  return { value: shanghaiDayOf(parsed.value) };
}

const cellOf = (record: RawRecord, index: number): string | undefined => (index < 0 ? undefined : record.cells[index]);

/**
 * Reads a file of platform-reported scores for one shop: a row per day and metric (日期/date,
 * 维度或指标/metric, 指标值/value, 得分/score), CSV in UTF-8 or GBK (the importer's encoding
 * detection and reader) or XLSX, the header in Chinese or English, possibly under a title.
 * A bad row is rejected with its row number, column and reason; the others are kept.
 */
export async function readPlatformScoreFile(source: ImportSource, input: { fileName: string; today: Day; encoding?: EncodingChoice }): Promise<ParsedPlatformScores> {
  const limits = resolveLimits();
  const size = await sourceSize(source);
  if (size === 0) throw importFileError("emptyFile");
  if (size > limits.maxBytes) throw importFileError("tooLarge", { size: toMegabytes(size), limit: toMegabytes(limits.maxBytes) });
  const head = await readHead(source, Math.min(size, ENCODING_SNIFF_BYTES));
  const fileType = detectFileType(head, input.fileName);
  let encoding: string | null = null;
  let records: AsyncGenerator<RawRecord>;
  if (fileType === "xlsx") records = readXlsxRecords(source, limits);
  else {
    const detected = detectEncoding(head, { choice: input.encoding, wholeFile: head.length >= size });
    encoding = detected.encoding === "gb18030" ? "gbk" : detected.encoding;
    records = readCsvRecords(openSourceStream(source), detected, limits);
  }

  let columns: Record<PlatformScoreColumn, number> | null = null;
  let seen = 0;
  const days = new Map<Day, ReportedDay>();
  const rejected: RejectedRow[] = [];
  const given = new Map<string, { row: number; numbers: ReportedNumbers }>();
  let rows = 0;
  try {
    for await (const record of records) {
      if (!columns) {
        columns = columnsOf(record.cells);
        if (!columns && ++seen >= MAX_TITLE_ROWS) break;
        continue;
      }
      rows++;
      const reject = (column: PlatformScoreColumn | null, why: Message) => void rejected.push({ row: record.row, column, reason: why });
      const day = parseReportedDay(cellOf(record, columns.date));
      if ("error" in day) {
        reject("date", day.error);
        continue;
      }
      if (day.value === null) continue;
      if (day.value > input.today) {
        reject("date", reason("futureDay", { day: day.value }));
        continue;
      }
      const metricText = cleanText(cellOf(record, columns.metric));
      const metric: Metric | null = metricText === null ? null : metricOf(metricText);
      if (!metric) {
        reject("metric", reason(metricText === null ? "noMetric" : "unknownMetric", { text: (metricText ?? "").slice(0, 40) }));
        continue;
      }
      const value = parseReportedNumber(cellOf(record, columns.value));
      if ("error" in value) {
        reject("value", value.error);
        continue;
      }
      const score = parseReportedNumber(cellOf(record, columns.score));
      if ("error" in score) {
        reject("score", score.error);
        continue;
      }
      // The overall score and a dimension's have no value of their own: a number in either column is the score.
      const numbers: ReportedNumbers = metric.kind === "indicator" ? { value: value.value, score: score.value } : { value: null, score: score.value ?? value.value };
      if (numbers.value === null && numbers.score === null) {
        reject(null, reason("noNumbers"));
        continue;
      }
      if (numbers.score !== null && (numbers.score < 0 || numbers.score > 100)) {
        reject("score", reason("scoreRange", { text: String(numbers.score) }));
        continue;
      }
      const key = `${day.value}|${metricKey(metric)}`;
      const earlier = given.get(key);
      if (earlier) {
        if (earlier.numbers.value !== numbers.value || earlier.numbers.score !== numbers.score) reject("metric", reason("duplicate", { day: day.value, metric: metricKey(metric), row: earlier.row }));
        continue;
      }
      given.set(key, { row: record.row, numbers });
      const reported = days.get(day.value) ?? { day: day.value, score: null, dimensions: {}, indicators: {} };
      days.set(day.value, reported);
      if (metric.kind === "overall") reported.score = numbers.score;
      else if (metric.kind === "dimension") reported.dimensions[metric.code] = numbers;
      else reported.indicators[metric.code] = numbers;
    }
  } finally {
    await records.return(undefined);
  }
  if (!columns) throw badInput("platformScores.noHeader", "file");
  return { encoding, days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)), rows, rejected };
}
