import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Source files (.ts/.tsx) under the given folders of the repository. */
export function sourceFiles(...folders: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(full);
    }
  };
  for (const folder of folders) walk(path.join(ROOT, folder));
  return found;
}

/** The text with comments blanked out (line and block), strings kept. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

type Catalogue = { [key: string]: string | Catalogue };

/** Every leaf key of a catalogue, dotted ("imports.status.failed"). */
export function leafKeys(catalogue: Catalogue, prefix = ""): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => (typeof value === "string" ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`)));
}

export const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;
