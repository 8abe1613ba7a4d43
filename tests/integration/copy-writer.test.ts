import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCopyWriter } from "@/db/copy-writer";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("the COPY writer", () => {
  it("copies text of any width across chunks, a line larger than a chunk included, as it was written", async () => {
    const wide = "长".repeat(300_000); // 900 KB of UTF-8: larger than a chunk on either database
    const stored = await withTenant(t.handle, { orgId: null }, async (tx) => {
      await tx.execute(sql.raw("create temp table copy_probe (n integer, s text) on commit drop"));
      const writer = openCopyWriter(t.handle, tx, "copy_probe");
      for (let n = 0; n < 30_000; n++) if (!writer.write(`${n}\t文本 ${n} é 😀\n`)) await writer.flush();
      writer.write(`30000\t${wide}\n`);
      writer.write("30001\tafter\n");
      await writer.pause();
      return rowsOf<{ rows: number; distinct: number; wide: string; after: string; sample: string }>(
        await tx.execute(
          sql.raw(`select count(*)::int as rows, count(distinct s)::int as distinct,
            (select s from copy_probe where n = 30000) as wide, (select s from copy_probe where n = 30001) as after,
            (select s from copy_probe where n = 12345) as sample from copy_probe`),
        ),
      )[0];
    });
    expect(stored).toEqual({ rows: 30_002, distinct: 30_002, wide, after: "after", sample: "文本 12345 é 😀" });
  });
});
