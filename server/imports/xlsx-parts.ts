import path from "node:path";
import type { Readable } from "node:stream";
import { message } from "@/lib/contracts/message";
import { importFileError } from "./errors";
import type { RawRecord } from "./records";
import { maxMarkupGap, streamXml, TextCapture } from "./xlsx-xml";

/** The caps a workbook's parts are read under (a subset of ImportLimits). */
export type XlsxPartLimits = { maxColumns: number; maxCellChars: number; maxSharedStrings: number; maxSharedStringChars: number };

async function drain(items: AsyncGenerator<unknown>): Promise<void> {
  for await (const _ of items);
}

/** The worksheets in the workbook's order: their relationship ids. */
export async function readSheetIds(stream: Readable, limits: XlsxPartLimits): Promise<string[]> {
  const ids: string[] = [];
  await drain(
    streamXml(stream, maxMarkupGap(limits.maxCellChars), () => ({
      open(name, attributes) {
        if (name !== "sheet") return;
        const key = Object.keys(attributes).find((k) => k !== "id" && k.endsWith(":id"));
        const id = key ? attributes[key] : undefined;
        if (id) ids.push(id);
      },
      close: () => undefined,
      text: () => undefined,
    })),
  );
  return ids;
}

export type Relationship = { target: string; type: string };

/** xl/_rels/workbook.xml.rels: relationship id → part path inside the ZIP. */
export async function readRelationships(stream: Readable, limits: XlsxPartLimits): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  await drain(
    streamXml(stream, maxMarkupGap(limits.maxCellChars), () => ({
      open(name, attributes) {
        if (name !== "Relationship" || !attributes.Id || !attributes.Target) return;
        const target = attributes.Target.startsWith("/") ? attributes.Target.slice(1) : path.posix.normalize(`xl/${attributes.Target}`);
        rels.set(attributes.Id, { target, type: attributes.Type ?? "" });
      },
      close: () => undefined,
      text: () => undefined,
    })),
  );
  return rels;
}

/**
 * The shared strings table, held in memory because cells point into it anywhere: capped in count
 * and total characters, each string cut at the cell limit. Phonetic runs (<rPh>) are not text.
 */
export async function readSharedStrings(stream: Readable, limits: XlsxPartLimits): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  const text = new TextCapture(limits.maxCellChars);
  let phonetic = 0;
  await drain(
    streamXml(stream, maxMarkupGap(limits.maxCellChars), () => ({
      open(name) {
        if (name === "rPh") phonetic += 1;
        else if (name === "t" && phonetic === 0) text.capturing = true;
      },
      close(name) {
        if (name === "rPh") phonetic -= 1;
        else if (name === "t") text.capturing = false;
        else if (name === "si") {
          const value = text.take();
          chars += value.length;
          strings.push(value);
          if (strings.length > limits.maxSharedStrings || chars > limits.maxSharedStringChars) {
            throw importFileError("xlsxTooMuchText", { count: limits.maxSharedStrings, chars: limits.maxSharedStringChars });
          }
        }
      },
      text: (t) => text.append(t),
    })),
  );
  return strings;
}

/** "BC12" → 55 (1-based), or 0 when the reference has no letters. */
export function columnOfRef(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    if (column > 1_000_000) break;
  }
  return column;
}

/** The text of a number cell as JavaScript prints it (dates arrive as Excel serials). */
export function numberText(raw: string): string {
  const value = Number.parseFloat(raw);
  // A number past 2^53 has lost digits (a long id stored as a number): show it as Excel does, so
  // the id parser reports the file as re-saved by Excel instead of storing a wrong id.
  return Math.abs(value) > Number.MAX_SAFE_INTEGER ? value.toExponential(5).toUpperCase() : String(value);
}

function cellValue(type: string | undefined, value: string, inline: string, shared: readonly string[]): string {
  switch (type) {
    case "s":
      return shared[Number.parseInt(value, 10)] ?? "";
    case "inlineStr":
      return inline;
    case "str":
      return value;
    case "b":
      return value.trim() === "1" ? "true" : "false";
    case "e":
      return "";
    case "d": {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date.toISOString();
    }
    default:
      return value === "" ? "" : numberText(value);
  }
}

/**
 * A worksheet's non-blank rows, streamed. The declared dimension is never trusted: cells are
 * placed by their own references, and a column past the limit ends the read at once.
 */
export function readSheetRows(stream: Readable, shared: readonly string[], limits: XlsxPartLimits): AsyncGenerator<RawRecord> {
  let rowNumber = 0;
  let cells: string[] = [];
  let column = 0;
  let type: string | undefined;
  let inInline = false;
  let phonetic = 0;
  const value = new TextCapture(limits.maxCellChars);
  const inline = new TextCapture(limits.maxCellChars);
  return streamXml<RawRecord>(stream, maxMarkupGap(limits.maxCellChars), (emit) => ({
    open(name, attributes) {
      if (name === "row") {
        const declared = Number.parseInt(attributes.r ?? "", 10);
        rowNumber = Number.isFinite(declared) && declared > rowNumber ? declared : rowNumber + 1;
        cells = [];
        column = 0;
      } else if (name === "c") {
        const declared = attributes.r ? columnOfRef(attributes.r) : 0;
        column = declared > 0 ? declared : column + 1;
        if (column > limits.maxColumns) {
          throw importFileError("damagedXlsx", { detail: message("importer.details.columnsInXlsxRow", { count: column, row: rowNumber }) });
        }
        type = attributes.t;
      } else if (name === "v") value.capturing = true;
      else if (name === "is") inInline = true;
      else if (name === "rPh") phonetic += 1;
      else if (name === "t" && inInline && phonetic === 0) inline.capturing = true;
    },
    close(name) {
      if (name === "v") value.capturing = false;
      else if (name === "t") inline.capturing = false;
      else if (name === "rPh") phonetic -= 1;
      else if (name === "is") inInline = false;
      else if (name === "c") {
        const text = cellValue(type, value.take(), inline.take(), shared);
        while (cells.length < column - 1) cells.push("");
        cells[column - 1] = text;
      } else if (name === "row") {
        if (cells.some((c) => c.trim() !== "")) emit({ row: rowNumber, cells });
        cells = [];
      }
    },
    text(t) {
      value.append(t);
      inline.append(t);
    },
  }));
}
