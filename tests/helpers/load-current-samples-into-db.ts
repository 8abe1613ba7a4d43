import fs from "node:fs";
import path from "node:path";
import type { DbHandle } from "@/db/client";
import { shops } from "@/db/schema";
import type { ImportKind } from "@/lib/contracts/imports";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { withTenant } from "@/server/db/tenant";
import { runImport, type ImportSummary } from "@/server/imports/service";
import { systemScope } from "@/server/lib/scope";
import { createOrganisation } from "@/server/orgs/service";
import { currentFactRows, type CurrentSample } from "./current-samples";
import { CURRENT_DOUYIN_EXPORTS_DIR, currentDouyinExport } from "./sample-paths";

export type LoadedCurrentSamples = {
  /** org_key → organisation id; organisations are named `current <org_key>`. */
  orgIds: Map<string, string>;
  /** shop id → shop_key. */
  shopKeyOf: Map<string, string>;
  summaries: { shopKey: string; kind: string; summary: ImportSummary }[];
};

/**
 * The current samples in a database: one organisation per org_key, one shop per shop_key (its
 * category and store type), canonical facts written directly, except the shops in `importedShops`,
 * whose platform-style exports go through the importer, every kind file there is.
 */
export async function loadCurrentSamplesIntoDb(handle: DbHandle, samples: readonly CurrentSample[], importedShops: ReadonlySet<string> = new Set()): Promise<LoadedCurrentSamples> {
  const loaded: LoadedCurrentSamples = { orgIds: new Map(), shopKeyOf: new Map(), summaries: [] };
  for (const orgKey of [...new Set(samples.map((s) => s.orgKey))].sort()) {
    loaded.orgIds.set(orgKey, (await createOrganisation(handle, { name: `current ${orgKey}`, kind: "agency", ownerUserId: null })).orgId);
  }
  for (const sample of samples) {
    const orgId = loaded.orgIds.get(sample.orgKey) ?? "";
    const imported = importedShops.has(sample.key);
    const shopId = await withTenant(handle, { orgId }, async (tx) => {
      const [row] = await tx.insert(shops).values({ orgId, externalId: sample.key, name: sample.key, categoryCode: sample.categoryCode, storeType: sample.storeType }).returning({ id: shops.id });
      if (!row) throw new Error("no shop row");
      if (!imported) await insertShopFacts(tx, orgId, row.id, currentFactRows(sample));
      return row.id;
    });
    loaded.shopKeyOf.set(shopId, sample.key);
    if (!imported) continue;
    for (const file of fs.readdirSync(path.join(CURRENT_DOUYIN_EXPORTS_DIR, sample.key)).sort()) {
      const kind = file.replace(/\.csv$/, "") as ImportKind;
      const summary = await runImport(handle, systemScope(orgId), { shopId, kind, source: { path: currentDouyinExport(sample.key, kind) }, fileName: file });
      loaded.summaries.push({ shopKey: sample.key, kind, summary });
    }
  }
  return loaded;
}
