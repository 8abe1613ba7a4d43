import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without type declarations
import { drizzleMarkerIn, findDrizzleChunks } from "@/scripts/check-client-bundle.mjs";

describe("check-client-bundle", () => {
  it.each([
    ['let a=Symbol.for("drizzle:Name"),b=1;', 'Symbol.for("drizzle:Name")'],
    ["var n=Symbol.for('drizzle:Columns');", "Symbol.for('drizzle:Columns')"],
    ['class e{static [t]="PgTable"}', '"PgTable"'],
    ['o[s]="PgColumn";', '"PgColumn"'],
  ])("finds Drizzle in %s", (chunk, marker) => {
    expect(drizzleMarkerIn(chunk)).toBe(marker);
  });

  it.each([
    'const o=["agency","brand","creator_team"];',
    'z.enum(["owner","admin","analyst","viewer"])',
    "// drizzle is mentioned in a comment, PgTables too",
  ])("finds nothing in %s", (chunk) => {
    expect(drizzleMarkerIn(chunk)).toBeNull();
  });

  it("names the chunks that carry Drizzle, in nested folders too", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-chunks-"));
    try {
      fs.mkdirSync(path.join(dir, "app", "o"), { recursive: true });
      fs.writeFileSync(path.join(dir, "main.js"), 'console.log("ok")');
      fs.writeFileSync(path.join(dir, "app", "o", "page.js"), 'var t=Symbol.for("drizzle:IsDrizzleTable");');
      fs.writeFileSync(path.join(dir, "app", "o", "page.js.map"), 'Symbol.for("drizzle:Name")');
      expect(findDrizzleChunks(dir)).toEqual([{ file: path.join(dir, "app", "o", "page.js"), marker: 'Symbol.for("drizzle:IsDrizzleTable")' }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
