import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { playbooks } from "@/db/schema";
import type { ListPlaybooksInput, PlaybookDraft, PlaybookEntry } from "@/lib/contracts/playbook-library";
import type { PlaybookDefinition } from "@/lib/contracts/playbooks";
import { audit } from "@/server/lib/audit";
import { badInput, conflict, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { INDICATOR_ORDER, INDICATORS } from "@/server/scoring/indicators";
import { BUILTIN_PLAYBOOKS, findBuiltinPlaybook, isBuiltinCode } from "./builtins";

type PlaybookRow = typeof playbooks.$inferSelect;

const builtinEntry = (definition: PlaybookDefinition): PlaybookEntry => ({
  source: "builtin",
  id: null,
  code: definition.code,
  version: definition.version,
  basedOnCode: null,
  basedOnVersion: null,
  archived: false,
  definition,
  updatedAt: null,
});

const orgEntry = (row: PlaybookRow): PlaybookEntry => ({
  source: "org",
  id: row.id,
  code: row.code,
  version: row.version,
  basedOnCode: row.basedOnCode,
  basedOnVersion: row.basedOnVersion,
  archived: row.archived,
  definition: row.definition,
  updatedAt: row.updatedAt,
});

async function orgRows(tx: Tx, orgId: string): Promise<PlaybookRow[]> {
  return tx.select().from(playbooks).where(eq(playbooks.orgId, orgId)).orderBy(asc(playbooks.code));
}

function matches(entry: PlaybookEntry, input: ListPlaybooksInput): boolean {
  const d = entry.definition;
  if (input?.dimension && d.dimension !== input.dimension) return false;
  if (input?.indicator && !d.indicators.includes(input.indicator)) return false;
  if (input?.entityKind && !d.entityKinds.includes(input.entityKind)) return false;
  return input?.includeArchived === true || !entry.archived;
}

/** The library a member sees: every built-in, then the organisation's own playbooks (copies and its own), filtered. */
export async function listLibrary(tx: Tx, scope: OrgScope, input: ListPlaybooksInput = {}): Promise<PlaybookEntry[]> {
  const own = (await orgRows(tx, scope.orgId)).map(orgEntry);
  return [...BUILTIN_PLAYBOOKS.map(builtinEntry), ...own].filter((entry) => matches(entry, input));
}

/** The library page: its playbooks and the names of the indicators they may target (for filters and labels). */
export async function libraryView(tx: Tx, scope: OrgScope, input: ListPlaybooksInput = {}) {
  const indicators = INDICATOR_ORDER.map((code) => ({ code, nameZh: INDICATORS[code].nameZh, nameEn: INDICATORS[code].nameEn, dimension: INDICATORS[code].dimension, kind: INDICATORS[code].kind }));
  return { entries: await listLibrary(tx, scope, input), indicators };
}

/**
 * The playbooks that can be suggested and applied: the organisation's own that are not archived,
 * and every built-in the organisation has not replaced by a copy of its own (an archived copy
 * gives the built-in back).
 */
export async function activePlaybooks(tx: Tx, orgId: string): Promise<PlaybookEntry[]> {
  const own = (await orgRows(tx, orgId)).filter((row) => !row.archived);
  const replaced = new Set(own.flatMap((row) => (row.basedOnCode ? [row.basedOnCode] : [])));
  return [...BUILTIN_PLAYBOOKS.filter((p) => !replaced.has(p.code)).map(builtinEntry), ...own.map(orgEntry)];
}

/** A playbook by code as the library shows it: the organisation's own first, else the built-in. */
export async function playbookByCode(tx: Tx, scope: OrgScope, code: string): Promise<PlaybookEntry> {
  const [row] = await tx.select().from(playbooks).where(and(eq(playbooks.orgId, scope.orgId), eq(playbooks.code, code)));
  if (row) return orgEntry(row);
  const builtin = findBuiltinPlaybook(code);
  if (!builtin) throw notFound("playbookNotFound");
  return builtinEntry(builtin);
}

async function ownRow(tx: Tx, scope: OrgScope, id: string): Promise<PlaybookRow> {
  const [row] = await tx.select().from(playbooks).where(and(eq(playbooks.orgId, scope.orgId), eq(playbooks.id, id)));
  if (!row) throw notFound("playbookNotFound");
  return row;
}

const KNOWN_INDICATORS: ReadonlySet<string> = new Set(INDICATOR_ORDER);

/** Indicators a playbook names must be the engine's: a trigger on a code no rule set has would never fire. */
function assertKnownIndicators(draft: Omit<PlaybookDraft, "code">): void {
  const named = [...draft.indicators, ...draft.triggers.flatMap((t) => ("indicator" in t ? [t.indicator] : []))];
  const unknown = named.find((code) => !KNOWN_INDICATORS.has(code));
  if (unknown) throw badInput("playbookUnknownIndicator", "definition.indicators", { code: unknown });
  const keys = draft.steps.map((s) => s.key);
  if (new Set(keys).size !== keys.length) throw badInput("playbookDuplicateStep", "definition.steps");
}

async function assertCodeFree(tx: Tx, orgId: string, code: string, field: string): Promise<void> {
  if (isBuiltinCode(code)) throw conflict("playbookCodeTaken", field);
  const [taken] = await tx.select({ id: playbooks.id }).from(playbooks).where(and(eq(playbooks.orgId, orgId), eq(playbooks.code, code)));
  if (taken) throw conflict("playbookCodeTaken", field);
}

/** The first free "<code>-copy", "<code>-copy-2", … of the organisation. */
async function freeCopyCode(tx: Tx, orgId: string, code: string): Promise<string> {
  const taken = new Set((await orgRows(tx, orgId)).map((row) => row.code));
  for (let n = 1; ; n++) {
    const candidate = `${code}-copy${n === 1 ? "" : `-${n}`}`.slice(0, 80);
    if (!taken.has(candidate) && !isBuiltinCode(candidate)) return candidate;
  }
}

/** Copies a built-in into the organisation's library (version 1, remembering the built-in's code and version). */
export async function copyBuiltin(tx: Tx, scope: OrgScope, input: { code: string; newCode?: string }): Promise<PlaybookEntry> {
  const builtin = findBuiltinPlaybook(input.code);
  if (!builtin) throw notFound("playbookNotFound");
  const code = input.newCode ?? (await freeCopyCode(tx, scope.orgId, builtin.code));
  if (input.newCode) await assertCodeFree(tx, scope.orgId, code, "newCode");
  const definition: PlaybookDefinition = { ...builtin, code, version: 1 };
  const [row] = await tx
    .insert(playbooks)
    .values({ orgId: scope.orgId, code, version: 1, basedOnCode: builtin.code, basedOnVersion: builtin.version, definition, createdBy: scope.userId })
    .returning();
  if (!row) throw new Error("playbook copy returned no row");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "playbook.copy", target: row.id, data: { code, from: builtin.code, fromVersion: builtin.version } });
  return orgEntry(row);
}

