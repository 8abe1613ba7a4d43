import { afterEach, describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";
import { pgliteTemplate } from "../helpers/pglite-template";

/**
 * KOUBEI_PGLITE_SHARED_BUFFERS sizes the embedded database's buffer pool (db/client.ts). The
 * embedded database alone: the PostgreSQL run has no migrated template, and would run initdb thrice.
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("the embedded database's buffer pool", () => {
  const before = process.env.KOUBEI_PGLITE_SHARED_BUFFERS;
  afterEach(() => {
    if (before === undefined) delete process.env.KOUBEI_PGLITE_SHARED_BUFFERS;
    else process.env.KOUBEI_PGLITE_SHARED_BUFFERS = before;
  });

  const settings = async () => {
    // The run's migrated template: an empty database would run initdb, seconds each.
    const handle = await openPglite(pgliteTemplate() ?? "memory");
    try {
      const show = async (name: string) => Object.values((await handle.pglite?.query<Record<string, string>>(`show ${name}`))?.rows[0] ?? {})[0];
      return { sharedBuffers: await show("shared_buffers"), timeZone: await show("timezone"), textSearch: await show("default_text_search_config") };
    } finally {
      await handle.close();
    }
  };

  it("takes the size given, and PGlite's own 128MB without one; the folder's other settings stay", async () => {
    process.env.KOUBEI_PGLITE_SHARED_BUFFERS = "12MB";
    expect(await settings()).toEqual({ sharedBuffers: "12MB", timeZone: "UTC", textSearch: "pg_catalog.english" });
    delete process.env.KOUBEI_PGLITE_SHARED_BUFFERS;
    expect(await settings()).toEqual({ sharedBuffers: "128MB", timeZone: "UTC", textSearch: "pg_catalog.english" });
  });

  it("refuses what is not a size, naming the variable", async () => {
    process.env.KOUBEI_PGLITE_SHARED_BUFFERS = "lots";
    await expect(openPglite(pgliteTemplate() ?? "memory")).rejects.toThrow(/KOUBEI_PGLITE_SHARED_BUFFERS/);
  });
});
