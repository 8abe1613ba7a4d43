import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

const GLOBAL_TABLES = new Set([
  "users",
  "accounts",
  "sessions",
  "verification_tokens",
  "auth_throttle",
  "password_reset_tokens",
  "categories",
  "rule_sets",
]);

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("schema ready for distribution by org_id", () => {
  const tables = (Object.values(schema) as unknown[]).filter(
    (v): v is PgTable => typeof v === "object" && v !== null && is(v, PgTable),
  );

  it("finds the tables", () => {
    expect(tables.length).toBeGreaterThan(10);
  });

  it.each(tables.map((table) => [getTableConfig(table).name, table] as const))(
    "%s: org_id leads its primary key, or the table is a shared reference table",
    (name, table) => {
      const config = getTableConfig(table);
      if (GLOBAL_TABLES.has(name)) {
        expect(config.columns.some((c) => c.name === "org_id")).toBe(false);
        return;
      }
      const pkColumns =
        config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
      expect(pkColumns[0]).toBe("org_id");
      for (const unique of config.indexes.filter((i) => i.config.unique)) {
        const names = unique.config.columns.map((c) => ("name" in c ? c.name : ""));
        expect(names).toContain("org_id");
      }
    },
  );
});

describe("row-level security", () => {
  it("hides tenant rows from a transaction without a tenant and from another tenant", async () => {
    const orgA = "00000000-0000-4000-8000-00000000000a";
    const orgB = "00000000-0000-4000-8000-00000000000b";
    for (const org of [orgA, orgB]) {
      await withTenant(t.handle, { orgId: org }, (tx) =>
        tx.insert(schema.organisations).values({ orgId: org, name: `org ${org.slice(-1)}` }),
      );
      await withTenant(t.handle, { orgId: org }, (tx) =>
        tx.insert(schema.shops).values({ orgId: org, externalId: "x1", name: "s", categoryCode: "beauty" }),
      );
    }
    const none = await withTenant(t.handle, { orgId: null }, (tx) => tx.select().from(schema.shops));
    expect(none).toHaveLength(0);
    const onlyA = await withTenant(t.handle, { orgId: orgA }, (tx) => tx.select().from(schema.shops));
    expect(onlyA.map((s) => s.orgId)).toEqual([orgA]);
    await expect(
      withTenant(t.handle, { orgId: orgA }, (tx) =>
        tx.insert(schema.shops).values({ orgId: orgB, externalId: "x2", name: "s", categoryCode: "beauty" }),
      ),
    ).rejects.toThrow();
  });

  it("a raw query on the app connection without the setting sees no tenant rows", async () => {
    const counts = await withTenant(t.handle, { orgId: null }, async (tx) =>
      rowsOf<{ n: number }>(await tx.execute(sql`select (select count(*) from shops)::int + (select count(*) from organisations)::int as n`)),
    );
    expect(counts[0]?.n).toBe(0);
  });

  it("every table with org_id has forced row-level security", async () => {
    const rows = rowsOf<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      await t.handle.db.execute(sql`
        select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
        join information_schema.columns col on col.table_name = c.relname and col.column_name = 'org_id'
        where col.table_schema = 'public' and c.relkind = 'r'`),
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect([row.relname, row.relrowsecurity, row.relforcerowsecurity]).toEqual([row.relname, true, true]);
  });
});
