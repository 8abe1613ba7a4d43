import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users } from "@/db/schema";

/** Invalidates every JWT the user holds (password change, forced sign-out). */
export async function bumpSessionVersion(tx: Tx, userId: string) {
  await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
}
