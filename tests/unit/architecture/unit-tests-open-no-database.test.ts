import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const UNIT = path.resolve(import.meta.dirname, "..");

/** What opens a database, or reads which one to open. */
const DATABASE_USE = [/helpers\/test-db/, /helpers\/run-cli/, /from "@\/db\/client"/, /process\.env\.(TEST_)?DATABASE_URL/];

describe("unit tests", () => {
  it("open no database, so CI runs them once (the PGlite step), not again against PostgreSQL", () => {
    const files = fs.readdirSync(UNIT, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && f !== path.join("architecture", "unit-tests-open-no-database.test.ts"));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => DATABASE_USE.some((use) => use.test(fs.readFileSync(path.join(UNIT, f), "utf8"))));
    expect(offenders).toEqual([]);
  });
});
