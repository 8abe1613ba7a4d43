import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isClientEntry, reachableModules } from "@/tests/helpers/import-graph";

/**
 * The browser bundle is what "use client" files and components/ reach at run time. None of it may
 * be a db/ module or load a database driver or a server-only package: a Drizzle table definition
 * in a client chunk means the layering leaked.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const FORBIDDEN_PACKAGES = new Set(["drizzle-orm", "postgres", "@electric-sql/pglite", "pg-boss", "server-only"]);

function sourceFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => path.join(dir, name).split(path.sep).join("/"));
}

function clientEntries(root: string): string[] {
  const candidates = ["app", "components", "lib"].flatMap((dir) => sourceFiles(root, dir));
  return candidates.filter((file) => file.startsWith("components/") || isClientEntry(fs.readFileSync(path.join(root, file), "utf8")));
}

/** One line per offending module: how the browser reaches it and what it brings. */
function leaks(root: string): string[] {
  const problems: string[] = [];
  for (const [file, { node, via }] of reachableModules(root, clientEntries(root))) {
    const chain = [...via, file].join(" → ");
    if (file.startsWith("db/")) problems.push(`${chain} (a db/ module)`);
    for (const pkg of node.packages) if (FORBIDDEN_PACKAGES.has(pkg)) problems.push(`${chain} imports ${pkg}`);
  }
  return problems;
}

describe("client bundle", () => {
  it("finds the client entries it is meant to walk", () => {
    const entries = clientEntries(ROOT);
    expect(entries).toContain("lib/trpc-client.tsx");
    expect(entries).toContain("app/o/[orgId]/members/members-view.tsx");
    expect(entries).not.toContain("app/o/[orgId]/layout.tsx");
  });

  it("reaches no db/ module, database driver or server-only package from a client file", () => {
    expect(leaks(ROOT)).toEqual([]);
  });

  describe("on a made-up tree", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-graph-"));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it("follows aliases, relative paths, re-exports and dynamic imports to a leak", () => {
      write("app/page-view.tsx", '"use client";\nimport { kinds } from "./kinds";\nexport const v = kinds;\n');
      write("app/kinds.ts", 'export * from "@/lib/options";\n');
      write("lib/options/index.ts", 'export const kinds = () => import("../../db/schema/orgs");\n');
      write("db/schema/orgs.ts", 'import { pgTable } from "drizzle-orm/pg-core";\nexport const t = pgTable;\n');
      expect(leaks(root)).toEqual([
        "app/page-view.tsx → app/kinds.ts → lib/options/index.ts → db/schema/orgs.ts (a db/ module)",
        "app/page-view.tsx → app/kinds.ts → lib/options/index.ts → db/schema/orgs.ts imports drizzle-orm",
      ]);
    });

    it("skips type-only imports and exports, and server files without the directive", () => {
      fs.rmSync(root, { recursive: true, force: true });
      write("app/page-view.tsx", '"use client";\nimport type { Org } from "@/db/schema/orgs";\nimport { type Row } from "@/db/rows";\nexport type { Table } from "@/db/schema/orgs";\nexport const v = 1;\n');
      write("app/page.tsx", 'import { t } from "@/db/schema/orgs";\nexport default t;\n');
      write("db/schema/orgs.ts", 'import { pgTable } from "drizzle-orm/pg-core";\nexport const t = pgTable;\n');
      write("db/rows.ts", 'import "server-only";\nexport type Row = 1;\n');
      expect(leaks(root)).toEqual([]);
    });
  });
});
