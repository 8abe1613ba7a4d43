import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadExpected } from "../helpers/canonical-samples";
import type { ExpectedScore } from "../helpers/golden-compare";
import { cliDatabase, runCli, type CliResult } from "../helpers/run-cli";
import { DOUYIN_EXPORTS_DIR } from "../helpers/sample-paths";

// GBK exports of one shop (s002), as the shop back-end writes them.
const FIXTURES = path.join(DOUYIN_EXPORTS_DIR, "s002");
const DAY = "2026-05-20";

type ScoreLine = {
  entity: { externalId: string };
  state: string;
  validOrders: number;
  indicators: Record<string, { value: number }>;
};

function scoreLine(result: CliResult): ScoreLine {
  expect(result.status, result.stderr).toBe(0);
  return result.json as ScoreLine;
}

type FileLine = {
  file: string;
  kind: string | null;
  encoding: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { row: number; column: string | null; reason: string }[];
  importId?: string;
  firstDay?: string;
  lastDay?: string;
  error?: string;
};

const cli = cliDatabase("koubei-cli-import-");

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FileLine);

describe("koubei import", () => {
  it("imports GBK files into a shop (one JSON line each), is idempotent, refuses a wrong file and undoes", () => {
    const org = runCli(["org", "create", "--name", "导入测试", "--kind", "brand"], cli.env);
    expect(org.status, org.stderr).toBe(0);
    const shop = runCli(
      [
        "shop",
        "create",
        "--org",
        "导入测试",
        "--name",
        "云裳",
        "--category",
        "服饰内衣",
        "--external-id",
        "s002",
      ],
      cli.env,
    );
    expect(shop.status, shop.stderr).toBe(0);

    const orders = path.join(FIXTURES, "orders.csv");
    const reviews = path.join(FIXTURES, "reviews.csv");
    const first = runCli(
      ["import", "--org", "导入测试", "--shop", "s002", "--kind", "orders", orders],
      cli.env,
    );
    expect(first.status, first.stderr).toBe(0);
    const [line] = lines(first.stdout);
    expect(line).toMatchObject({
      file: orders,
      kind: "orders",
      encoding: "gb18030",
      updated: 0,
      unchanged: 0,
    });
    expect(line?.inserted).toBeGreaterThan(100);
    // The days the file's orders were paid: the sample lies January–June 2026.
    expect(line?.firstDay).toMatch(/^2026-0[1-2]-\d\d$/);
    expect(line?.lastDay).toMatch(/^2026-0[5-6]-\d\d$/);
    expect(Object.keys(line ?? {})).toEqual(
      expect.arrayContaining([
        "file",
        "kind",
        "encoding",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "errors",
      ]),
    );

    // By shop id too; the same file twice changes nothing.
    const shopId = (shop.json as { id: string }).id;
    const again = runCli(
      ["import", "--org", "导入测试", "--shop", shopId, "--kind", "orders", orders],
      cli.env,
    );
    expect(lines(again.stdout)[0]).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: line?.inserted,
    });

    // Two files, one of them of another kind: the refused one says why, and the exit code says so.
    const mixed = runCli(
      ["import", "--org", "导入测试", "--shop", "s002", "--kind", "reviews", reviews, orders],
      cli.env,
    );
    expect(mixed.status).not.toBe(0);
    const [ok, refused] = lines(mixed.stdout);
    expect(ok).toMatchObject({ kind: "reviews", encoding: "gb18030" });
    expect(ok?.inserted).toBeGreaterThan(0);
    expect(refused?.error).toMatch(/look/i);

    // With the rest of s002's exports in, `koubei score` explains the imported facts exactly as the
    // independent implementation computed them from the canonical samples. The cohort here is this
    // one shop, so percentiles differ from the golden file; every indicator's value and the count
    // of valid orders depend on the shop's own facts only, and must match to 1e-9.
    const rest = ["after_sales", "complaints", "chats"].map((kind) => path.join(FIXTURES, `${kind}.csv`));
    const restImport = runCli(["import", "--org", "导入测试", "--shop", "s002", ...rest], cli.env);
    expect(restImport.status, restImport.stderr).toBe(0);
    expect(lines(restImport.stdout).map((l) => [l.kind, l.rejected])).toEqual([["after_sales", 0], ["complaints", 0], ["chats", 0]]);
    const imported = scoreLine(runCli(["score", "--org", "导入测试", "--shop", "s002", "--date", DAY], cli.env));
    const expected = loadExpected("douyin-shop-v1").s002 as ExpectedScore;
    expect(imported.entity.externalId).toBe("s002");
    expect(imported.validOrders).toBe(expected.validOrders);
    expect(Object.keys(imported.indicators).sort()).toEqual(Object.keys(expected.indicators).sort());
    for (const [code, want] of Object.entries(expected.indicators)) {
      expect(Math.abs((imported.indicators[code]?.value ?? NaN) - want.value), code).toBeLessThan(1e-9);
    }

    const undone = runCli(
      ["import", "undo", "--org", "导入测试", "--import", line?.importId ?? ""],
      cli.env,
    );
    expect(undone.status, undone.stderr).toBe(0);
    expect(undone.json).toMatchObject({ importId: line?.importId, deleted: line?.inserted });
    const twice = runCli(
      ["import", "undo", "--org", "导入测试", "--import", line?.importId ?? ""],
      cli.env,
    );
    expect(twice.status).not.toBe(0);
    expect(twice.stderr).toContain("CONFLICT");

    // Scores are consistent right after an import: the undone orders count no more.
    const score = runCli(["score", "--org", "导入测试", "--shop", "s002", "--date", DAY], cli.env);
    expect(score.status, score.stderr).toBe(0);
    const afterUndo = scoreLine(score);
    expect(afterUndo.validOrders).toBe(0);
    expect(afterUndo.state).toBe("insufficient_data");
  }, 300_000);

  it("imports a manifest with paths relative to it, one line per file", () => {
    const org = runCli(["org", "create", "--name", "清单测试", "--kind", "brand"], cli.env);
    expect(org.status, org.stderr).toBe(0);
    runCli(
      [
        "shop",
        "create",
        "--org",
        "清单测试",
        "--name",
        "店",
        "--category",
        "服饰内衣",
        "--external-id",
        "s002",
      ],
      cli.env,
    );
    const dir = fs.mkdtempSync(path.join(cli.dataDir, "bundle-"));
    fs.mkdirSync(path.join(dir, "s002"));
    for (const f of ["orders.csv", "reviews.csv", "after_sales.csv"])
      fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, "s002", f));
    const manifest = path.join(dir, "manifest.csv");
    fs.writeFileSync(
      manifest,
      "shop,kind,file\ns002,orders,s002/orders.csv\ns002,reviews,s002/reviews.csv\ns002,after_sales,s002/after_sales.csv\nnope,orders,s002/orders.csv\n",
    );
    const result = runCli(["import", "--org", "清单测试", "--manifest", manifest], cli.env);
    expect(result.status).not.toBe(0); // the unknown shop
    const out = lines(result.stdout);
    expect(out).toHaveLength(4);
    expect(out.slice(0, 3).map((l) => [l.kind, l.encoding])).toEqual([
      ["orders", "gb18030"],
      ["reviews", "gb18030"],
      ["after_sales", "gb18030"],
    ]);
    for (const l of out.slice(0, 3)) expect(l.inserted).toBeGreaterThan(0);
    expect(out[3]?.error).toContain("nope");
  }, 300_000);
});
