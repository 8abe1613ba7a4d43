import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { createCaller } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import { createOrganisation } from "@/server/orgs/service";
import { createUser } from "@/server/users/service";
import { findUserById } from "@/server/users/service";

let counter = 0;

export async function callerFor(handle: DbHandle, userId: string | null, orgId: string | null = null, locale: Context["locale"] = "en") {
  const session = userId ? { userId, sessionVersion: (await findUserById(handle, userId))?.sessionVersion ?? 1 } : null;
  return createCaller({ runtime: { handle, boss: null }, session, orgId, locale, ip: "127.0.0.1" });
}

/** A new user who owns a new organisation, plus a caller acting as them inside it. */
export async function ownerWithOrg(handle: DbHandle, label = "org") {
  counter++;
  const user = await createUser(handle, {
    email: `${label}-${counter}-${Date.now()}@example.test`,
    password: "correct horse battery",
    name: `${label} owner`,
  });
  const org = await createOrganisation(handle, { name: `${label} ${counter}`, kind: "agency", ownerUserId: user.id });
  return { user, org, caller: await callerFor(handle, user.id, org.orgId) };
}

/** A procedure call's outcome as its tRPC code ("OK" when it succeeds). */
export async function trpcCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}
