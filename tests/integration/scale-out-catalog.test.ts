import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/security";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

/**
 * docs/scale-out.md promises that Koubei distributes by org_id on Citus without a redesign. These
 * checks read the live catalogue (not the Drizzle schema), so a migration that breaks the promise
 * fails here.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

type ForeignKey = { name: string; table: string; referenced: string; columns: string[]; referencedColumns: string[] };

async function tenantTables(): Promise<Set<string>> {
  const rows = rowsOf<{ table_name: string }>(
    await t.handle.db.execute(sql`
      select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'`),
  );
  return new Set(rows.map((r) => r.table_name));
}

async function foreignKeys(): Promise<ForeignKey[]> {
  const rows = rowsOf<{ name: string; tbl: string; ref: string; cols: string[]; refcols: string[] }>(
    await t.handle.db.execute(sql`
      select con.conname as name, cl.relname as tbl, rf.relname as ref,
        array(select a.attname::text from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k) as cols,
        array(select a.attname::text from unnest(con.confkey) k join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k) as refcols
      from pg_constraint con
      join pg_class cl on cl.oid = con.conrelid
      join pg_class rf on rf.oid = con.confrelid
      where con.contype = 'f' and con.connamespace = 'public'::regnamespace`),
  );
  return rows.map((r) => ({ name: r.name, table: r.tbl, referenced: r.ref, columns: r.cols, referencedColumns: r.refcols }));
}

/** The names listed between the markers of docs/scale-out.md's table of cross-organisation reads. */
function documentedCrossOrgReads(): string[] {
  const doc = fs.readFileSync(path.join(process.cwd(), "docs", "scale-out.md"), "utf8");
  const block = /<!-- cross-organisation-reads:start -->([\s\S]*?)<!-- cross-organisation-reads:end -->/.exec(doc)?.[1] ?? "";
  return [...block.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] ?? "").sort();
}

describe("distributable by organisation (docs/scale-out.md)", () => {
  it("every tenant table's primary key includes org_id", async () => {
    const tenants = await tenantTables();
    const rows = rowsOf<{ tbl: string; cols: string[] }>(
      await t.handle.db.execute(sql`
        select cl.relname as tbl,
          array(select a.attname::text from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k) as cols
        from pg_constraint con join pg_class cl on cl.oid = con.conrelid
        where con.contype = 'p' and con.connamespace = 'public'::regnamespace`),
    );
    const keyed = new Map(rows.map((r) => [r.tbl, r.cols]));
    const missing = [...tenants].filter((table) => !keyed.get(table)?.includes("org_id"));
    expect(tenants.size).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });

  it("every foreign key between two tenant tables includes org_id on both sides, in the same position", async () => {
    const tenants = await tenantTables();
    const between = (await foreignKeys()).filter((fk) => tenants.has(fk.table) && tenants.has(fk.referenced));
    expect(between.length).toBeGreaterThan(10);
    const broken = between.filter((fk) => {
      const at = fk.columns.indexOf("org_id");
      return at < 0 || fk.referencedColumns[at] !== "org_id";
    });
    expect(broken.map((fk) => fk.name)).toEqual([]);
  });

  it("tenant tables reference only tenant tables or the documented reference tables", async () => {
    const tenants = await tenantTables();
    const referenceTables = ["categories", "rule_sets", "users"];
    const outward = (await foreignKeys()).filter((fk) => tenants.has(fk.table) && !tenants.has(fk.referenced));
    const doc = fs.readFileSync(path.join(process.cwd(), "docs", "scale-out.md"), "utf8");
    for (const table of referenceTables) expect(doc).toContain(`\`${table}\``);
    expect(outward.filter((fk) => !referenceTables.includes(fk.referenced)).map((fk) => fk.name)).toEqual([]);
  });

  it("the reads across organisations are exactly the documented few", async () => {
    const functions = rowsOf<{ name: string }>(
      await t.handle.db.execute(sql`select proname::text as name from pg_proc where pronamespace = 'public'::regnamespace and prosecdef`),
    ).map((r) => r.name);
    const policies = rowsOf<{ name: string }>(
      await t.handle.db.execute(sql`select tablename || '.' || policyname as name from pg_policies where schemaname = 'public' and policyname <> 'tenant_isolation'`),
    ).map((r) => r.name);
    expect([...functions, ...policies].sort()).toEqual(documentedCrossOrgReads());
  });
});
