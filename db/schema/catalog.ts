import { integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { ENTITY_KINDS } from "@/lib/contracts/entity-kinds";

/** 一级类目: a reference table shared by every tenant. */
export const categories = pgTable("categories", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull().unique(),
  nameEn: text("name_en").notNull().unique(),
  sortOrder: integer("sort_order").notNull().default(0),
});

/** Rule sets as reference rows, mirrored at start-up from server/scoring/rule-sets. */
export const ruleSets = pgTable("rule_sets", {
  name: text("name").primaryKey(),
  entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
  definition: jsonb("definition").notNull(),
});
