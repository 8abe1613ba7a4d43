import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { vocKeywords } from "@/db/schema";
import { TAGGED_PROBLEM_TYPES, type TaggedProblemType, type VocDictionary, type VocDictionaryInput } from "@/lib/contracts/voc";
import { audit } from "@/server/lib/audit";
import type { OrgScope } from "@/server/lib/scope";
import { DEFAULT_DICTIONARY, DEFAULT_DICTIONARY_VERSION } from "./default-dictionary";
import type { DictionaryEntries } from "./tagger";

const entriesOf = (termsOf: (type: TaggedProblemType) => readonly string[] | undefined) =>
  TAGGED_PROBLEM_TYPES.map((problemType) => ({ problemType, terms: [...(termsOf(problemType) ?? [])] }));

/** The dictionary that tags this organisation's texts: its own when it saved one, else the default. */
export async function readDictionary(tx: Tx, orgId: string): Promise<VocDictionary> {
  const rows = await tx
    .select({ problemType: vocKeywords.problemType, term: vocKeywords.term })
    .from(vocKeywords)
    .where(eq(vocKeywords.orgId, orgId))
    .orderBy(vocKeywords.problemType, vocKeywords.term);
  if (rows.length === 0) return { custom: false, defaultVersion: DEFAULT_DICTIONARY_VERSION, entries: entriesOf((type) => DEFAULT_DICTIONARY[type]) };
  const byType = new Map<TaggedProblemType, string[]>();
  for (const row of rows) {
    if (row.problemType === "other") continue;
    byType.set(row.problemType, [...(byType.get(row.problemType) ?? []), row.term]);
  }
  return { custom: true, defaultVersion: DEFAULT_DICTIONARY_VERSION, entries: entriesOf((type) => byType.get(type)) };
}

export async function dictionaryEntries(tx: Tx, orgId: string): Promise<DictionaryEntries> {
  return (await readDictionary(tx, orgId)).entries;
}

/**
 * Replaces the organisation's dictionary. Saving no term at all goes back to the default
 * dictionary, since an organisation without rows is one that uses the defaults.
 */
export async function saveDictionary(tx: Tx, scope: OrgScope, input: VocDictionaryInput): Promise<VocDictionary> {
  const rows = new Map<string, { orgId: string; problemType: TaggedProblemType; term: string }>();
  for (const { problemType, terms } of input.entries) {
    for (const raw of terms) {
      const term = raw.normalize("NFKC").trim();
      if (term) rows.set(`${problemType}\u0001${term}`, { orgId: scope.orgId, problemType, term });
    }
  }
  await tx.delete(vocKeywords).where(eq(vocKeywords.orgId, scope.orgId));
  if (rows.size > 0) await tx.insert(vocKeywords).values([...rows.values()]);
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "voc.dictionary.save", data: { terms: rows.size } });
  return readDictionary(tx, scope.orgId);
}

export async function resetDictionary(tx: Tx, scope: OrgScope): Promise<VocDictionary> {
  await tx.delete(vocKeywords).where(eq(vocKeywords.orgId, scope.orgId));
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "voc.dictionary.reset" });
  return readDictionary(tx, scope.orgId);
}
