import type { DbHandle } from "@/db/client";
import type { Role } from "@/lib/contracts/members";
import type { RouteEnv } from "@/server/api/route-scope";
import { acceptInvitation } from "@/server/invitations/service";
import { createUser, findUserById } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../../helpers/callers";

let members = 0;

/** An agency with two shops and a creator account, and a caller for its owner. */
export async function agencyWithShops(handle: DbHandle, label: string) {
  const owner = await ownerWithOrg(handle, label);
  const shopA = await owner.caller.shops.create({ name: `${label} 甲店 ShopA`, category: "服饰内衣" });
  const shopB = await owner.caller.shops.create({ name: `${label} 乙店 ShopB`, category: "服饰内衣" });
  const creator = await owner.caller.creators.create({ name: `${label} 达人 Creator`, category: "服饰内衣", externalId: `${label}-creator` });
  return { ...owner, orgId: owner.org.orgId, shopA, shopB, creator };
}

/** A new member of the organisation with the role, limited to the shops when given; with a caller acting as them. */
export async function addMember(handle: DbHandle, org: { orgId: string; caller: Awaited<ReturnType<typeof ownerWithOrg>>["caller"] }, role: Role, shopIds: string[] = []) {
  const user = await createUser(handle, { email: `member-${++members}-${Date.now()}@example.test`, password: "correct horse battery", name: `成员 Member ${members}` });
  const invite = await org.caller.members.invite({ role, shopIds });
  await acceptInvitation(handle, { token: invite.token, userId: user.id });
  return { user, caller: await callerFor(handle, user.id, org.orgId) };
}

/** Route handlers' environment acting as this user. */
export async function routeEnvFor(handle: DbHandle, userId: string): Promise<RouteEnv> {
  const sessionVersion = (await findUserById(handle, userId))?.sessionVersion ?? 1;
  return { runtime: async () => ({ handle, boss: null }), session: async () => ({ userId, sessionVersion }) };
}
