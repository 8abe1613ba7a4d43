import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as trpcGet } from "@/app/api/trpc/[trpc]/route";
import { GET as rejectedRowsCsv } from "@/app/api/imports/[importId]/rejected/route";
import { POST as uploadFiles } from "@/app/api/imports/upload/route";
import { MAX_TRPC_BATCH } from "@/lib/contracts/transport";
import type { Session } from "@/server/api/org-scope";
import { appRouter } from "@/server/api/root";
import type { RouteEnv } from "@/server/api/route-scope";
import { logger } from "@/server/lib/logger";
import { findUserById } from "@/server/users/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { ownerWithOrg } from "../../helpers/callers";
import { sampleInput } from "../../helpers/sample-input";

type AnyProcedure = { _def: { inputs: unknown[] } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, AnyProcedure> } })._def.procedures);

/** What an error body must never contain: the statement or its parameters. */
const SQL_SIGNS = [/\bselect\s/i, /\binsert\s/i, /Failed query/i, /params:/i];
const hasSql = (text: string) => SQL_SIGNS.some((pattern) => pattern.test(text));

let t: TestDatabase;
let dataDir: string;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let env: RouteEnv;

/** DDL as the database's owner (PGlite's one connection is a superuser; on PostgreSQL the app role owns nothing). */
async function asOwner(statement: string) {
  if (!t.ownerUrl) {
    await t.handle.db.execute(sql.raw(statement));
    return;
  }
  const client = postgres(t.ownerUrl, { max: 1, onnotice: () => undefined });
  try {
    await client.unsafe(statement);
  } finally {
    await client.end();
  }
}

const trpcUrl = (procedurePaths: string[], inputs: unknown[]) => {
  const batch = Object.fromEntries(inputs.map((json, i) => [String(i), { json }]));
  return `http://koubei.test/api/trpc/${procedurePaths.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(batch))}`;
};
const get = (url: string, headers: Record<string, string> = {}) =>
  trpcGet(new Request(url, { headers: { "x-koubei-org": owner.org.orgId, "x-koubei-locale": "en", ...headers } }), undefined, env);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-error-hygiene-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "hygiene");
  await owner.caller.shops.create({ name: "卫生店", category: "beauty" });
  const session: Session = { userId: owner.user.id, sessionVersion: (await findUserById(t.handle, owner.user.id))?.sessionVersion ?? 1 };
  env = { runtime: async () => ({ handle: t.handle, boss: null }), session: async () => session };
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("NUL bytes are bad input, everywhere", () => {
  it("shops.list with a NUL in its search is refused as bad input, not a 500 with the query", async () => {
    const error = await owner.caller.shops.list({ search: "\u0000", includeArchived: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toBe("errors.nulByte");

    const response = await get(trpcUrl(["shops.list"], [{ search: "\u0000", includeArchived: false }]));
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).toContain("NUL");
    expect(hasSql(body)).toBe(false);
  });

  it("every procedure refuses a NUL in any string of its input, nested or in a key", async () => {
    const withNul = (value: unknown): unknown => {
      if (typeof value === "string") return `${value}\u0000`;
      if (Array.isArray(value)) return [...value.map(withNul), "\u0000"];
      if (value && typeof value === "object" && !(value instanceof Date)) return { ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNul(v)])), "k\u0000": 1 };
      return value;
    };
    const accepted: string[] = [];
    for (const [procedurePath, procedure] of procedures) {
      const input = withNul(sampleInput(procedure._def.inputs, {}) ?? {});
      let fn: unknown = owner.caller;
      for (const part of procedurePath.split(".")) fn = (fn as Record<string, unknown>)[part];
      const outcome = await (fn as (i: unknown) => Promise<unknown>)(input).then(
        () => "OK",
        (error: unknown) => (error instanceof TRPCError ? `${error.code} ${error.message}` : String(error)),
      );
      if (outcome !== "BAD_REQUEST errors.nulByte") accepted.push(`${procedurePath}: ${outcome}`);
    }
    expect(accepted).toEqual([]);
  });

  it("route handlers refuse a NUL in the path, the query or the encoded file name", async () => {
    const orgId = owner.org.orgId;
    const responses = [
      await rejectedRowsCsv(new Request(`http://koubei.test/api/imports/x/rejected?org=${orgId}&q=%00`), { params: Promise.resolve({ importId: "x" }) }, env),
      await rejectedRowsCsv(new Request(`http://koubei.test/api/imports/%00/rejected?org=${orgId}`), { params: Promise.resolve({ importId: "\u0000" }) }, env),
      await uploadFiles(new Request("http://koubei.test/api/imports/upload", { method: "POST", headers: { "x-koubei-org": orgId, "x-file-name": "a%00.csv" }, body: "order_id\n1\n" }), undefined, env),
    ];
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "BAD_INPUT", messageKey: "errors.nulByte" } });
    }
  });
});