/** A playbook the organisation writes itself. */
export async function createPlaybook(tx: Tx, scope: OrgScope, input: { definition: PlaybookDraft }): Promise<PlaybookEntry> {
  assertKnownIndicators(input.definition);
  await assertCodeFree(tx, scope.orgId, input.definition.code, "definition.code");
  const definition: PlaybookDefinition = { ...input.definition, version: 1 };
  const [row] = await tx.insert(playbooks).values({ orgId: scope.orgId, code: definition.code, version: 1, definition, createdBy: scope.userId }).returning();
  if (!row) throw new Error("playbook insert returned no row");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "playbook.create", target: row.id, data: { code: definition.code } });
  return orgEntry(row);
}

/**
 * Replaces an organisation playbook's definition and raises its version by one. Checklists already
 * applied keep the definition they froze; new ones use this version.
 */
export async function updatePlaybook(tx: Tx, scope: OrgScope, input: { id: string; definition: Omit<PlaybookDraft, "code"> }): Promise<PlaybookEntry> {
  assertKnownIndicators(input.definition);
  const current = await ownRow(tx, scope, input.id);
  const version = current.version + 1;
  const definition: PlaybookDefinition = { ...input.definition, code: current.code, version };
  const [row] = await tx
    .update(playbooks)
    .set({ version, definition, updatedAt: new Date() })
    .where(and(eq(playbooks.orgId, scope.orgId), eq(playbooks.id, current.id)))
    .returning();
  if (!row) throw notFound("playbookNotFound");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "playbook.update", target: row.id, data: { code: row.code, version } });
  return orgEntry(row);
}

/** Archived playbooks are neither suggested nor applied; their checklists carry on. */
export async function archivePlaybook(tx: Tx, scope: OrgScope, input: { id: string; archived: boolean }): Promise<PlaybookEntry> {
  const current = await ownRow(tx, scope, input.id);
  const [row] = await tx
    .update(playbooks)
    .set({ archived: input.archived, updatedAt: new Date() })
    .where(and(eq(playbooks.orgId, scope.orgId), eq(playbooks.id, current.id)))
    .returning();
  if (!row) throw notFound("playbookNotFound");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: input.archived ? "playbook.archive" : "playbook.restore", target: row.id, data: { code: row.code } });
  return orgEntry(row);
}
