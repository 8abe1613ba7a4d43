import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { ownerWithOrg } from "../../helpers/callers";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const updatesLogged = (orgId: string) =>
  withTenant(t.handle, { orgId }, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, "org.update"))));

describe("orgs.update", () => {
  it("treats a change that names no field as a no-op (it used to crash with 'No values to set')", async () => {
    const { caller, org } = await ownerWithOrg(t.handle, "emptyUpdate");
    const before = await caller.orgs.current();
    const answered = await caller.orgs.update({});
    expect(answered).toMatchObject({ orgId: org.orgId, name: before.name, kind: before.kind, benchmarking: before.benchmarking });
    expect(await caller.orgs.update({ name: undefined })).toMatchObject({ name: before.name });
    expect(await caller.orgs.current()).toEqual(before);
    expect(await updatesLogged(org.orgId)).toEqual([]);
  });

  it("changes and audits the fields it names", async () => {
    const { caller, org } = await ownerWithOrg(t.handle, "realUpdate");
    expect(await caller.orgs.update({ name: "改名后 Renamed" })).toMatchObject({ name: "改名后 Renamed" });
    expect((await caller.orgs.current()).name).toBe("改名后 Renamed");
    expect((await updatesLogged(org.orgId)).map((row) => row.data)).toEqual([{ name: "改名后 Renamed" }]);
  });
});
