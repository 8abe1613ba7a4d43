import { creators, shops } from "@/db/schema";
import type { ScoredEntityKind } from "@/lib/contracts/entities";

/** The table behind each kind; everything else that differs is in lib/contracts/entities.ts. */
export const scoredEntityTables = { shop: shops, creator: creators } as const;

export type ScoredEntityTable = (typeof scoredEntityTables)[ScoredEntityKind];

export type ScoredEntityRow<K extends ScoredEntityKind> = (typeof scoredEntityTables)[K]["$inferSelect"];

/** What an insert or update may write, whichever the kind (its own optional fields included). */
export type ScoredEntityWrite = Partial<typeof shops.$inferInsert & typeof creators.$inferInsert>;

/** The table of a kind as the union both kinds share (a generic index would defer its type). */
export const tableOf = (kind: ScoredEntityKind): ScoredEntityTable => scoredEntityTables[kind];

/**
 * Rows read from the union table, typed as the kind they were read for: `tableOf(kind)` is that
 * kind's table, so the row has its columns; the union type just cannot say so.
 */
export const rowsOf = <K extends ScoredEntityKind>(_kind: K, rows: readonly object[]) => rows as ScoredEntityRow<K>[];
