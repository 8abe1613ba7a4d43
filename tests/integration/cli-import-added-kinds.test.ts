import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliDatabase, runCli } from "../helpers/run-cli";
import { CURRENT_DOUYIN_EXPORTS_DIR } from "../helpers/sample-paths";

/** `koubei import --kind` for the current rules' kinds, and `koubei shop import`'s store type. */
const cli = cliDatabase("koubei-cli-added-kinds-");

const ADDED_KINDS = ["chat_turns", "waybills", "help_requests", "penalties", "shop_services"] as const;
const SHOP_DIR = path.join(CURRENT_DOUYIN_EXPORTS_DIR, "s001");

type FileLine = { file: string; kind: string | null; inserted: number; updated: number; unchanged: number; rejected: number; importId?: string; status?: string; error?: string };

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FileLine);
const dataLines = (file: string) => fs.readFileSync(file).toString("latin1").split("\r\n").filter(Boolean).length - 1;

describe("koubei import, the current rules' kinds", () => {
  it("imports each new kind with --kind, again unchanged with the kinds guessed from the file names, and undoes one", () => {
    expect(runCli(["org", "create", "--name", "现行规则", "--kind", "agency"], cli.env).status).toBe(0);
    const shop = runCli(["shop", "create", "--org", "现行规则", "--name", "店铺1", "--category", "服饰内衣", "--external-id", "s001", "--store-type", "专卖店"], cli.env);
    expect(shop.status, shop.stderr).toBe(0);
    expect(shop.json).toMatchObject({ externalId: "s001", storeType: "franchise" });

    const importIds: Record<string, string> = {};
    for (const kind of ADDED_KINDS) {
      const file = path.join(SHOP_DIR, `${kind}.csv`);
      const result = runCli(["import", "--org", "现行规则", "--shop", "s001", "--kind", kind, file], cli.env);
      expect([kind, result.status], result.stderr).toEqual([kind, 0]);
      const [line] = lines(result.stdout);
      expect(line).toMatchObject({ file, kind, status: "succeeded", inserted: dataLines(file), updated: 0, rejected: 0 });
      importIds[kind] = line?.importId ?? "";
    }

    const files = ADDED_KINDS.map((kind) => path.join(SHOP_DIR, `${kind}.csv`));
    const again = runCli(["import", "--org", "现行规则", "--shop", "s001", ...files], cli.env);
    expect(again.status, again.stderr).toBe(0);
    expect(lines(again.stdout).map((l) => [l.kind, l.inserted, l.updated, l.unchanged])).toEqual(ADDED_KINDS.map((kind, i) => [kind, 0, 0, dataLines(files[i] ?? "")]));

    const undo = runCli(["import", "undo", "--org", "现行规则", "--import", importIds.penalties ?? ""], cli.env);
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.json).toMatchObject({ importId: importIds.penalties, deleted: 1, restored: 0 });

    const unknown = runCli(["import", "--org", "现行规则", "--shop", "s001", "--kind", "penalty", files[0] ?? ""], cli.env);
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toContain("--kind must be one of");
    expect(unknown.stderr).toContain("shop_services");
  }, 600_000);
});

describe("koubei shop import, store type", () => {
  it("takes store_type or 店铺类型 in Chinese or as codes, keeps a shop's type when the list has none, and refuses an unknown one", () => {
    const org = runCli(["org", "create", "--name", "店铺类型", "--kind", "agency"], cli.env);
    expect(org.status, org.stderr).toBe(0);
    const english = path.join(cli.dataDir, "shops-en.csv");
    fs.writeFileSync(english, "name,external_id,category,store_type\n旗舰A,t1,服饰内衣,旗舰店\n专营B,t2,美妆,specialty\n普通C,t3,美妆,\n");
    const first = runCli(["shop", "import", "--org", "店铺类型", english], cli.env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.json).toMatchObject({ created: 3, updated: 0, unchanged: 0 });

    const chinese = path.join(cli.dataDir, "shops-zh.csv");
    fs.writeFileSync(chinese, "name,external_id,category,店铺类型\n旗舰A,t1,服饰内衣,flagship\n专营B,t2,美妆,专卖店\n普通C,t3,美妆,其他\n");
    const second = runCli(["shop", "import", "--org", "店铺类型", chinese], cli.env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.json).toMatchObject({ created: 0, updated: 1, unchanged: 2 });

    const withoutType = path.join(cli.dataDir, "shops-plain.csv");
    fs.writeFileSync(withoutType, "name,external_id,category\n旗舰A,t1,服饰内衣\n");
    expect(runCli(["shop", "import", "--org", "店铺类型", withoutType], cli.env).json).toMatchObject({ unchanged: 1 });

    const list = runCli(["shop", "list", "--org", "店铺类型"], cli.env);
    const types = Object.fromEntries((list.json as { shops: { externalId: string; storeType: string }[] }).shops.map((s) => [s.externalId, s.storeType]));
    expect(types).toEqual({ t1: "flagship", t2: "franchise", t3: "ordinary" });

    const bad = path.join(cli.dataDir, "shops-bad.csv");
    fs.writeFileSync(bad, "name,external_id,category,store_type\n旗舰A,t1,服饰内衣,旗舰\n");
    const refused = runCli(["shop", "import", "--org", "店铺类型", bad], cli.env);
    expect(refused.status).toBe(64);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain('Row 2: unknown store type \\"旗舰\\"');
    const badFlag = runCli(["shop", "create", "--org", "店铺类型", "--name", "x", "--category", "美妆", "--store-type", "outlet"], cli.env);
    expect(badFlag.status).toBe(64);
    expect(badFlag.stderr).toContain("unknown store type");
  }, 600_000);
});
