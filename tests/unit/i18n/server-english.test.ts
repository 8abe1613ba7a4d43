import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lineOf, ROOT, sourceFiles, withoutComments } from "./source-scan";

/**
 * String literals that read as an English sentence: four or more words of letters. Not counted:
 * logs (logger/log.*), SQL, internal Error() messages (never shown: the user sees errors.internal),
 * checks of the rule-set data shipped with the code (.refine), and bilingual data whose English
 * sits in an `…En:` field beside its Chinese (the UI picks one by locale).
 */
const SENTENCE = /^[^\u4e00-\u9fff]*\b[A-Za-z]+[,:;]? [A-Za-z']+[,:;]? [A-Za-z']+[,:;]? [A-Za-z']+/;
const LITERAL = /"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
const EXEMPT_LINE =
  /\b(?:logger|log)\.(?:trace|debug|info|warn|error|fatal|child)\(|\bnew (?:\w+)?Error\(|\bsuper\(|\bsql(?:\.raw)?[`(]|\b\w+En:\s/;
/** A key of joined values ("${day} ${id}"): no word of its own, so no sentence. */
const ONLY_INTERPOLATIONS = /^(?:\$\{[^}]*\}[\s,:;|/-]*)+$/;
/** A zod refinement's message may follow a callback with statements of its own. */
const REFINE = /\.refine\(/;
/** SQL written as a template (column names, casts, predicates). */
const SQL =
  /\bdelete from\b|\binsert into\b|\bselect\b.*\bfrom\b|\bis (?:not )?null\b|\bis not distinct from\b|\bat time zone\b|::\w|\bbetween\b.*\band\b|\bsum\(|\border by\b/i;

function englishSentences(source: string, rel: string): string[] {
  const text = withoutComments(source);
  const found: string[] = [];
  for (const m of text.matchAll(LITERAL)) {
    const literal = m[1] ?? m[2] ?? "";
    // The statement the literal sits in, from its start (a call may span lines) to the literal's line end.
    const before = text.slice(Math.max(0, m.index - 240), m.index);
    const statementStart = before.lastIndexOf(";") + 1;
    const lineEnd = text.indexOf("\n", m.index);
    const line =
      before.slice(statementStart) + text.slice(m.index, lineEnd < 0 ? undefined : lineEnd);
    if (
      EXEMPT_LINE.test(line) ||
      REFINE.test(before) ||
      literal.includes("\n") ||
      SQL.test(literal)
    )
      continue;
    if (ONLY_INTERPOLATIONS.test(literal)) continue;
    if (SENTENCE.test(literal.replace(/\$\{[^}]*\}/g, "x")))
      found.push(`${rel}:${lineOf(text, m.index)} ${literal.slice(0, 80)}`);
  }
  return found;
}

/** The fake Douyin open platform answers as the real one does (its `msg` texts are the platform's English), to Koubei's client, never to a user. */
const SPEAKS_FOR_THE_PLATFORM = /^server\/sync\/fake-platform\//;

describe("no user-facing English is built on the server", () => {
  it("the server's string literals hold keys, codes and Chinese, not English sentences", () => {
    const found = sourceFiles("server")
      .filter((file) => !SPEAKS_FOR_THE_PLATFORM.test(path.relative(ROOT, file)))
      .flatMap((file) =>
        englishSentences(fs.readFileSync(file, "utf8"), path.relative(ROOT, file)),
      );
    expect(found).toEqual([]);
  });

  it("the scan catches a reason written as a sentence", () => {
    const probe =
      'errors.push({ row, column, reason: "required value is empty" });\nlogger.warn({ err }, "could not write import progress");\nthrow new Error("insert returned no row");\nrowReason("required");\n';
    expect(englishSentences(probe, "probe.ts")).toEqual(["probe.ts:1 required value is empty"]);
  });

  it("a key built of interpolations is no sentence, a sentence around one still is", () => {
    const probe = 'const key = `${day} ${shop.id} ${version} ${code}`;\nreasons.push(`Shop ${name} has no data`);\n';
    expect(englishSentences(probe, "probe.ts")).toEqual(["probe.ts:2 Shop ${name} has no data"]);
  });
});
