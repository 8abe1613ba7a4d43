import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { invitations, memberships, membershipShopGrants, organisations, users } from "@/db/schema";
import { rowsOf } from "@/db/security";
import type { Role } from "@/lib/contracts/members";
import { withTenant } from "@/server/db/tenant";
import { audit } from "@/server/lib/audit";
import { AppError, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { assertEntitiesInOrg } from "@/server/entities/queries";
import { accessWithin, assertMayGrant, invitedAccess } from "@/server/members/reach";
import { hashSecretToken as hashToken, newSecretToken } from "@/server/auth/secret-token";
import { maskEmail } from "./mask-email";

export const INVITATION_TTL_DAYS = 7;

/** Only the token's hash is stored: a leaked database does not leak usable invitation links. */
export async function createInvitation(
  tx: Tx,
  scope: OrgScope,
  input: { role: Role; email?: string | null; shopIds: string[] },
) {
  await assertEntitiesInOrg(tx, "shop", scope.orgId, input.shopIds);
  assertMayGrant(scope, invitedAccess(input.role, input.shopIds));
  const token = newSecretToken();
  const [row] = await tx
    .insert(invitations)
    .values({
      orgId: scope.orgId,
      role: input.role,
      email: input.email ?? null,
      shopIds: [...new Set(input.shopIds)],
      tokenHash: hashToken(token),
      createdBy: scope.userId,
      expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "invitation.create", target: row.id, data: { role: input.role, shopIds: input.shopIds } });
  return { id: row.id, token, path: `/invite/${token}`, expiresAt: row.expiresAt, role: row.role, shopIds: row.shopIds };
}

/** Open and past invitations; a limited admin sees only those within its own access. */
export async function listInvitations(tx: Tx, scope: OrgScope) {
  const rows = await tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      shopIds: invitations.shopIds,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(eq(invitations.orgId, scope.orgId))
    .orderBy(desc(invitations.createdAt));
  return rows.filter((inv) => accessWithin(invitedAccess(inv.role, inv.shopIds), scope));
}

export async function revokeInvitation(tx: Tx, scope: OrgScope, id: string) {
  const [row] = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.orgId, scope.orgId), eq(invitations.id, id), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  if (!row) throw notFound();
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "invitation.revoke", target: id });
  return row;
}

/** An invitation naming an address is for that address only; one without is a bearer link by design. */
async function assertInvitedAddress(tx: Tx, invitedEmail: string | null, userId: string) {
  if (!invitedEmail) return;
  const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (user?.email.toLowerCase() !== invitedEmail.trim().toLowerCase()) throw new AppError("FORBIDDEN", "errors.invitationForAnotherAddress");
}

/** Sign-up with an invitation: refused before any account is made when the address is not the invited one. */
export async function assertInvitationAddress(handle: DbHandle, token: string, email: string) {
  const orgId = await orgOfToken(handle, token);
  await withTenant(handle, { orgId }, async (tx) => {
    const [inv] = await tx.select().from(invitations).where(and(eq(invitations.orgId, orgId), eq(invitations.tokenHash, hashToken(token))));
    if (!inv) throw new AppError("NOT_FOUND", "errors.invitationInvalid");
    assertUsable(inv);
    if (inv.email && inv.email.trim().toLowerCase() !== email.trim().toLowerCase()) {
      throw new AppError("FORBIDDEN", "errors.invitationForAnotherAddress");
    }
  });
}

async function orgOfToken(handle: DbHandle, token: string): Promise<string> {
  const rows = await withTenant(handle, { orgId: null }, async (tx) =>
    rowsOf<{ org_id: string | null }>(await tx.execute(sql`select koubei_invitation_org(${hashToken(token)}) as org_id`)),
  );
  const orgId = rows[0]?.org_id;
  if (!orgId) throw new AppError("NOT_FOUND", "errors.invitationInvalid");
  return orgId;
}

function assertUsable(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }) {
  if (inv.acceptedAt) throw new AppError("GONE", "errors.invitationUsed");
  if (inv.revokedAt) throw new AppError("GONE", "errors.invitationRevoked");
  if (inv.expiresAt.getTime() < Date.now()) throw new AppError("GONE", "errors.invitationExpired");
}

/**
 * What the invitation page shows before the user accepts. Anyone holding the link sees it, so the
 * invited address is masked: enough for its owner to recognise, not enough to harvest.
 */
export async function describeInvitation(handle: DbHandle, token: string) {
  const orgId = await orgOfToken(handle, token);
  return withTenant(handle, { orgId }, async (tx) => {
    const [inv] = await tx.select().from(invitations).where(and(eq(invitations.orgId, orgId), eq(invitations.tokenHash, hashToken(token))));
    if (!inv) throw new AppError("NOT_FOUND", "errors.invitationInvalid");
    assertUsable(inv);
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.orgId, orgId));
    return { orgId, orgName: org?.name ?? "", role: inv.role, email: inv.email ? maskEmail(inv.email) : null, limited: inv.shopIds.length > 0 };
  });
}

export async function acceptInvitation(handle: DbHandle, input: { token: string; userId: string }) {
  const orgId = await orgOfToken(handle, input.token);
  return withTenant(handle, { orgId, userId: input.userId }, async (tx) => {
    // Lock the row: two tabs accepting the same link must not both succeed.
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), eq(invitations.tokenHash, hashToken(input.token))))
      .for("update");
    if (!inv) throw new AppError("NOT_FOUND", "errors.invitationInvalid");
    assertUsable(inv);
    await assertInvitedAddress(tx, inv.email, input.userId);
    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, input.userId)));
    if (existing) throw new AppError("CONFLICT", "errors.alreadyMember");
    const limited = inv.shopIds.length > 0;
    await tx.insert(memberships).values({ orgId, userId: input.userId, role: inv.role, limitedToGrants: limited });
    if (limited) {
      await tx.insert(membershipShopGrants).values(inv.shopIds.map((shopId) => ({ orgId, userId: input.userId, shopId })));
    }
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: input.userId })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.id, inv.id)));
    await audit(tx, { orgId, actorUserId: input.userId, action: "invitation.accept", target: inv.id });
    return { orgId, role: inv.role };
  });
}
