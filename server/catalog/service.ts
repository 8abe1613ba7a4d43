import { asc } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { categories } from "@/db/schema";
import { badInput } from "@/server/lib/errors";
import { resolveCategory } from "./categories";

export async function listCategories(db: Queryable) {
  return db.select().from(categories).orderBy(asc(categories.sortOrder));
}

/** A shop or creator names its category by code, Chinese or English name. */
export async function categoryCodeFor(db: Queryable, ref: string, field = "category"): Promise<string> {
  const found = resolveCategory(await listCategories(db), ref);
  if (!found) throw badInput("unknownCategory", field, { value: ref });
  return found.code;
}
