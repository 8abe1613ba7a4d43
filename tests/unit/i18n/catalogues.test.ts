import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { scoredEntityKinds } from "@/lib/contracts/entities";
import { leafKeys, lineOf, ROOT, sourceFiles, withoutComments } from "./source-scan";

const zhKeys = new Set(leafKeys(zhCN));
const enKeys = new Set(leafKeys(en));
/** Namespaces (objects) too: t.raw / nested lookups and `useTranslations(ns)` name them. */
const namespaces = new Set([...zhKeys].flatMap((key) => key.split(".").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("."))));

const ENTITY_NAMESPACES = Object.values(scoredEntityKinds).map((kind) => kind.plural);

const known = (key: string) => zhKeys.has(key) && enKeys.has(key);

/** Keys named as literals in code: message("…"), AppError keys, the error helpers, and t("…") under its namespace. */
function keysUsedIn(source: string, rel: string): { key: string; where: string }[] {
  const text = withoutComments(source);
  const used: { key: string; where: string }[] = [];
  const add = (key: string, index: number) => used.push({ key, where: `${rel}:${lineOf(text, index)}` });
  for (const m of text.matchAll(/\bmessage\(\s*"([\w.]+)"/g)) add(m[1] ?? "", m.index);
  for (const m of text.matchAll(/new AppError\(\s*"[A-Z_]+",\s*"([\w.]+)"/g)) add(m[1] ?? "", m.index);
  for (const m of text.matchAll(/\b(?:notFound|forbidden|conflict|badInput)\(\s*"(\w+)"/g)) add(`errors.${m[1] ?? ""}`, m.index);
  for (const m of text.matchAll(/\bimportFileError\(\s*"(\w+)"/g)) add(`errors.import.${m[1] ?? ""}`, m.index);
  // const t = useTranslations("ns") / await getTranslations("ns"), then t("key") → ns.key, under
  // the nearest declaration of that name above the call (components in one file reuse `t`).
  // A namespace held in a variable (`useTranslations(ns)`) is the scored-entity UI's, shared by
  // shops and creator accounts: its keys must then be in every kind's namespace.
  const declarations = [...text.matchAll(/const (\w+) = (?:await )?(?:useTranslations|getTranslations)\((?:"([\w.]+)"|(\w+))?\)/g)].map((d) => ({
    name: d[1] ?? "",
    namespaces: d[2] ? [d[2]] : d[3] ? ENTITY_NAMESPACES : [],
    index: d.index,
  }));
  for (const name of new Set(declarations.map((d) => d.name))) {
    for (const call of text.matchAll(new RegExp(`(?<![\\w.])${name}(?:\\.rich|\\.markup|\\.raw)?\\(\\s*"([\\w.]+)"`, "g"))) {
      const scope = declarations.filter((d) => d.name === name && d.index < call.index).at(-1);
      if (!scope) continue;
      if (scope.namespaces.length === 0) add(call[1] ?? "", call.index);
      for (const namespace of scope.namespaces) add(`${namespace}.${call[1] ?? ""}`, call.index);
    }
  }
  return used;
}

describe("message catalogues", () => {
  it("zh-CN and en hold exactly the same keys", () => {
    expect([...zhKeys].filter((k) => !enKeys.has(k)), "in zh-CN only").toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k)), "in en only").toEqual([]);
  });

  it("no message is left empty", () => {
    const empty = (catalogue: object) => leafKeys(catalogue as never).filter((k) => k.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], catalogue) === "");
    expect(empty(zhCN)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it("every key the code names is in both catalogues", () => {
    const used = sourceFiles("app", "components", "lib", "server", "cli").flatMap((file) => keysUsedIn(fs.readFileSync(file, "utf8"), path.relative(ROOT, file)));
    expect(used.length).toBeGreaterThan(100);
    const missing = used.filter(({ key }) => !known(key) && !namespaces.has(key)).map(({ key, where }) => `${key} (${where})`);
    expect(missing).toEqual([]);
  });

  it("the scan notices a key that is missing", () => {
    const probe = 'const t = useTranslations("imports");\nt("title");\nt("noSuchKey");\nmessage("importer.reasons.nope");\nnotFound("shopNotFound");\n';
    const keys = keysUsedIn(probe, "probe.ts").map((u) => u.key);
    expect(keys).toEqual(["importer.reasons.nope", "errors.shopNotFound", "imports.title", "imports.noSuchKey"]);
    expect(keys.filter((k) => !known(k))).toEqual(["importer.reasons.nope", "imports.noSuchKey"]);
  });
});
