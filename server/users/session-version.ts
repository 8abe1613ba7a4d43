import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users } from "@/db/schema";

/** A new password: sessions signed in with the old one end with it (change, reset, demo renewal). */
export async function replacePasswordHash(tx: Tx, userId: string, passwordHash: string) {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
  await bumpSessionVersion(tx, userId);
}

/** Invalidates every JWT the user holds (password change, forced sign-out). */
export async function bumpSessionVersion(tx: Tx, userId: string) {
  await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
}
