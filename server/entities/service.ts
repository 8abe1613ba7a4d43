import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  scoredEntityKinds,
  type CreateEntityInput,
  type ScoredEntityKind,
  type UpdateEntityInput,
} from "@/lib/contracts/entities";
import type { StoreType } from "@/lib/contracts/facts";
import { categoryCodeFor } from "@/server/catalog/service";
import { withdrawCardOfArchived } from "@/server/directory/listing";
import { upsertByExternalId, type EntityListRow } from "@/server/catalog/upsert-by-external-id";
import { audit } from "@/server/lib/audit";
import { memberships, organisations } from "@/db/schema";
import { badInput, conflict } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { markEntityFactsChanged } from "@/server/scoring/refresh";
import { entityNotFound, findByExternalId, getEntity, PLATFORM } from "./queries";
import { rowsOf, tableOf, type ScoredEntityWrite } from "./tables";

/** A create or update input of either kind, seen through the fields the kinds share. */
type EntityInput = {
  name?: string;
  category?: string;
  externalId?: string;
  ruleSet?: string;
  openedAt?: string | null;
  handle?: string | null;
  storeType?: StoreType;
  alias?: string | null;
  ownerUserId?: string | null;
};

const generatedExternalId = () => `manual-${randomBytes(5).toString("hex")}`;

async function assertExternalIdFree(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, externalId: string) {
  if (await findByExternalId(tx, scope.orgId, kind, externalId)) throw conflict("externalIdTaken", "externalId");
}

/** The columns an input sets besides the category: shared ones and the optional fields its kind declares. */
function columnsFrom(kind: ScoredEntityKind, input: EntityInput): ScoredEntityWrite {
  const write: ScoredEntityWrite = {};
  if (input.name !== undefined) write.name = input.name;
  if (input.ruleSet !== undefined) write.ruleSet = input.ruleSet;
  if (input.alias !== undefined) write.alias = input.alias || null;
  if (input.ownerUserId !== undefined) write.ownerUserId = input.ownerUserId ?? null;
  for (const field of scoredEntityKinds[kind].fields) {
    if (input[field] !== undefined) write[field] = input[field] ?? null;
  }
  if (scoredEntityKinds[kind].hasStoreType && input.storeType !== undefined) write.storeType = input.storeType;
  return write;
}

async function defaultShopRuleSetOf(tx: Tx, orgId: string): Promise<string | undefined> {
  const [org] = await tx.select({ ruleSet: organisations.defaultShopRuleSet }).from(organisations).where(eq(organisations.orgId, orgId));
  return org?.ruleSet;
}

/** The member responsible must belong to the organisation. */
async function assertOwnerIsMember(tx: Tx, scope: OrgScope, ownerUserId: string | null | undefined) {
  if (!ownerUserId) return;
  const [member] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, scope.orgId), eq(memberships.userId, ownerUserId)));
  if (!member) throw badInput("ownerNotMember", "ownerUserId");
}

export async function createEntity<K extends ScoredEntityKind>(tx: Tx, scope: OrgScope, kind: K, input: CreateEntityInput<K>) {
  await assertOwnerIsMember(tx, scope, input.ownerUserId);
  const categoryCode = await categoryCodeFor(tx, input.category);
  const externalId = input.externalId ?? generatedExternalId();
  await assertExternalIdFree(tx, scope, kind, externalId);
  const values = { ...columnsFrom(kind, input), orgId: scope.orgId, platform: PLATFORM, externalId, name: input.name, categoryCode };
  // A shop without a rule set of its own starts with the organisation's choice.
  if (kind === "shop" && input.ruleSet === undefined) values.ruleSet = await defaultShopRuleSetOf(tx, scope.orgId);
  const [row] = rowsOf(kind, await tx.insert(tableOf(kind)).values(values).returning());
  if (!row) throw new Error("insert returned no row");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: `${kind}.create`, target: row.id, data: { name: row.name } });
  return row;
}

export async function updateEntity<K extends ScoredEntityKind>(tx: Tx, scope: OrgScope, kind: K, input: UpdateEntityInput<K>) {
  const current = await getEntity(tx, scope, kind, input.id);
  await assertOwnerIsMember(tx, scope, input.ownerUserId);
  const patch: ScoredEntityWrite = { ...columnsFrom(kind, input), updatedAt: new Date() };
  if (input.category !== undefined) patch.categoryCode = await categoryCodeFor(tx, input.category);
  if (input.externalId !== undefined && input.externalId !== current.externalId) {
    await assertExternalIdFree(tx, scope, kind, input.externalId);
    patch.externalId = input.externalId;
  }
  const row = await writeVisible(tx, scope, kind, input.id, patch);
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: `${kind}.update`, target: row.id, data: patch });
  // Another rule set (or another category, which changes the cohort) scores the whole history anew.
  const rescore = (patch.ruleSet !== undefined && patch.ruleSet !== current.ruleSet) || (patch.categoryCode !== undefined && patch.categoryCode !== current.categoryCode);
  if (rescore) await markEntityFactsChanged(tx, scope.orgId, { kind, id: row.id }, null);
  return Object.assign(row, { rescoreScheduled: rescore });
}

export async function setEntityArchived<K extends ScoredEntityKind>(tx: Tx, scope: OrgScope, kind: K, id: string, archived: boolean) {
  await getEntity(tx, scope, kind, id);
  const row = await writeVisible(tx, scope, kind, id, { archivedAt: archived ? new Date() : null, updatedAt: new Date() });
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: `${kind}.${archived ? "archive" : "unarchive"}`, target: id });
  if (archived) await withdrawCardOfArchived(tx, scope, kind, id);
  return row;
}

/** Writes one row the caller has just read through its visibility. */
async function writeVisible<K extends ScoredEntityKind>(tx: Tx, scope: OrgScope, kind: K, id: string, patch: ScoredEntityWrite) {
  const table = tableOf(kind);
  const [row] = rowsOf(kind, await tx.update(table).set(patch).where(and(eq(table.orgId, scope.orgId), eq(table.id, id))).returning());
  if (!row) throw entityNotFound(kind);
  return row;
}

/** Bulk create-or-update by platform id: re-running the same list never duplicates an entity. */
export function upsertEntities(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, rows: EntityListRow[]) {
  return upsertByExternalId(tx, rows, {
    find: (externalId) => findByExternalId(tx, scope.orgId, kind, externalId),
    create: (row) => createEntity(tx, scope, kind, row),
    update: (id, row) => updateEntity(tx, scope, kind, { id, name: row.name, category: row.categoryCode, ...(row.storeType ? { storeType: row.storeType } : {}) }),
  });
}
