import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { CATEGORY_SEED } from "./reference-categories";
import { categories } from "./schema";

/** Reference rows shared by every tenant; safe to run on every start. */
export async function seedReferenceData(db: Db): Promise<void> {
  await db
    .insert(categories)
    .values(CATEGORY_SEED.map((c, i) => ({ ...c, sortOrder: i })))
    .onConflictDoUpdate({
      target: categories.code,
      set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, sortOrder: sql`excluded.sort_order` },
    });
}
