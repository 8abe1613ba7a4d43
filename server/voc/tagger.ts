import { createHash } from "node:crypto";
import { PROBLEM_TYPES, type ProblemType, type TaggedProblemType } from "@/lib/contracts/voc";
import { loadSegmenter, type Segmenter } from "./segmenter";

export type DictionaryEntries = readonly { problemType: TaggedProblemType; terms: readonly string[] }[];

export type Tagger = {
  /** Same dictionary, same fingerprint: what the caches key on. */
  fingerprint: string;
  /** The problem types the text mentions, in PROBLEM_TYPES order; ["other"] when it mentions none. */
  tag(text: string): ProblemType[];
};

// Full-width letters and digits, and Latin case, do not change what a buyer meant.
const normalise = (text: string) => text.normalize("NFKC").toLowerCase();

const MEMO_LIMIT = 50_000;
const TAGGER_LIMIT = 32;

/** Where the segmenter cut `text`: 0, the end of each word, and so the end of the text. */
function wordBoundaries(words: readonly string[]): Set<number> {
  const boundaries = new Set<number>([0]);
  let offset = 0;
  for (const word of words) boundaries.add((offset += word.length));
  return boundaries;
}

/** A term matches where it starts and ends on word boundaries: a word, or a run of whole words. */
function mentions(text: string, boundaries: ReadonlySet<number>, term: string): boolean {
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
    if (boundaries.has(at) && boundaries.has(at + term.length)) return true;
  }
  return false;
}

export function dictionaryFingerprint(entries: DictionaryEntries): string {
  const canonical = entries
    .map((e) => `${e.problemType}:${[...new Set(e.terms.map(normalise))].sort().join("\u0001")}`)
    .sort()
    .join("\u0002");
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

/** A tagger over one dictionary; pure given the segmenter, and memoised per distinct text. */
export function compileTagger(entries: DictionaryEntries, segment: Segmenter): Tagger {
  const termsByType = new Map<TaggedProblemType, string[]>();
  for (const { problemType, terms } of entries) {
    const known = termsByType.get(problemType) ?? [];
    termsByType.set(problemType, [...new Set([...known, ...terms.map(normalise).filter((t) => t.length > 0)])]);
  }
  const memo = new Map<string, ProblemType[]>();
  const tag = (raw: string): ProblemType[] => {
    const text = normalise(raw);
    const cached = memo.get(text);
    if (cached) return cached;
    const boundaries = wordBoundaries(segment(text));
    const found = PROBLEM_TYPES.filter((type) => type !== "other" && (termsByType.get(type) ?? []).some((term) => mentions(text, boundaries, term)));
    const types: ProblemType[] = found.length > 0 ? found : ["other"];
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, types);
    return types;
  };
  return { fingerprint: dictionaryFingerprint(entries), tag };
}

const taggers = new Map<string, Tagger>();

/** The process's tagger for this dictionary: built once, kept while it is among the recently used. */
export async function taggerFor(entries: DictionaryEntries): Promise<Tagger> {
  const fingerprint = dictionaryFingerprint(entries);
  const known = taggers.get(fingerprint);
  if (known) {
    taggers.delete(fingerprint);
    taggers.set(fingerprint, known);
    return known;
  }
  const tagger = compileTagger(entries, await loadSegmenter());
  taggers.set(fingerprint, tagger);
  if (taggers.size > TAGGER_LIMIT) {
    const oldest = taggers.keys().next().value;
    if (oldest !== undefined) taggers.delete(oldest);
  }
  return tagger;
}
