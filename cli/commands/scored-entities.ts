import type { Command } from "commander";
import {
  createEntityInput,
  SCORED_ENTITY_KINDS,
  scoredEntityKinds,
  type OptionalEntityField,
  type ScoredEntityKind,
} from "@/lib/contracts/entities";
import { listEntities } from "@/server/entities/queries";
import { createEntity, upsertEntities } from "@/server/entities/service";
import { emit, inOrg, withDatabase } from "../context";
import { readEntityCsv, storeTypeCell } from "../entity-csv";

const DESCRIPTIONS: Record<ScoredEntityKind, { command: string; externalId: string }> = {
  shop: { command: "shops", externalId: "the platform's shop id (generated when left out)" },
  creator: { command: "creator accounts (达人)", externalId: "the platform's author id (达人ID) orders carry" },
};

/** commander's option flag and the camel-case key it parses into, per optional field. */
const FIELD_FLAGS: Record<OptionalEntityField, string> = { openedAt: "--opened-at <day>", handle: "--handle <handle>" };

type CreateOptions = { org: string; name: string; category: string; externalId?: string; ruleSet?: string; storeType?: string } & Partial<Record<OptionalEntityField, string>>;
type ListOptions = { org: string; search?: string; category?: string; includeArchived?: boolean };

const summary = (row: { id: string; externalId: string; name: string; categoryCode: string; ruleSet: string; storeType?: string }) => ({
  id: row.id,
  externalId: row.externalId,
  name: row.name,
  category: row.categoryCode,
  ruleSet: row.ruleSet,
  ...(row.storeType ? { storeType: row.storeType } : {}),
});

/** `koubei shop …` and `koubei creator …`: create one, import a list, list them. */
export function registerScoredEntityCommands(program: Command) {
  for (const kind of SCORED_ENTITY_KINDS) registerKind(program, kind);
}

function registerKind(program: Command, kind: ScoredEntityKind) {
  const info = scoredEntityKinds[kind];
  const group = program.command(kind).description(DESCRIPTIONS[kind].command);
  const create = group
    .command("create")
    .requiredOption("--org <org>", "organisation id or exact name")
    .requiredOption("--name <name>")
    .requiredOption("--category <category>", "一级类目: code, Chinese or English name")
    .option("--rule-set <name>", info.ruleSets.join(" | "));
  if (info.externalIdRequired) create.requiredOption("--external-id <id>", DESCRIPTIONS[kind].externalId);
  else create.option("--external-id <id>", DESCRIPTIONS[kind].externalId);
  for (const field of info.fields) create.option(FIELD_FLAGS[field]);
  if (info.hasStoreType) create.option("--store-type <type>", "店铺类型: flagship|franchise|specialty|ordinary, or 旗舰店|专卖店|专营店|其他");
  create.action(async (opts: CreateOptions) => {
    const { org, storeType, ...fields } = opts;
    const input = createEntityInput[kind].parse({ ...fields, ...(storeType ? { storeType: storeTypeCell(storeType, "--store-type") } : {}) });
    const created = await withDatabase((handle) => inOrg(handle, org, (tx, scope) => createEntity(tx, scope, kind, input)));
    emit(summary(created));
  });
  group
    .command("import")
    .requiredOption("--org <org>")
    .argument("<file>", info.hasStoreType ? "CSV with columns name, external_id, category, optional store_type (店铺类型)" : "CSV with columns name, external_id, category")
    .action(async (file: string, opts: { org: string }) => {
      const rows = readEntityCsv(file, { withStoreType: info.hasStoreType });
      const result = await withDatabase((handle) => inOrg(handle, opts.org, (tx, scope) => upsertEntities(tx, scope, kind, rows)));
      emit({ file, ...result });
    });
  group
    .command("list")
    .requiredOption("--org <org>")
    .option("--search <text>")
    .option("--category <category>")
    .option("--include-archived")
    .action(async (opts: ListOptions) => {
      const input = { search: opts.search, category: opts.category, includeArchived: Boolean(opts.includeArchived) };
      const rows = await withDatabase((handle) => inOrg(handle, opts.org, (tx, scope) => listEntities(tx, scope, kind, input)));
      emit({ [info.plural]: rows.map((row) => ({ ...summary(row), archived: row.archivedAt !== null })) });
    });
}
