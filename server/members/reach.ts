import type { Role } from "@/lib/contracts/members";
import { AppError } from "@/server/lib/errors";

/** What a member holds in an organisation: a role, and every shop (null) or only the granted ones. */
export type Access = { role: Role; shopIds: readonly string[] | null };

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2, owner: 3 };

/** True when `inner` gives nothing that `outer` does not hold: no higher role, no shop outside it. */
export function accessWithin(inner: Access, outer: Access): boolean {
  if (RANK[inner.role] > RANK[outer.role]) return false;
  if (outer.shopIds === null) return true;
  if (inner.shopIds === null) return false;
  const held = new Set(outer.shopIds);
  return inner.shopIds.every((shopId) => held.has(shopId));
}

const onlyOwners = () => new AppError("FORBIDDEN", "errors.onlyOwnerManagesOwners");

/** Nobody grants more than they hold: a limited admin can hand out only its own shops, never "all shops". */
export function assertMayGrant(actor: Access, granted: Access): void {
  if (granted.role === "owner" && actor.role !== "owner") throw onlyOwners();
  if (!accessWithin(granted, actor)) throw new AppError("FORBIDDEN", "errors.grantBeyondOwn");
}

/**
 * Owners are out of reach of everyone but owners; otherwise a manager reaches only members whose
 * access lies within its own, so a limited admin cannot restrict, demote or remove an unlimited one.
 */
export function mayManage(actor: Access, member: Access): boolean {
  if (member.role === "owner" && actor.role !== "owner") return false;
  return accessWithin(member, actor);
}

export function assertMayManage(actor: Access, member: Access): void {
  if (member.role === "owner" && actor.role !== "owner") throw onlyOwners();
  if (!mayManage(actor, member)) throw new AppError("FORBIDDEN", "errors.memberOutOfReach");
}

/** An invitation's shops as access: none listed means every shop. */
export const invitedAccess = (role: Role, shopIds: readonly string[]): Access => ({ role, shopIds: shopIds.length > 0 ? shopIds : null });
