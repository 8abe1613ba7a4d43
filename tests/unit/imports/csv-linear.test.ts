import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CsvChunkParser } from "@/server/imports/csv-chunks";
import { readCsvRecords } from "@/server/imports/csv-reader";
import { resolveLimits } from "@/server/imports/limits";
import { AppError } from "@/server/lib/errors";

const CHUNK = 64 * 1024;

/** A one-line file of `bytes` bytes, produced as read; `read` says how many bytes the reader took. */
function oneLineFile(bytes: number) {
  const state = { read: 0 };
  const stream = Readable.from(
    (function* () {
      for (let sent = 0; sent < bytes; sent += CHUNK) {
        const size = Math.min(CHUNK, bytes - sent);
        state.read += size;
        yield Buffer.alloc(size, "订,");
      }
    })(),
  );
  return { stream, state };
}

async function failureOf(records: AsyncGenerator<unknown>): Promise<AppError> {
  try {
    for await (const _ of records) {
      // reading to the end or to the refusal
    }
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Records whose one quoted cell runs over many lines: the unfinished tail spans many chunks. */
const longRecords = (count: number, cellChars: number) =>
  Array.from({ length: count }, (_, i) => `${i},"${"多行\n内容".repeat(cellChars / 5)}"\n`).join("");

function parsedCharsFor(text: string): { parsed: number; records: number } {
  const parser = new CsvChunkParser(",", "\n", 1_000_000);
  let records = 0;
  for (let i = 0; i < text.length; i += CHUNK / 2) records += parser.push(text.slice(i, i + CHUNK / 2)).length;
  records += parser.end().length;
  return { parsed: parser.parsedChars, records };
}

describe("CSV reading stays linear and bounds a record's length", () => {
  it("refuses a multi-megabyte file with no line break after reading about one record's limit, whatever its size", async () => {
    const limits = resolveLimits();
    const taken: number[] = [];
    for (const size of [8 * 1024 * 1024, 16 * 1024 * 1024]) {
      const file = oneLineFile(size);
      const error = await failureOf(readCsvRecords(file.stream, { encoding: "utf-8", bomLength: 0, decidedBy: "valid-utf8" }, limits));
      expect(error.messageKey).toBe("errors.import.badCsv");
      expect(error.details.params).toMatchObject({ line: 1, detail: { key: "importer.details.lineTooLong", params: { limit: limits.maxLineChars } } });
      taken.push(file.state.read);
    }
    // Doubling the file does not change the work: reading stops once a record passes the limit
    // (about 4 bytes for 2 characters here, plus the chunks in flight).
    expect(taken[0]).toBe(taken[1]);
    expect(taken[0]).toBeLessThan(limits.maxLineChars * 2 + 4 * CHUNK);
  });

  it("hands papaparse no text at all while no line break has come", () => {
    const parser = new CsvChunkParser(",", "\n", 200_000);
    for (let i = 0; i < 5; i++) parser.push("x".repeat(CHUNK / 2));
    expect(parser.parsedChars).toBe(0);
    expect(() => {
      for (let i = 0; i < 5; i++) parser.push("x".repeat(CHUNK / 2));
    }).toThrow(/badCsv/);
    expect(parser.parsedChars).toBe(0);
  });

  it("parses records spanning many chunks a bounded number of times: the work per character is the same when the file doubles", () => {
    const small = longRecords(4, 300_000);
    const large = longRecords(8, 300_000);
    const a = parsedCharsFor(small);
    const b = parsedCharsFor(large);
    expect(a.records).toBe(4);
    expect(b.records).toBe(8);
    // Reparsing the tail on every chunk would cost ~ cell² / chunk (about 10× the text here).
    expect(a.parsed / small.length).toBeLessThan(3);
    expect(b.parsed / large.length).toBeLessThan(3);
    expect(Math.abs(b.parsed / large.length - a.parsed / small.length)).toBeLessThan(0.5);
  });

  it("ordinary files are parsed about once (only each chunk's unfinished last line twice)", () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `${i},店铺${i},"含,逗号",${i * 2}\n`).join("");
    const { parsed, records } = parsedCharsFor(text);
    expect(records).toBe(20_000);
    expect(parsed).toBeLessThan(text.length * 1.01);
  });
});
