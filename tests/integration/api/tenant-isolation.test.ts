import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { sampleInput } from "../../helpers/sample-input";

type AnyProcedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, AnyProcedure> } })._def.procedures);

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

async function invoke(caller: unknown, path: string, input: unknown): Promise<{ ok: true; data: unknown } | { ok: false; code: string }> {
  let fn: unknown = caller;
  for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
  try {
    return { ok: true, data: await (fn as (i: unknown) => Promise<unknown>)(input) };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code };
    throw error;
  }
}

describe("no procedure leaks across organisations", () => {
  it("walks every procedure of the router", async () => {
    expect(procedures.length).toBeGreaterThan(15);
    const a = await ownerWithOrg(t.handle, "tenantA");
    const shopA = await a.caller.shops.create({ name: "A店机密 SecretShopA", category: "beauty", externalId: "secret-ext-a" });
    const creatorA = await a.caller.creators.create({ name: "A达人 SecretCreatorA", category: "beauty", externalId: "secret-author-a" });
    const invitationA = await a.caller.members.invite({ role: "viewer", shopIds: [shopA.id] });
    const b = await ownerWithOrg(t.handle, "tenantB");
    await b.caller.shops.create({ name: "B店", category: "beauty" });

    const secrets = [a.org.orgId, a.org.name, a.user.id, a.user.email, shopA.id, shopA.name, creatorA.id, creatorA.name, invitationA.id, "secret-ext-a", "secret-author-a"];
    const snapshotA = async () =>
      JSON.stringify([
        await a.caller.orgs.current(),
        await a.caller.shops.list({ includeArchived: true }),
        await a.caller.creators.list({ includeArchived: true }),
        await a.caller.members.list(),
        await a.caller.members.invitations(),
      ]);
    const before = await snapshotA();

    const idsOfA = [shopA.id, creatorA.id, invitationA.id, a.user.id, a.org.orgId];
    const attackerInOwnOrg = await callerFor(t.handle, b.user.id, b.org.orgId);
    const attackerNamingOrgA = await callerFor(t.handle, b.user.id, a.org.orgId);
    let calls = 0;
    for (const [path, procedure] of procedures) {
      for (const id of idsOfA) {
        const input = sampleInput(procedure._def.inputs, {
          id,
          userId: a.user.id,
          shopId: shopA.id,
          creatorId: creatorA.id,
          shopIds: [shopA.id],
          confirmName: a.org.name,
          // Invitation tokens are bearer secrets: holding one is meant to let you in, so none is used here.
          token: "not-a-real-token",
        });
        const asMemberOfB = await invoke(attackerInOwnOrg, path, input);
        calls++;
        if (asMemberOfB.ok) {
          const text = JSON.stringify(asMemberOfB.data) ?? "";
          for (const secret of secrets) expect(text, `${path} returned org A's ${secret}`).not.toContain(secret);
        }
        const namingA = await invoke(attackerNamingOrgA, path, input);
        if (namingA.ok) {
          const text = JSON.stringify(namingA.data) ?? "";
          for (const secret of secrets) expect(text, `${path} (ctx org A) returned org A's ${secret}`).not.toContain(secret);
        }
      }
    }
    expect(calls).toBe(procedures.length * idsOfA.length);
    expect(await snapshotA()).toBe(before);
  });

  it("refuses every organisation procedure to a non-member naming the organisation", async () => {
    const a = await ownerWithOrg(t.handle, "tenantA2");
    const b = await ownerWithOrg(t.handle, "tenantB2");
    const intruder = await callerFor(t.handle, b.user.id, a.org.orgId);
    const refused: string[] = [];
    for (const [path, procedure] of procedures) {
      const result = await invoke(intruder, path, sampleInput(procedure._def.inputs, {}));
      if (!result.ok && result.code === "FORBIDDEN") refused.push(path);
    }
    // Every procedure that works inside an organisation (all but auth.* / catalog.* / orgs.create) refuses.
    const orgScoped = procedures.map(([p]) => p).filter((p) => !p.startsWith("auth.") && !p.startsWith("catalog.") && p !== "orgs.create");
    expect(refused.sort()).toEqual(orgScoped.sort());
  });
});
