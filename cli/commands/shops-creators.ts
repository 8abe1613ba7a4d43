import type { Command } from "commander";
import { createShopInput } from "@/server/shops/schemas";
import { createShop, listShops, upsertShops } from "@/server/shops/service";
import { createCreatorInput } from "@/server/creators/schemas";
import { createCreator, upsertCreators } from "@/server/creators/service";
import { emit, inOrg, withDatabase } from "../context";
import { readEntityCsv } from "../entity-csv";

export function registerShopAndCreatorCommands(program: Command) {
  const shop = program.command("shop").description("shops");
  shop
    .command("create")
    .requiredOption("--org <org>", "organisation id or exact name")
    .requiredOption("--name <name>")
    .requiredOption("--category <category>", "一级类目: code, Chinese or English name")
    .option("--external-id <id>", "the platform's shop id")
    .option("--rule-set <name>")
    .action(async (opts: { org: string; name: string; category: string; externalId?: string; ruleSet?: string }) => {
      const input = createShopInput.parse({ name: opts.name, category: opts.category, externalId: opts.externalId, ruleSet: opts.ruleSet });
      const created = await withDatabase((handle) => inOrg(handle, opts.org, (tx, scope) => createShop(tx, scope, input)));
      emit({ id: created.id, externalId: created.externalId, name: created.name, category: created.categoryCode, ruleSet: created.ruleSet });
    });
  shop
    .command("import")
    .requiredOption("--org <org>")
    .argument("<file>", "CSV with columns name, external_id, category")
    .action(async (file: string, opts: { org: string }) => {
      const rows = readEntityCsv(file);
      const result = await withDatabase((handle) => inOrg(handle, opts.org, (tx, scope) => upsertShops(tx, scope, rows)));
      emit({ file, ...result });
    });
  shop
    .command("list")
    .requiredOption("--org <org>")
    .option("--search <text>")
    .option("--category <category>")
    .option("--include-archived")
    .action(async (opts: { org: string; search?: string; category?: string; includeArchived?: boolean }) => {
      const rows = await withDatabase((handle) =>
        inOrg(handle, opts.org, (tx, scope) => listShops(tx, scope, { search: opts.search, category: opts.category, includeArchived: Boolean(opts.includeArchived) })),
      );
      emit({
        shops: rows.map((s) => ({ id: s.id, externalId: s.externalId, name: s.name, category: s.categoryCode, ruleSet: s.ruleSet, archived: s.archivedAt !== null })),
      });
    });

  const creator = program.command("creator").description("creator accounts (达人)");
  creator
    .command("create")
    .requiredOption("--org <org>")
    .requiredOption("--name <name>")
    .requiredOption("--external-id <id>", "the platform's author id (达人ID) orders carry")
    .requiredOption("--category <category>")
    .option("--handle <handle>")
    .option("--rule-set <name>")
    .action(async (opts: { org: string; name: string; externalId: string; category: string; handle?: string; ruleSet?: string }) => {
      const input = createCreatorInput.parse({ name: opts.name, externalId: opts.externalId, category: opts.category, handle: opts.handle, ruleSet: opts.ruleSet });
      const created = await withDatabase((handle) => inOrg(handle, opts.org, (tx, scope) => createCreator(tx, scope, input)));
      emit({ id: created.id, externalId: created.externalId, name: created.name, category: created.categoryCode, ruleSet: created.ruleSet });
    });
  creator
    .command("import")
    .requiredOption("--org <org>")
    .argument("<file>", "CSV with columns name, external_id, category")
    .action(async (file: string, opts: { org: string }) => {
      const rows = readEntityCsv(file);
      const result = await withDatabase((handle) => inOrg(handle, opts.org, (tx, scope) => upsertCreators(tx, scope, rows)));
      emit({ file, ...result });
    });
}
