import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";
import { cliDatabase, runCli } from "../helpers/run-cli";

// Each CLI call is a fresh process, like a support engineer's shell.
const cli = cliDatabase("koubei-cli-");

describe("koubei CLI", () => {
  it("creates an organisation, a user, shops and creators, printing one JSON object each", () => {
    const org = runCli(["org", "create", "--name", "CLI 代理", "--kind", "agency"], cli.env);
    expect(org.status, org.stderr).toBe(0);
    const orgId = (org.json as { id: string }).id;
    expect(orgId).toMatch(/^[0-9a-f-]{36}$/);

    const user = runCli(
      [
        "user",
        "create",
        "--email",
        "ops@example.test",
        "--password",
        "password123",
        "--org",
        orgId,
        "--role",
        "analyst",
      ],
      cli.env,
    );
    expect(user.status, user.stderr).toBe(0);
    expect(user.json).toMatchObject({ email: "ops@example.test", orgId, role: "analyst" });

    const shop = runCli(
      [
        "shop",
        "create",
        "--org",
        "CLI 代理",
        "--name",
        "店A",
        "--category",
        "美妆",
        "--external-id",
        "9001",
      ],
      cli.env,
    );
    expect(shop.json).toMatchObject({
      externalId: "9001",
      category: "beauty",
      ruleSet: "douyin-shop-v1",
    });

    const csv = path.join(cli.dataDir, "shops.csv");
    fs.writeFileSync(
      csv,
      "name,external_id,category\n店A改名,9001,美妆\n店B,9002,Apparel & Underwear\n",
    );
    const first = runCli(["shop", "import", "--org", orgId, csv], cli.env);
    expect(first.json).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    const again = runCli(["shop", "import", "--org", orgId, csv], cli.env);
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const list = runCli(["shop", "list", "--org", orgId], cli.env);
    expect((list.json as { shops: { name: string }[] }).shops.map((s) => s.name).sort()).toEqual([
      "店A改名",
      "店B",
    ]);

    const creator = runCli(
      [
        "creator",
        "create",
        "--org",
        orgId,
        "--name",
        "达人3",
        "--external-id",
        "a3",
        "--category",
        "服饰内衣",
      ],
      cli.env,
    );
    expect(creator.json).toMatchObject({ externalId: "a3", ruleSet: "douyin-creator-v1" });
  }, 300_000);

  it("refuses bad input with a JSON error on stderr and a non-zero exit", () => {
    const bad = runCli(
      ["shop", "create", "--org", "no such org", "--name", "x", "--category", "beauty"],
      cli.env,
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("NOT_FOUND");
  }, 120_000);

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
    "refuses clearly when another process holds the embedded database",
    async () => {
      const held = await openPglite(cli.dataDir);
      try {
        const result = runCli(["shop", "list", "--org", "x"], cli.env);
        expect(result.status).toBe(3);
        expect(result.stderr).toContain("DATABASE_IN_USE");
      } finally {
        await held.close();
      }
    },
    120_000,
  );
});