describe("unexpected errors reach the log, not the client", () => {
  it("a failing query answers a generic message with a request id; the SQL is logged under that id", async () => {
    const logged = vi.spyOn(logger, "error");
    await asOwner("alter table shops rename to shops_gone");
    try {
      const response = await get(trpcUrl(["shops.list"], [{ includeArchived: false }]));
      const body = await response.text();
      expect(response.status).toBe(500);
      expect(hasSql(body)).toBe(false);
      expect(body).not.toContain(`\\"shops\\"`);
      const requestId = /request ([0-9a-f-]{36})/.exec(body)?.[1];
      expect(requestId).toBeDefined();
      const entry = logged.mock.calls.find(([fields]) => (fields as { requestId?: string }).requestId === requestId);
      expect(entry).toBeDefined();
      expect(String((entry?.[0] as { err?: { cause?: unknown } }).err?.cause)).toMatch(/Failed query: select/);

      // The same through createCaller (server components): no SQL in the thrown error either.
      const thrown = (await owner.caller.shops.list({ includeArchived: false }).catch((e: unknown) => e)) as TRPCError;
      expect(thrown.code).toBe("INTERNAL_SERVER_ERROR");
      expect(thrown.message).toBe("errors.unexpected");
    } finally {
      await asOwner("alter table shops_gone rename to shops");
      logged.mockRestore();
    }
  });

  it("a route handler's unexpected error is a generic JSON 500 naming a request id", async () => {
    await asOwner("alter table imports rename to imports_gone");
    try {
      const importId = "00000000-0000-4000-8000-000000000000";
      const response = await rejectedRowsCsv(new Request(`http://koubei.test/api/imports/${importId}/rejected?org=${owner.org.orgId}`, { headers: { "x-koubei-locale": "en" } }), { params: Promise.resolve({ importId }) }, env);
      const body = await response.text();
      expect(response.status).toBe(500);
      expect(hasSql(body)).toBe(false);
      expect(JSON.parse(body)).toMatchObject({ error: { code: "INTERNAL", messageKey: "errors.unexpected" } });
      expect(body).toMatch(/request [0-9a-f-]{36}/);
    } finally {
      await asOwner("alter table imports_gone rename to imports");
    }
  });
});

describe("one request carries a bounded batch of calls", () => {
  it(`answers ${MAX_TRPC_BATCH} batched calls and refuses ${MAX_TRPC_BATCH + 1} with 413 and a translated message`, async () => {
    const paths = (n: number) => Array.from({ length: n }, () => "shops.list");
    const inputs = (n: number) => Array.from({ length: n }, () => ({ includeArchived: false }));
    const ok = await get(trpcUrl(paths(MAX_TRPC_BATCH), inputs(MAX_TRPC_BATCH)));
    expect(ok.status).toBe(200);
    expect((await ok.json()) as unknown[]).toHaveLength(MAX_TRPC_BATCH);

    const refused = await get(trpcUrl(paths(1000), inputs(1000)), { "x-koubei-locale": "zh-CN" });
    expect(refused.status).toBe(413);
    expect(JSON.stringify(await refused.json())).toContain(`最多 ${MAX_TRPC_BATCH} 个`);
    const refusedEn = await get(trpcUrl(paths(MAX_TRPC_BATCH + 1), inputs(MAX_TRPC_BATCH + 1)));
    expect(refusedEn.status).toBe(413);
    expect(JSON.stringify(await refusedEn.json())).toContain(`at most ${MAX_TRPC_BATCH}`);
  });
});
