import { index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { API_KEY_SCOPES } from "@/lib/contracts/api-keys";
import { createdAt, idColumn, orgIdColumn, tsColumn } from "./_columns";
import { organisations } from "./orgs";

/**
 * An organisation's keys to the public API. Only a SHA-256 of the secret is kept (the secret is
 * shown once); `prefix` is the start of the secret, enough to tell keys apart in a list.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    scope: text("scope", { enum: API_KEY_SCOPES }).notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    lastUsedAt: tsColumn("last_used_at"),
    revokedAt: tsColumn("revoked_at"),
    revokedBy: uuid("revoked_by"),
  },
  // The key arrives before its organisation is known: koubei_api_key_org finds it by hash.
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("api_keys_secret_hash").on(t.secretHash), index("api_keys_org_created").on(t.orgId, t.createdAt)],
);
