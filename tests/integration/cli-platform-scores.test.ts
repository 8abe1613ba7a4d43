import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { cliDatabase, runCli } from "../helpers/run-cli";

/** `koubei platform-scores import`: the platform's own scores of a shop from a file, one JSON line. */

const cli = cliDatabase("koubei-cli-platform-scores-");

type Line = {
  file: string;
  shopId: string;
  encoding: string | null;
  rows: number;
  days: { day: string; score: number | null; dimensions: number; indicators: number }[];
  rejected: number;
  errors: { row: number; column: string | null; reason: string }[];
};

describe("koubei platform-scores import", () => {
  it("imports a GBK file with Chinese headers, and reports refused rows with exit code 2", () => {
    expect(runCli(["org", "create", "--name", "平台分测试", "--kind", "brand"], cli.env).status).toBe(0);
    const shop = runCli(["shop", "create", "--org", "平台分测试", "--name", "平台分店", "--category", "食品饮料", "--external-id", "ps1"], cli.env);
    expect(shop.status, shop.stderr).toBe(0);

    const gbk = path.join(cli.dataDir, "平台体验分.csv");
    fs.writeFileSync(gbk, iconv.encode(["日期,维度或指标,指标值,得分", "2026-05-30,商家体验分,,91.5", "2026-05-30,商品综合评分,4.9,100", "2026-05-31,总分,,92"].join("\r\n"), "gbk"));
    const first = runCli(["platform-scores", "import", "--org", "平台分测试", "--shop", "ps1", "--file", gbk], cli.env);
    expect(first.status, first.stderr).toBe(0);
    const line = first.json as Line;
    expect(line).toMatchObject({ encoding: "gbk", rows: 3, rejected: 0, errors: [] });
    expect(line.days).toEqual([
      { day: "2026-05-30", score: 91.5, dimensions: 0, indicators: 1 },
      { day: "2026-05-31", score: 92, dimensions: 0, indicators: 0 },
    ]);

    const english = path.join(cli.dataDir, "platform.csv");
    fs.writeFileSync(english, ["date,metric,value,score", "2026-05-30,overall,,91.5", "2026-05-30,nonsense,1,2", "not a day,overall,,90"].join("\n"));
    const second = runCli(["platform-scores", "import", "--org", "平台分测试", "--shop", "ps1", "--file", english], cli.env);
    expect(second.status).toBe(2);
    const refused = second.json as Line;
    expect(refused.rejected).toBe(2);
    expect(refused.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "metric"],
      [4, "date"],
    ]);
    expect(refused.errors[0]?.reason).toContain("nonsense");

    const missing = runCli(["platform-scores", "import", "--org", "平台分测试", "--shop", "no-such-shop", "--file", english], cli.env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("NOT_FOUND");
  }, 240_000);
});
