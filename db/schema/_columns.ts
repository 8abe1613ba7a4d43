import { sql } from "drizzle-orm";
import { timestamp, uuid } from "drizzle-orm/pg-core";

/** Every tenant-owned table starts with this column; RLS policies key on it (see db/rls.ts). */
export const orgIdColumn = () => uuid("org_id").notNull();

export const idColumn = () =>
  uuid("id")
    .notNull()
    .default(sql`gen_random_uuid()`);

export const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const tsColumn = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
