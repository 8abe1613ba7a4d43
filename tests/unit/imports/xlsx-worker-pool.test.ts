import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireWorker, releaseWorker } from "@/server/imports/xlsx-worker-pool";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-pool-"));
const entry = path.join(dir, "idle.mjs");
fs.writeFileSync(entry, "setInterval(() => {}, 1000);\n");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("the workbook worker pool", () => {
  it("lets two workers read at once; a third waits for a slot and gets the warm worker back", async () => {
    const first = await acquireWorker(entry, 64);
    const second = await acquireWorker(entry, 64);
    let third: Awaited<ReturnType<typeof acquireWorker>> | null = null;
    const pending = acquireWorker(entry, 64).then((w) => (third = w));
    await tick();
    expect(third).toBeNull();
    releaseWorker(first, 64, true);
    await pending;
    expect(third).toBe(first);
    releaseWorker(second, 64, false);
    releaseWorker(first, 64, false);
  });

  it("never hands out a worker that died while idle", async () => {
    const worker = await acquireWorker(entry, 48);
    releaseWorker(worker, 48, true);
    await worker.terminate();
    await tick();
    const next = await acquireWorker(entry, 48);
    expect(next).not.toBe(worker);
    releaseWorker(next, 48, false);
  });
});
