import type { FactColumn, FactTable } from "./fact-tables";
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

/** Chosen once per column, not per value: this runs for every cell of every accepted row. */
function valueEncoder(column: FactColumn): ValueEncoder {
  switch (column.type) {
    case "timestamptz":
      return (value) => String(value instanceof Date ? value.getTime() : Date.parse(String(value)));
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

export function stageLineEncoder(table: FactTable): StageLineEncoder {
  const fields = table.columns.map((c) => c.field);
  const encoders = table.columns.map(valueEncoder);
  return (seq, fact) => {
    const source = fact as unknown as Record<string, unknown>;
    let line = String(seq);
    for (let i = 0; i < fields.length; i++) {
      const value = source[fields[i] as string];
      line += value === null || value === undefined ? "\t\\N" : `\t${(encoders[i] as ValueEncoder)(value)}`;
    }
    return `${line}\n`;
  };
}
