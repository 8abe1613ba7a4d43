import { z } from "zod";
import type { DbHandle, Tx } from "@/db/client";
import { apiKeyRole, can } from "@/server/authz/permissions";
import { confirmApiKeyUse, findLiveApiKey } from "@/server/api-keys/service";
import { claimInWindow, apiKeyThrottleKey, rateLimited, type RateWindow } from "@/server/auth/throttle";
import type { Permission } from "@/lib/contracts/permissions";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { grantedShopIds } from "@/server/members/service";
import { findMembership } from "@/server/orgs/service";
import { findUserById } from "@/server/users/service";

/** What a signed-in request carries (Auth.js JWT): who, and which session version they signed in under. */
export type Session = { userId: string; sessionVersion: number } | null;

/** A public-API request: the bearer key, and the rate its transport allows per key. */
export type ApiKeyCredential = { apiKey: string; rate: RateWindow };

/** Who a request acts as: a signed-in user (the app) or an organisation's API key (the public API), never both. */
export type Credential = Session | ApiKeyCredential;

const isApiKey = (credential: Credential): credential is ApiKeyCredential => credential !== null && "apiKey" in credential;

export type SignedInUser = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

const signInRequired = () => new AppError("UNAUTHORIZED", "errors.signInRequired");

/** The session's user as the database knows them now: a bumped session version (password change, forced sign-out) invalidates older JWTs. */
export async function signedInUser(handle: DbHandle, session: Session): Promise<SignedInUser> {
  if (!session) throw signInRequired();
  const user = await findUserById(handle, session.userId);
  if (!user || user.sessionVersion !== session.sessionVersion) throw signInRequired();
  return user;
}

/**
 * The tenancy guard, the only one: a current session, a membership of `orgId` read from the
 * database, the permission by name, and the shops a limited member was granted. `work` runs in
 * the same RLS-scoped transaction as the check, so a membership removed meanwhile cannot slip
 * between them. Every tRPC procedure and every route handler comes through here; an API key
 * too, acting for its own organisation with the permissions of its scope.
 */
export async function withOrgScope<T>(
  handle: DbHandle,
  credential: Credential,
  orgId: string | null,
  permission: Permission,
  work: (tx: Tx, scope: OrgScope) => Promise<T>,
): Promise<T> {
  if (isApiKey(credential)) return withApiKeyScope(handle, credential, orgId, permission, work);
  const session = credential;
  const user = await signedInUser(handle, session);
  if (!orgId || !z.uuid().safeParse(orgId).success) throw new AppError("BAD_INPUT", "errors.noOrganisation");
  return withTenant(handle, { orgId, userId: user.id }, async (tx) => {
    const membership = await findMembership(tx, orgId, user.id);
    if (!membership) throw new AppError("FORBIDDEN", "errors.notAMember");
    if (!can(membership.role, permission)) throw new AppError("FORBIDDEN", "errors.forbidden");
    const shopIds = await grantedShopIds(tx, orgId, user.id, membership.limitedToGrants);
    return work(tx, { orgId, userId: user.id, role: membership.role, shopIds });
  });
}

const invalidKey = () => new AppError("UNAUTHORIZED", "errors.apiKeys.invalid");

/**
 * The key's organisation is the tenant (a request naming another one is refused like a
 * non-member); its scope stands in for a role (read: a viewer's permissions, write: an
 * analyst's), so no key ever holds an administrator's. Each request counts against the key's
 * rate before any work; a key revoked meanwhile is refused inside the transaction.
 */
async function withApiKeyScope<T>(
  handle: DbHandle,
  credential: ApiKeyCredential,
  orgId: string | null,
  permission: Permission,
  work: (tx: Tx, scope: OrgScope) => Promise<T>,
): Promise<T> {
  const key = await findLiveApiKey(handle, credential.apiKey);
  if (!key) throw invalidKey();
  if (orgId && orgId !== key.orgId) throw new AppError("FORBIDDEN", "errors.notAMember");
  const claim = await claimInWindow(handle, apiKeyThrottleKey(key.id), credential.rate);
  if (!claim.allowed) throw rateLimited(claim.retryAfterSeconds);
  const role = apiKeyRole(key.scope);
  return withTenant(handle, { orgId: key.orgId, userId: key.createdBy }, async (tx) => {
    if (!(await confirmApiKeyUse(tx, key))) throw invalidKey();
    if (!can(role, permission)) throw new AppError("FORBIDDEN", "errors.apiKeys.scope");
    return work(tx, { orgId: key.orgId, userId: key.createdBy, role, shopIds: null });
  });
}

/**
 * The same guard for callers that open their own transactions afterwards (the import engine,
 * route handlers): the check's transaction has ended when the scope is returned, because PGlite
 * has a single connection.
 */
export function resolveOrgScope(handle: DbHandle, session: Credential, orgId: string | null, permission: Permission): Promise<OrgScope> {
  return withOrgScope(handle, session, orgId, permission, async (_tx, scope) => scope);
}
