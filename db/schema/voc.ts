import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { PROBLEM_TYPES } from "@/lib/contracts/voc";
import { createdAt, orgIdColumn } from "./_columns";
import { organisations } from "./orgs";

/**
 * An organisation's own voice-of-the-customer keyword dictionary (problem type → term). While an
 * organisation has no row here the default dictionary (server/voc/default-dictionary.ts) applies;
 * once it saves one, its rows are the whole dictionary.
 */
export const vocKeywords = pgTable(
  "voc_keywords",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    problemType: text("problem_type", { enum: PROBLEM_TYPES }).notNull(),
    term: text("term").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.problemType, t.term] })],
);
