import { date, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { ENTITY_KINDS } from "@/lib/contracts/entity-kinds";
import { createdAt, idColumn, orgIdColumn, updatedAt } from "./_columns";
import { organisations } from "./orgs";

/**
 * A user's note on a day of a shop's or creator account's timeline ("switched carrier"), drawn on
 * its score history. One table for both kinds (entity_kind + entity_id, like score_snapshots), so
 * no foreign key to the entity; the entity's visibility is checked by the procedures.
 */
export const entityAnnotations = pgTable(
  "entity_annotations",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    text: text("text").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("entity_annotations_entity_day").on(t.orgId, t.entityKind, t.entityId, t.day)],
);
