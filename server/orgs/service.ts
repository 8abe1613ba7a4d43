import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { dailyRollups, memberships, organisations, scoreSnapshots } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { audit } from "@/server/lib/audit";
import { AppError, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import type { CreateOrgInput, UpdateOrgInput } from "@/lib/contracts/orgs";

/** Creates an organisation with its creator as owner, in the new tenant's own transaction. */
export async function createOrganisation(handle: DbHandle, input: CreateOrgInput & { ownerUserId: string | null; demo?: boolean }) {
  const orgId = randomUUID();
  return withTenant(handle, { orgId, userId: input.ownerUserId }, async (tx) => {
    const [org] = await tx.insert(organisations).values({ orgId, name: input.name, kind: input.kind, demo: input.demo ?? false, ...(input.defaultShopRuleSet ? { defaultShopRuleSet: input.defaultShopRuleSet } : {}) }).returning();
    if (input.ownerUserId) {
      await tx.insert(memberships).values({ orgId, userId: input.ownerUserId, role: "owner" });
    }
    await audit(tx, { orgId, actorUserId: input.ownerUserId, action: "org.create", data: { name: input.name } });
    if (!org) throw new Error("insert returned no row");
    return org;
  });
}

/** The organisations a user belongs to, for the org switcher (RLS lets a user read their own). */
export async function listMyOrganisations(handle: DbHandle, userId: string) {
  return withTenant(handle, { orgId: null, userId }, (tx) =>
    tx
      .select({ orgId: organisations.orgId, name: organisations.name, kind: organisations.kind, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.orgId, memberships.orgId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(organisations.createdAt)),
  );
}

export async function getOrganisation(tx: Tx, scope: OrgScope) {
  const [org] = await tx.select().from(organisations).where(eq(organisations.orgId, scope.orgId));
  if (!org) throw notFound();
  return org;
}

export async function updateOrganisation(tx: Tx, scope: OrgScope, input: UpdateOrgInput) {
  // Every field is optional and SQL has no UPDATE that sets nothing: an empty change is a no-op.
  if (Object.values(input).every((value) => value === undefined)) return getOrganisation(tx, scope);
  const [org] = await tx.update(organisations).set(input).where(eq(organisations.orgId, scope.orgId)).returning();
  if (!org) throw notFound();
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "org.update", data: input });
  return org;
}

export async function deleteOrganisation(tx: Tx, scope: OrgScope, confirmName: string) {
  const org = await getOrganisation(tx, scope);
  if (org.name !== confirmName) throw new AppError("BAD_INPUT", "errors.confirmNameMismatch", { field: "confirmName" });
  // Score snapshots and roll-ups have no foreign key to cascade from (db/schema/scoring.ts says why).
  await tx.delete(scoreSnapshots).where(eq(scoreSnapshots.orgId, scope.orgId));
  await tx.delete(dailyRollups).where(eq(dailyRollups.orgId, scope.orgId));
  await tx.delete(organisations).where(eq(organisations.orgId, scope.orgId));
  return { orgId: scope.orgId };
}

/** The caller's membership, or null: the one check every org procedure starts with. */
export async function findMembership(tx: Tx, orgId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row ?? null;
}

/** CLI: an organisation by id or exact name, across tenants (support tooling, not a request path). */
export async function resolveOrgRef(handle: DbHandle, ref: string): Promise<{ orgId: string; name: string }> {
  const rows = await withTenant(handle, { orgId: null }, async (tx) =>
    rowsOf<{ org_id: string; name: string }>(await tx.execute(sql`select * from koubei_find_orgs(${ref})`)),
  );
  if (rows.length === 0) throw new AppError("NOT_FOUND", "errors.orgNotFound", { params: { ref } });
  if (rows.length > 1) throw new AppError("CONFLICT", "errors.orgAmbiguous", { params: { ref } });
  const [row] = rows;
  if (!row) throw notFound();
  return { orgId: row.org_id, name: row.name };
}
