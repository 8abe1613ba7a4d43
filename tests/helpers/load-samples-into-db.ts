import type { DbHandle } from "@/db/client";
import { creators, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { createOrganisation } from "@/server/orgs/service";
import { insertShopFacts } from "@/server/demo/insert-facts";
import type { ImportKind } from "@/lib/contracts/imports";
import { runImport, type ImportSummary } from "@/server/imports/service";
import { systemScope } from "@/server/lib/scope";
import type { CanonicalSamples } from "./canonical-samples";
import { douyinExport, SAMPLE_EXPORT_KINDS } from "./sample-paths";

/**
 * Writes the canonical sample facts straight into the fact tables (the importer has its own
 * tests), one organisation per org_key, and marks every shop's roll-ups dirty. The shops named in
 * `withoutFactsOf` are created empty, for a test that brings their facts in through the importer.
 */
export async function loadSamplesIntoDb(handle: DbHandle, samples: CanonicalSamples, options: { withoutFactsOf?: ReadonlySet<string> } = {}): Promise<{ orgIds: Map<string, string>; shopIds: Map<string, string>; creatorIds: Map<string, string> }> {
  const orgIds = new Map<string, string>();
  const shopIds = new Map<string, string>();
  const creatorIds = new Map<string, string>();
  for (const orgKey of [...new Set(samples.shops.map((s) => s.orgKey))].sort()) {
    orgIds.set(orgKey, (await createOrganisation(handle, { name: `sample ${orgKey}`, kind: "agency", ownerUserId: null })).orgId);
  }
  for (const shop of samples.shops) {
    const orgId = orgIds.get(shop.orgKey) ?? "";
    await withTenant(handle, { orgId }, async (tx) => {
      const [row] = await tx.insert(shops).values({ orgId, externalId: shop.key, name: shop.key, categoryCode: shop.categoryCode }).returning({ id: shops.id });
      const shopId = row?.id ?? "";
      shopIds.set(shop.key, shopId);
      if (!options.withoutFactsOf?.has(shop.key)) await insertShopFacts(tx, orgId, shopId, shop.facts);
    });
  }
  for (const creator of samples.creators) {
    const orgId = orgIds.get(creator.orgKey) ?? "";
    const authorId = creator.key.split(":")[1] ?? "";
    await withTenant(handle, { orgId }, async (tx) => {
      const [row] = await tx.insert(creators).values({ orgId, externalId: authorId, name: authorId, categoryCode: creator.categoryCode }).returning({ id: creators.id });
      creatorIds.set(creator.key, row?.id ?? "");
    });
  }
  return { orgIds, shopIds, creatorIds };
}

/**
 * Brings the platform-style exports of the shops in `shopKeys` (tests/fixtures/samples/douyin-exports)
 * in through the importer, every shop kind of each, into the shops `loadSamplesIntoDb` created empty.
 */
export async function importSampleExports(
  handle: DbHandle,
  samples: CanonicalSamples,
  ids: { orgIds: Map<string, string>; shopIds: Map<string, string> },
  shopKeys: ReadonlySet<string>,
): Promise<{ shopKey: string; kind: ImportKind; summary: ImportSummary }[]> {
  const summaries: { shopKey: string; kind: ImportKind; summary: ImportSummary }[] = [];
  for (const shopKey of [...shopKeys].sort()) {
    const orgKey = samples.shops.find((s) => s.key === shopKey)?.orgKey ?? "";
    const scope = systemScope(ids.orgIds.get(orgKey) ?? "");
    for (const kind of SAMPLE_EXPORT_KINDS) {
      const summary = await runImport(handle, scope, { shopId: ids.shopIds.get(shopKey) ?? "", kind, source: { path: douyinExport(shopKey, kind) }, fileName: `${kind}.csv` });
      summaries.push({ shopKey, kind, summary });
    }
  }
  return summaries;
}
