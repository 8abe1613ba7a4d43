import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_EMAIL } from "@/server/demo/settings";
import { demoState } from "@/server/demo/state";
import { startBoss } from "@/server/jobs/boss";
import { seedDemoInBackground } from "@/server/server-start";
import { findUserByEmail } from "@/server/users/service";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

describe("the demo organisation fills in behind a server that already answers", () => {
  let db: TestDatabase;
  let boss: PgBoss;
  beforeAll(async () => {
    db = await openTestDatabase();
    // A real queue without workers: the demo's rescore waits in it, as it would behind a busy server.
    boss = await startBoss(db.handle);
  }, 240_000);
  afterAll(async () => {
    await boss.stop({ graceful: false });
    await db.close();
  });

  it("reports preparing until the seed has committed, then ready; a second start finds it ready at once", async () => {
    const seeding = seedDemoInBackground({ handle: db.handle, boss }, { connectShop: false });
    expect(demoState()).toBe("preparing");
    await seeding;
    expect(demoState()).toBe("ready");
    expect(await findUserByEmail(db.handle, DEMO_EMAIL)).toBeTruthy();

    const again = seedDemoInBackground({ handle: db.handle, boss }, { connectShop: false });
    expect(demoState()).toBe("preparing");
    await again;
    expect(demoState()).toBe("ready");
  }, 240_000);

  it("reports failed when the seed cannot run, so the page stops waiting", async () => {
    const closed = await openTestDatabase();
    await closed.close();
    await seedDemoInBackground({ handle: closed.handle, boss: null }, { connectShop: false });
    expect(demoState()).toBe("failed");
  });
});
