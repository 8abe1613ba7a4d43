import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireWorker, releaseWorker, tryAcquireWorker } from "@/server/imports/worker-pool";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-pool-"));
const entry = path.join(dir, "idle.mjs");
fs.writeFileSync(entry, "setInterval(() => {}, 1000);\n");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("the import worker pool", () => {
  it("lets two workers read at once; a third waits for a slot and gets the warm worker back", async () => {
    const first = await acquireWorker(entry, 64);
    const second = await acquireWorker(entry, 64);
    let third: Awaited<ReturnType<typeof acquireWorker>> | null = null;
    const pending = acquireWorker(entry, 64).then((w) => (third = w));
    await tick();
    expect(third).toBeNull();
    releaseWorker(first, entry, 64, true);
    await pending;
    expect(third).toBe(first);
    // Both slots are taken: a helper asked for without waiting is not given.
    expect(tryAcquireWorker(entry, 64)).toBeNull();
    releaseWorker(second, entry, 64, false);
    releaseWorker(first, entry, 64, false);
  });

  it("never hands out a worker that died while idle", async () => {
    const worker = await acquireWorker(entry, 48);
    releaseWorker(worker, entry, 48, true);
    await worker.terminate();
    await tick();
    const next = await acquireWorker(entry, 48);
    expect(next).not.toBe(worker);
    releaseWorker(next, entry, 48, false);
  });

  it("keeps the worker just used warm when the idle ones are full, letting the longest idle go", async () => {
    const other = path.join(dir, "other-idle.mjs");
    fs.writeFileSync(other, "setInterval(() => {}, 1000);\n");
    const [x, y] = [await acquireWorker(other, 40), await acquireWorker(other, 40)];
    releaseWorker(x, other, 40, true);
    releaseWorker(y, other, 40, true);
    const mine = await acquireWorker(entry, 40);
    releaseWorker(mine, entry, 40, true);
    const again = await acquireWorker(entry, 40);
    expect(again).toBe(mine);
    releaseWorker(again, entry, 40, false);
    const stillWarm = await acquireWorker(other, 40);
    expect(stillWarm).toBe(y);
    releaseWorker(stillWarm, other, 40, false);
  });

  it("keeps warm workers apart by entry: a CSV helper never gets a workbook reader", async () => {
    const other = path.join(dir, "other.mjs");
    fs.writeFileSync(other, "setInterval(() => {}, 1000);\n");
    const reader = await acquireWorker(entry, 32);
    releaseWorker(reader, entry, 32, true);
    const helper = tryAcquireWorker(other, 32);
    expect(helper).not.toBeNull();
    expect(helper).not.toBe(reader);
    if (helper) releaseWorker(helper, other, 32, false);
    const again = await acquireWorker(entry, 32);
    expect(again).toBe(reader);
    releaseWorker(again, entry, 32, false);
  });
});
