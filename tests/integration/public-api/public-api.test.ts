import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as trpcGet } from "@/app/api/trpc/[trpc]/route";
import { GET as openApiJson } from "@/app/api/v1/openapi.json/route";
import { alertStates, apiKeys, auditLog, orders, scoreSnapshots } from "@/db/schema";
import { API_KEY_PREFIX } from "@/lib/contracts/api-keys";
import { hashApiKeySecret } from "@/server/api-keys/secret";
import { withTenant } from "@/server/db/tenant";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { callPublicApi, publicApiEnvFor } from "../../helpers/public-api";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

const SAMPLE = path.resolve(import.meta.dirname, "../../fixtures/samples/douyin-exports/s002/orders.csv");

let t: TestDatabase;
let dataDir: string;
let a: Awaited<ReturnType<typeof ownerWithOrg>>;
let b: Awaited<ReturnType<typeof ownerWithOrg>>;
let shopA: { id: string };
let shopB: { id: string };
let readKey: string;
let writeKey: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-public-api-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
  a = await ownerWithOrg(t.handle, "api-a");
  b = await ownerWithOrg(t.handle, "api-b");
  shopA = await a.caller.shops.create({ name: "甲店", category: "beauty", externalId: "s002" });
  shopB = await b.caller.shops.create({ name: "乙店秘密", category: "beauty" });
  readKey = (await a.caller.apiKeys.create({ name: "reader", scope: "read" })).secret;
  writeKey = (await a.caller.apiKeys.create({ name: "writer", scope: "write" })).secret;
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("API keys", () => {
  it("shows the secret once, at creation, and stores only its hash and a short prefix", async () => {
    const created = await a.caller.apiKeys.create({ name: "once", scope: "read" });
    expect(created.secret.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(created.secret.length).toBeGreaterThan(40);
    expect(created.key.prefix).toBe(created.secret.slice(0, created.key.prefix.length));
    expect(created.key.prefix.length).toBeLessThan(20);
    const listed = await a.caller.apiKeys.list();
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(listed.map((k) => k.name)).toEqual(expect.arrayContaining(["once", "reader", "writer"]));
    const [stored] = await withTenant(t.handle, { orgId: a.org.orgId }, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.id, created.key.id)));
    expect(stored?.secretHash).toBe(hashApiKeySecret(created.secret));
    expect(JSON.stringify(stored)).not.toContain(created.secret.slice(API_KEY_PREFIX.length + 8));
  });

  it("is managed by owners and admins only", async () => {
    const viewer = await createUser(t.handle, { email: `api-viewer-${Date.now()}@example.test`, password: "correct horse battery", name: "viewer" });
    const analyst = await createUser(t.handle, { email: `api-analyst-${Date.now()}@example.test`, password: "correct horse battery", name: "analyst" });
    for (const [user, role] of [[viewer, "viewer"], [analyst, "analyst"]] as const) {
      await withTenant(t.handle, { orgId: a.org.orgId }, (tx) => tx.execute(sql`insert into memberships (org_id, user_id, role) values (${a.org.orgId}, ${user.id}, ${role})`));
      const caller = await callerFor(t.handle, user.id, a.org.orgId);
      expect(await trpcCodeOf(caller.apiKeys.list())).toBe("FORBIDDEN");
      expect(await trpcCodeOf(caller.apiKeys.create({ name: "mine", scope: "write" }))).toBe("FORBIDDEN");
    }
  });

  it("lists the organisation's shops for a key, and refuses no key, a wrong key and a session cookie", async () => {
    const env = publicApiEnvFor(t.handle);
    const listed = await callPublicApi(env, { path: "/shops", key: readKey });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ items: [{ id: shopA.id, name: "甲店", kind: "shop", externalId: "s002", archived: false }] });
    expect(JSON.stringify(listed.body)).not.toContain(shopB.id);
    for (const key of [null, `${API_KEY_PREFIX}not-a-real-key-not-a-real-key-123`, readKey.slice(0, -1)]) {
      const refused = await callPublicApi(env, { path: "/shops", key, headers: { cookie: "authjs.session-token=anything" } });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: "UNAUTHORIZED", data: { messageKey: "errors.apiKeys.invalid" } });
    }
  });

  it("is not accepted on the app's own tRPC endpoint", async () => {
    const env = { runtime: async () => ({ handle: t.handle, boss: null }), session: async () => null };
    const response = await trpcGet(
      new Request(`http://koubei.test/api/trpc/shops.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
        headers: { authorization: `Bearer ${writeKey}`, "x-api-key": writeKey, "x-koubei-org": a.org.orgId },
      }),
      undefined,
      env,
    );
    expect(response.status).toBe(401);
  });

  it("a read key reads scores, history and alerts but gets 403 on a write endpoint", async () => {
    const env = publicApiEnvFor(t.handle);
    expect((await callPublicApi(env, { path: `/shops/${shopA.id}/score`, key: readKey })).status).toBe(200);
    expect((await callPublicApi(env, { path: `/shops/${shopA.id}/history`, key: readKey })).status).toBe(200);
    expect((await callPublicApi(env, { path: "/alerts", key: readKey })).status).toBe(200);
    // A rule that fired on the shop is listed with the shop's platform id; the other organisation's never.
    const rule = await a.caller.alerts.createRule({ name: "低于 4.6", rule: "overall<4.6", entity: { kind: "shop", id: shopA.id } });
    await withTenant(t.handle, { orgId: a.org.orgId }, (tx) =>
      tx.insert(alertStates).values({ orgId: a.org.orgId, ruleId: rule.id, entityKind: "shop", entityId: shopA.id, active: true, value: 4.41, day: "2026-05-12", firedAt: new Date("2026-05-12T01:00:00Z") }),
    );
    const listed = await callPublicApi(env, { path: "/alerts", key: readKey });
    expect(listed.body).toEqual({
      items: [
        {
          rule: { id: rule.id, name: "低于 4.6", text: "overall<4.6" },
          entity: { kind: "shop", id: shopA.id, externalId: "s002", name: "甲店" },
          active: true,
          value: 4.41,
          day: "2026-05-12",
          firedAt: "2026-05-12T01:00:00.000Z",
          clearedAt: null,
        },
      ],
    });
    const refused = await callPublicApi(env, {
      path: "/imports",
      method: "POST",
      key: readKey,
      body: { shopId: shopA.id, kind: "orders", fileName: "orders.csv", contentBase64: fs.readFileSync(SAMPLE).toString("base64") },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ data: { messageKey: "errors.apiKeys.scope" } });
    const facts = await withTenant(t.handle, { orgId: a.org.orgId }, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.shopId, shopA.id)));
    expect(facts[0]?.n).toBe(0);
  });

  it("a write key imports a file: the facts land through the import flow and the shop is rescored", async () => {
    const env = publicApiEnvFor(t.handle);
    const started = await callPublicApi(env, {
      path: "/imports",
      method: "POST",
      key: writeKey,
      body: { shopId: shopA.id, kind: "orders", fileName: "orders.csv", contentBase64: fs.readFileSync(SAMPLE).toString("base64") },
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ queued: false, status: "succeeded" });
    const imported = started.body as { importId: string; rowsProcessed: number };
    expect(imported.rowsProcessed).toBeGreaterThan(0);
    const [facts] = await withTenant(t.handle, { orgId: a.org.orgId }, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.shopId, shopA.id)));
    expect(facts?.n).toBeGreaterThan(0);
    const [scores] = await withTenant(t.handle, { orgId: a.org.orgId }, (tx) =>
      tx.select({ n: sql<number>`count(*)::int` }).from(scoreSnapshots).where(and(eq(scoreSnapshots.orgId, a.org.orgId), eq(scoreSnapshots.entityId, shopA.id))),
    );
    expect(scores?.n).toBeGreaterThan(0);
    const score = await callPublicApi(env, { path: `/shops/${shopA.id}/score`, key: readKey });
    expect(score.body).toMatchObject({ entity: { id: shopA.id }, recalculating: false });
    expect((score.body as { day: string | null }).day).not.toBeNull();
    // The import is in the audit trail, under the key's creator.
    const trail = await a.caller.audit.page({ action: "import.create" });
    expect(trail.rows).toEqual(expect.arrayContaining([expect.objectContaining({ target: imported.importId, actorUserId: a.user.id })]));
    // Bad base64 is refused as input, with nothing imported.
    const bad = await callPublicApi(env, { path: "/imports", method: "POST", key: writeKey, body: { shopId: shopA.id, kind: "orders", fileName: "x.csv", contentBase64: "@@not base64@@" } });
    expect(bad.status).toBe(400);
  });

  it("a key of one organisation never reads another's", async () => {
    const env = publicApiEnvFor(t.handle);
    for (const route of [`/shops/${shopB.id}/score`, `/shops/${shopB.id}/history`, `/creators/${shopB.id}/score`]) {
      const answer = await callPublicApi(env, { path: route, key: writeKey });
      expect(answer.status, route).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain("乙店秘密");
    }
    // Naming the other organisation is refused like a non-member.
    const named = await callPublicApi(env, { path: "/shops", key: readKey, headers: { "x-koubei-org": b.org.orgId } });
    expect(named.status).toBe(403);
    const imported = await callPublicApi(env, {
      path: "/imports",
      method: "POST",
      key: writeKey,
      body: { shopId: shopB.id, kind: "orders", fileName: "orders.csv", contentBase64: fs.readFileSync(SAMPLE).toString("base64") },
    });
    expect(imported.status).toBe(404);
    const [facts] = await withTenant(t.handle, { orgId: b.org.orgId }, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.orgId, b.org.orgId)));
    expect(facts?.n).toBe(0);
  });

  it("answers 429 with Retry-After once a key has spent its rate, while other keys go on", async () => {
    const env = publicApiEnvFor(t.handle, { limit: 3, windowSeconds: 60 });
    const key = (await a.caller.apiKeys.create({ name: "busy", scope: "read" })).secret;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await callPublicApi(env, { path: "/shops", key })).status);
    const limited = await callPublicApi(env, { path: "/shops", key });
    expect(statuses).toEqual([200, 200, 200]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    const other = (await a.caller.apiKeys.create({ name: "calm", scope: "read" })).secret;
    expect((await callPublicApi(env, { path: "/shops", key: other })).status).toBe(200);
  });

  it("a revoked key is refused at once (401), its last use is kept, and both changes are audited", async () => {
    const env = publicApiEnvFor(t.handle);
    const created = await a.caller.apiKeys.create({ name: "short-lived", scope: "read" });
    expect((await callPublicApi(env, { path: "/shops", key: created.secret })).status).toBe(200);
    const used = (await a.caller.apiKeys.list()).find((k) => k.id === created.key.id);
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
    await a.caller.apiKeys.revoke({ id: created.key.id });
    expect((await callPublicApi(env, { path: "/shops", key: created.secret })).status).toBe(401);
    expect((await a.caller.apiKeys.list()).find((k) => k.id === created.key.id)?.revokedAt).toBeInstanceOf(Date);
    const rows = await withTenant(t.handle, { orgId: a.org.orgId }, (tx) =>
      tx.select({ action: auditLog.action, actor: auditLog.actorUserId }).from(auditLog).where(and(eq(auditLog.orgId, a.org.orgId), eq(auditLog.target, created.key.id))),
    );
    expect(rows.map((r) => r.action).sort()).toEqual(["apiKey.create", "apiKey.revoke"]);
    expect(rows.every((r) => r.actor === a.user.id)).toBe(true);
    // Another organisation cannot revoke it (or learn it exists).
    expect(await trpcCodeOf(b.caller.apiKeys.revoke({ id: created.key.id }))).toBe("NOT_FOUND");
  });
});

describe("the OpenAPI document", () => {
  it("lists every endpoint and is a well-formed OpenAPI 3 document", async () => {
    const response = openApiJson(new Request("http://koubei.test/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      info: { title: string; version: string };
      servers: { url: string }[];
      paths: Record<string, Record<string, { operationId: string; security?: Record<string, unknown>[]; parameters?: { in: string; name: string; required?: boolean }[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
    };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.servers[0]?.url).toBe("http://koubei.test/api/v1");
    const operations = Object.entries(doc.paths).flatMap(([route, methods]) => Object.entries(methods).map(([method, op]) => ({ route, method, op })));
    expect(operations.map((o) => `${o.method.toUpperCase()} ${o.route}`).sort()).toEqual(
      [
        "GET /alerts",
        "GET /creators",
        "GET /creators/{id}/history",
        "GET /creators/{id}/score",
        "GET /shops",
        "GET /shops/{id}/history",
        "GET /shops/{id}/score",
        "POST /imports",
      ].sort(),
    );
    const operationIds = operations.map((o) => o.op.operationId);
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    for (const { route, method, op } of operations) {
      expect(["get", "post", "put", "patch", "delete"]).toContain(method);
      expect(route.startsWith("/")).toBe(true);
      // Every security requirement names a declared scheme; every path template has its required parameter.
      for (const requirement of op.security ?? []) for (const name of Object.keys(requirement)) expect(doc.components.securitySchemes[name]).toBeDefined();
      expect(op.security?.length).toBeGreaterThan(0);
      for (const [, name] of route.matchAll(/\{(\w+)\}/g)) {
        expect(op.parameters?.find((p) => p.in === "path" && p.name === name)).toMatchObject({ required: true });
      }
      expect(op.responses["200"]?.content?.["application/json"]?.schema).toBeDefined();
      for (const code of Object.keys(op.responses)) expect(code).toMatch(/^[1-5]\d\d$|^default$/);
    }
    expect(doc.paths["/imports"]?.post?.requestBody).toBeDefined();
  });
});
