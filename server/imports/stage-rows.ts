import type { FactColumn, FactTable } from "./fact-tables";
import { DAY_MS, dayOfNumber, SHANGHAI_OFFSET_MS, type Day } from "@/server/lib/time";
import { hash53, KeyHashes } from "./key-hashes";
import type { AnyFact } from "./rows";

/**
 * Accepted facts travel to the database as COPY text-format lines into a staging table (see
 * stage-table.ts). Times are staged as Unix milliseconds: exact (facts carry milliseconds),
 * cheaper to write here and to parse there than ISO text, and turned into the day numbers of
 * touched days with integer arithmetic.
 */
export const stageType = (column: FactColumn): string => (column.type === "timestamptz" ? "bigint" : column.type);

/** The staged value of a column as the fact table's type (SQL; `alias` is the staging table). */
export function stagedValueSql(column: FactColumn, alias: string): string {
  const value = `${alias}."${column.name}"`;
  return column.type === "timestamptz" ? `(timestamptz 'epoch' + ${value} * interval '1 millisecond')` : value;
}

const NEEDS_ESCAPE = /[\\\t\n\r\0]/;
const ESCAPED = /[\\\t\n\r\0]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "" };

/**
 * Text as COPY's text format wants it. NUL cannot be stored in a PostgreSQL text value at all, so
 * it is dropped (a damaged cell; before staging such a row failed the whole import).
 */
export function copyText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c] ?? "") : text;
}

type ValueEncoder = (value: unknown) => string;

const instantMs = (value: unknown): number => (value instanceof Date ? value.getTime() : Date.parse(String(value)));

/**
 * Chosen once per column, not per value: this runs for every cell of every accepted row. Times
 * have none: the encoder reads their instant itself, to note the day as well.
 */
function valueEncoder(type: Exclude<FactColumn["type"], "timestamptz">): ValueEncoder {
  switch (type) {
    case "boolean":
      return (value) => (value ? "t" : "f");
    case "integer":
    case "smallint":
      return (value) => String(value);
    default:
      return (value) => copyText(String(value));
  }
}

/** Encodes one fact as a staging line: its sequence number in the file, then every column of the kind. */
export type StageLineEncoder = (seq: number, fact: AnyFact) => string;

/**
 * What the staged rows hold, noted while they were encoded so the merge need not scan the stage
 * again: every Shanghai day their times fall on (ascending), and whether their keys are proved
 * distinct (every key's hash differed; equal hashes only mean the database has to count).
 */
export type StageTally = { rows: number; days: Day[]; keysDistinct: boolean };

export type StageEncoder = { encode: StageLineEncoder; tally: () => StageTally };

/** Where the staged rows' keys go: a KeyHashes, or the hashes kept for one (a worker's stretch, see keyHashList). */
export type KeySink = { add(key: string): void; readonly distinct: boolean };

/** Keeps each key's hash53 in order, for the KeyHashes of the whole file in the main thread. */
export function keyHashList(): KeySink & { hashes: number[] } {
  const hashes: number[] = [];
  return { hashes, distinct: true, add: (key) => void hashes.push(hash53(key)) };
}

export function stageEncoder(table: FactTable, keys: KeySink = new KeyHashes()): StageEncoder {
  const fields = table.columns.map((c) => c.field);
  const encoders = table.columns.map((c) => (c.type === "timestamptz" ? null : valueEncoder(c.type)));
  const isKey = table.columns.map((c) => table.key.includes(c.name));
  let rows = 0;
  const dayNumbers = new Set<number>();
  // Neighbouring rows mostly fall on the same day: the set is only asked about a new one.
  let lastDay = Number.NaN;
  const encode: StageLineEncoder = (seq, fact) => {
    const source = fact as unknown as Record<string, unknown>;
    let line = String(seq);
    let key = "";
    for (let i = 0; i < fields.length; i++) {
      const value = source[fields[i] as string];
      const encoder = encoders[i];
      let text: string;
      if (value === null || value === undefined) text = "\\N";
      else if (!encoder) {
        const ms = instantMs(value);
        const day = Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
        if (day !== lastDay && Number.isFinite(day)) dayNumbers.add((lastDay = day));
        text = String(ms);
      } else text = encoder(value);
      line += `\t${text}`;
      if (isKey[i]) key += `${text}\t`;
    }
    rows += 1;
    keys.add(key);
    return `${line}\n`;
  };
  return {
    encode,
    tally: () => ({
      rows,
      days: [...dayNumbers].sort((a, b) => a - b).map(dayOfNumber),
      keysDistinct: keys.distinct,
    }),
  };
}
