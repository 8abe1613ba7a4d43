import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { memberships, membershipShopGrants, users } from "@/db/schema";
import type { Role } from "@/lib/contracts/members";
import { audit } from "@/server/lib/audit";
import { AppError, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { assertEntitiesInOrg } from "@/server/entities/queries";
import { can } from "@/server/authz/permissions";
import { assertMayGrant, assertMayManage, mayManage, type Access } from "./reach";

/**
 * The organisation's members. Members who see every shop see every member; a limited member sees
 * itself and the members it may manage in full, and of the others only name and role: their
 * e-mail addresses and shop grants are not its business.
 */
export async function listMembers(tx: Tx, scope: OrgScope) {
  const rows = await tx
    .select({
      userId: memberships.userId,
      role: memberships.role,
      limitedToGrants: memberships.limitedToGrants,
      email: users.email,
      name: users.name,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, scope.orgId))
    .orderBy(asc(memberships.createdAt));
  const grants = await tx
    .select({ userId: membershipShopGrants.userId, shopId: membershipShopGrants.shopId })
    .from(membershipShopGrants)
    .where(eq(membershipShopGrants.orgId, scope.orgId));
  const manager = can(scope.role, "members.manage");
  return rows.map((r) => {
    const shopIds = grants.filter((g) => g.userId === r.userId).map((g) => g.shopId);
    const member: Access = { role: r.role, shopIds: r.limitedToGrants ? shopIds : null };
    const manageable = manager && mayManage(scope, member);
    if (scope.shopIds === null || manageable || r.userId === scope.userId) return { ...r, shopIds, manageable };
    return { ...r, email: null, limitedToGrants: null, shopIds: [], manageable };
  });
}

/** The member and what it holds now. */
async function requireMember(tx: Tx, scope: OrgScope, userId: string) {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, scope.orgId), eq(memberships.userId, userId)));
  if (!m) throw notFound();
  const access: Access = { role: m.role, shopIds: await grantedShopIds(tx, scope.orgId, userId, m.limitedToGrants) };
  return { ...m, access };
}

async function countOwners(tx: Tx, orgId: string) {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  return owners.length;
}

/** Only an owner may grant or take away ownership, and the last owner cannot step down. */
export async function changeRole(tx: Tx, scope: OrgScope, input: { userId: string; role: Role }) {
  const member = await requireMember(tx, scope, input.userId);
  assertMayManage(scope, member.access);
  assertMayGrant(scope, { ...member.access, role: input.role });
  if (member.role === "owner" && input.role !== "owner" && (await countOwners(tx, scope.orgId)) <= 1) {
    throw new AppError("CONFLICT", "errors.lastOwner");
  }
  await tx
    .update(memberships)
    .set({ role: input.role })
    .where(and(eq(memberships.orgId, scope.orgId), eq(memberships.userId, input.userId)));
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "member.role", target: input.userId, data: { from: member.role, to: input.role } });
  return { userId: input.userId, role: input.role };
}

export async function removeMember(tx: Tx, scope: OrgScope, userId: string) {
  const member = await requireMember(tx, scope, userId);
  assertMayManage(scope, member.access);
  if (member.role === "owner" && (await countOwners(tx, scope.orgId)) <= 1) throw new AppError("CONFLICT", "errors.lastOwner");
  await tx.delete(memberships).where(and(eq(memberships.orgId, scope.orgId), eq(memberships.userId, userId)));
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "member.remove", target: userId });
  return { userId };
}

/**
 * Limits a member to the given shops (an empty list with limited=false lifts the limit). Only
 * within the caller's reach: a limited admin cannot lift its own limit or give shops it lacks.
 */
export async function setShopGrants(tx: Tx, scope: OrgScope, input: { userId: string; limited: boolean; shopIds: string[] }) {
  const member = await requireMember(tx, scope, input.userId);
  assertMayManage(scope, member.access);
  await assertEntitiesInOrg(tx, "shop", scope.orgId, input.shopIds);
  assertMayGrant(scope, { role: member.role, shopIds: input.limited ? input.shopIds : null });
  await tx
    .update(memberships)
    .set({ limitedToGrants: input.limited })
    .where(and(eq(memberships.orgId, scope.orgId), eq(memberships.userId, input.userId)));
  await tx
    .delete(membershipShopGrants)
    .where(and(eq(membershipShopGrants.orgId, scope.orgId), eq(membershipShopGrants.userId, input.userId)));
  if (input.limited && input.shopIds.length > 0) {
    await tx
      .insert(membershipShopGrants)
      .values([...new Set(input.shopIds)].map((shopId) => ({ orgId: scope.orgId, userId: input.userId, shopId })));
  }
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "member.grants", target: input.userId, data: input });
  return { userId: input.userId, limited: input.limited, shopIds: input.shopIds };
}

/** The shops a member may see: null for all. */
export async function grantedShopIds(tx: Tx, orgId: string, userId: string, limited: boolean): Promise<string[] | null> {
  if (!limited) return null;
  const rows = await tx
    .select({ shopId: membershipShopGrants.shopId })
    .from(membershipShopGrants)
    .where(and(eq(membershipShopGrants.orgId, orgId), eq(membershipShopGrants.userId, userId)));
  return rows.map((r) => r.shopId);
}

