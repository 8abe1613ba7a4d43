import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CREATOR_ORDERS_FIXTURE, fixtureOrders } from "../../scripts/fixtures/generate-creator-orders";
import { cliDatabase, runCli } from "../helpers/run-cli";

type FileLine = { file: string; kind: string | null; encoding: string | null; inserted: number; updated: number; unchanged: number; rejected: number; importId?: string; error?: string };

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FileLine & Record<string, unknown>);

const cli = cliDatabase("koubei-cli-creator-import-");

describe("koubei import --creator", () => {
  it("imports a creator's 达人订单 export into the creator account, idempotently, from a manifest too, and undoes", () => {
    expect(runCli(["org", "create", "--name", "达人导入", "--kind", "agency"], cli.env).status).toBe(0);
    const creator = runCli(["creator", "create", "--org", "达人导入", "--name", "小美", "--category", "服饰内衣", "--external-id", "xiaomei_haowu"], cli.env);
    expect(creator.status, creator.stderr).toBe(0);
    const orders = fixtureOrders().length;

    const first = runCli(["import", "--org", "达人导入", "--creator", "xiaomei_haowu", "--kind", "creator_orders", CREATOR_ORDERS_FIXTURE], cli.env);
    expect(first.status, first.stderr).toBe(0);
    const [line] = lines(first.stdout);
    expect(line).toMatchObject({ file: CREATOR_ORDERS_FIXTURE, kind: "creator_orders", encoding: "gb18030", inserted: orders, updated: 0, unchanged: 0, rejected: 0 });

    // By the creator's id, and without --kind: a creator imports its own orders.
    const creatorId = (creator.json as { id: string }).id;
    const again = runCli(["import", "--org", "达人导入", "--creator", creatorId, CREATOR_ORDERS_FIXTURE], cli.env);
    expect(lines(again.stdout)[0]).toMatchObject({ kind: "creator_orders", inserted: 0, updated: 0, unchanged: orders });

    // A shop kind with --creator is a usage error, before anything is read.
    const wrong = runCli(["import", "--org", "达人导入", "--creator", "xiaomei_haowu", "--kind", "orders", CREATOR_ORDERS_FIXTURE], cli.env);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/creator_orders/);

    // A creator's export given to a shop is refused with a hint, not imported as shop orders.
    expect(runCli(["shop", "create", "--org", "达人导入", "--name", "自营店", "--category", "服饰内衣", "--external-id", "own-shop"], cli.env).status).toBe(0);
    const named = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "koubei-creator-named-")), "达人订单.csv");
    fs.copyFileSync(CREATOR_ORDERS_FIXTURE, named);
    const intoShop = runCli(["import", "--org", "达人导入", "--shop", "own-shop", named], cli.env);
    expect(intoShop.status).not.toBe(0);
    expect(lines(intoShop.stdout)[0]).toMatchObject({ kind: "creator_orders", inserted: 0 });
    expect(lines(intoShop.stdout)[0]?.error).toMatch(/--creator/);

    // A manifest row names the creator in its creator column.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-creator-manifest-"));
    fs.copyFileSync(CREATOR_ORDERS_FIXTURE, path.join(dir, "达人订单.csv"));
    fs.writeFileSync(path.join(dir, "manifest.csv"), "creator,kind,file\nxiaomei_haowu,creator_orders,达人订单.csv\n");
    const manifest = runCli(["import", "--org", "达人导入", "--manifest", path.join(dir, "manifest.csv")], cli.env);
    expect(manifest.status, manifest.stderr).toBe(0);
    expect(lines(manifest.stdout)[0]).toMatchObject({ kind: "creator_orders", unchanged: orders, creatorId, shopId: null });

    const undo = runCli(["import", "undo", "--org", "达人导入", "--import", line?.importId ?? ""], cli.env);
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.json).toMatchObject({ deleted: orders });
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
