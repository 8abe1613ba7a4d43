import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getErrorShape, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as rejectedRowsCsv } from "@/app/api/imports/[importId]/rejected/route";
import { POST as uploadFiles } from "@/app/api/imports/upload/route";
import { GET as exportPortfolio } from "@/app/api/portfolio/export/route";
import { GET as indicatorFactsFile } from "@/app/api/insight/facts/route";
import { GET as shortlistXlsx } from "@/app/api/directory/shortlists/[shortlistId]/export/route";
import { GET as entityReport } from "@/app/api/reports/entity/route";
import { GET as organisationReport } from "@/app/api/reports/organisation/route";
import { GET as evidenceFile } from "@/app/api/checklists/evidence/[fileId]/route";
import { POST as uploadEvidence } from "@/app/api/checklists/items/[itemId]/evidence/route";
import { GET as exportAuditLog } from "@/app/api/audit/export/route";
import { publicApiDocument } from "@/server/api/public-api-handler";
import type { Session } from "@/server/api/org-scope";
import { appRouter } from "@/server/api/root";
import type { RouteEnv } from "@/server/api/route-scope";
import { uploadsRoot } from "@/server/imports/uploads";
import { AppError } from "@/server/lib/errors";
import { findUserById } from "@/server/users/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { callPublicApi, publicApiEnvFor } from "../../helpers/public-api";
import { sampleInput } from "../../helpers/sample-input";
import { rowsPerTenantTable } from "../../helpers/tenant-rows";
import { procedureCases } from "./procedure-cases";
import { victimOrganisation, type Victim } from "./victim-org";

type AnyProcedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, AnyProcedure> } })._def.procedures);

/** A refusal, or an answer to be searched for the victim's data; anything else (a crash) fails. */
type Outcome = { ok: true; body: string } | { ok: false; refusal: boolean; code: string; why: string };

// TOO_MANY_REQUESTS: the sweep signs up and asks for reset mails from one address far more often than the throttle allows; a 429 carries no data.
const REFUSALS = new Set(["NOT_FOUND", "FORBIDDEN", "TOO_MANY_REQUESTS"]);

async function callProcedure(caller: unknown, procedurePath: string, input: unknown): Promise<Outcome> {
  let fn: unknown = caller;
  for (const part of procedurePath.split(".")) fn = (fn as Record<string, unknown>)[part];
  try {
    return { ok: true, body: JSON.stringify(await (fn as (i: unknown) => Promise<unknown>)(input)) ?? "" };
  } catch (error) {
    if (!(error instanceof TRPCError)) return { ok: false, refusal: false, code: "THROWN", why: String(error) };
    const invalidInput = error.code === "BAD_REQUEST" && (error.cause instanceof ZodError || (error.cause instanceof AppError && error.cause.code === "BAD_INPUT"));
    // What the HTTP client would read: the error as the router's formatter shapes it.
    const shape = getErrorShape({ config: appRouter._def._config, error, type: "unknown", path: procedurePath, input, ctx: undefined });
    return { ok: false, refusal: REFUSALS.has(error.code) || invalidInput, code: error.code, why: `${error.message} ${JSON.stringify(shape)}` };
  }
}

async function callRoute(send: () => Promise<Response>): Promise<Outcome> {
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    return { ok: false, refusal: false, code: "THROWN", why: String(error) };
  }
  const body = await response.text();
  if (response.ok) return { ok: true, body };
  const code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? `HTTP ${response.status}`;
  const expectedStatus: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, BAD_INPUT: 400 };
  return { ok: false, refusal: expectedStatus[code] === response.status, code, why: body };
}

/** Signs that an error body carries the database's own words: the statement or its parameters. */
const SQL_IN_ERRORS = [/\bselect\s/i, /\binsert\s/i, /\bupdate\s+"?\w+"?\s+set\b/i, /\bdelete\s+from\b/i, /Failed query/i, /params:/i];

/** What is wrong with an outcome, or null when it is a clean refusal or an answer without the victim's data. */
function fault(outcome: Outcome, victim: Victim): string | null {
  if (!outcome.ok && SQL_IN_ERRORS.some((pattern) => pattern.test(outcome.why))) return `answered ${outcome.code} with SQL in its error (${outcome.why})`;
  if (!outcome.ok) return outcome.refusal ? null : `answered ${outcome.code} (${outcome.why})`;
  const leaked = victim.secrets.filter((secret) => outcome.body.includes(secret));
  return leaked.length > 0 ? `returned the victim's ${leaked.join(", ")}` : null;
}

/** Route handlers by folder under app/api, each with the requests an attacker sends to it (orgId is the organisation the request names). */
type RouteCase = (victim: Victim, orgId: string) => ((env: RouteEnv) => Promise<Response>)[];

const BASE = "http://koubei.test/api";
const routeCases: Record<string, RouteCase> = {
  "imports/upload": (_victim, orgId) => [
    (env) => uploadFiles(new Request(`${BASE}/imports/upload`, { method: "POST", headers: { "x-koubei-org": orgId, "x-file-name": "intruder.csv" }, body: "order_id\n1\n" }), undefined, env),
    (env) => {
      const form = new FormData();
      form.append("file", new File(["order_id\n1\n"], "intruder.csv"));
      return uploadFiles(new Request(`${BASE}/imports/upload?org=${orgId}`, { method: "POST", body: form }), undefined, env);
    },
  ],
  "imports/[importId]/rejected": (victim, orgId) => {
    const download = (importId: string, request: Request) => (env: RouteEnv) => rejectedRowsCsv(request, { params: Promise.resolve({ importId }) }, env);
    return [
      download(victim.importId, new Request(`${BASE}/imports/${victim.importId}/rejected?org=${orgId}`)),
      download(victim.importId, new Request(`${BASE}/imports/${victim.importId}/rejected`, { headers: { "x-koubei-org": orgId } })),
      download("not-an-import-id", new Request(`${BASE}/imports/not-an-import-id/rejected?org=${orgId}`)),
    ];
  },
  "portfolio/export": (victim, orgId) => [
    (env) => exportPortfolio(new Request(`${BASE}/portfolio/export?org=${orgId}&format=csv`), undefined, env),
    (env) => exportPortfolio(new Request(`${BASE}/portfolio/export?format=xlsx`, { headers: { "x-koubei-org": orgId } }), undefined, env),
    (env) => exportPortfolio(new Request(`${BASE}/portfolio/export?org=${orgId}&format=csv&q=${encodeURIComponent(victim.shopId)}&owner=${victim.owner.id}`), undefined, env),
  ],
  "insight/facts": (victim, orgId) => {
    const download = (query: string, init?: RequestInit) => (env: RouteEnv) => indicatorFactsFile(new Request(`${BASE}/insight/facts?${query}`, init), undefined, env);
    return [
      download(`org=${orgId}&kind=shop&id=${victim.shopId}&indicator=good_review_rate&format=csv`),
      download(`kind=creator&id=${victim.creatorId}&indicator=quality_return_rate&format=xlsx`, { headers: { "x-koubei-org": orgId } }),
      download(`org=${orgId}&kind=shop&id=not-a-shop-id&indicator=good_review_rate`),
    ];
  },
  "directory/shortlists/[shortlistId]/export": (victim, orgId) => {
    const download = (shortlistId: string, request: Request) => (env: RouteEnv) => shortlistXlsx(request, { params: Promise.resolve({ shortlistId }) }, env);
    return [
      download(victim.shortlistId, new Request(`${BASE}/directory/shortlists/${victim.shortlistId}/export?org=${orgId}`)),
      download(victim.shortlistId, new Request(`${BASE}/directory/shortlists/${victim.shortlistId}/export`, { headers: { "x-koubei-org": orgId } })),
      download("not-a-shortlist-id", new Request(`${BASE}/directory/shortlists/not-a-shortlist-id/export?org=${orgId}`)),
    ];
  },
  "reports/entity": (victim, orgId) => {
    const download = (query: string, init?: RequestInit) => (env: RouteEnv) => entityReport(new Request(`${BASE}/reports/entity?${query}`, init), undefined, env);
    return [
      download(`org=${orgId}&kind=shop&id=${victim.shopId}&format=csv`),
      download(`kind=creator&id=${victim.creatorId}&format=xlsx`, { headers: { "x-koubei-org": orgId } }),
      // The PDF: visibility is checked before any page is rendered.
      download(`org=${orgId}&kind=shop&id=${victim.shopId}&format=pdf`),
      download(`org=${orgId}&kind=creator&id=${victim.creatorId}&format=pdf`),
      download(`org=${orgId}&kind=shop&id=not-a-shop-id&format=csv`),
    ];
  },
  "reports/organisation": (_victim, orgId) => [
    (env) => organisationReport(new Request(`${BASE}/reports/organisation?org=${orgId}&format=csv`), undefined, env),
    (env) => organisationReport(new Request(`${BASE}/reports/organisation?format=xlsx`, { headers: { "x-koubei-org": orgId } }), undefined, env),
  ],
  "checklists/evidence/[fileId]": (victim, orgId) => {
    const download = (fileId: string, request: Request) => (env: RouteEnv) => evidenceFile(request, { params: Promise.resolve({ fileId }) }, env);
    return [
      download(victim.evidenceFileId, new Request(`${BASE}/checklists/evidence/${victim.evidenceFileId}?org=${orgId}`)),
      download(victim.evidenceFileId, new Request(`${BASE}/checklists/evidence/${victim.evidenceFileId}`, { headers: { "x-koubei-org": orgId } })),
      download("not-a-file-id", new Request(`${BASE}/checklists/evidence/not-a-file-id?org=${orgId}`)),
    ];
  },
  "checklists/items/[itemId]/evidence": (victim, orgId) => {
    const send = (itemId: string, request: Request) => (env: RouteEnv) => uploadEvidence(request, { params: Promise.resolve({ itemId }) }, env);
    const body = () => ({ method: "POST", body: "intruder evidence", headers: { "x-koubei-org": orgId, "x-file-name": "intruder.txt", "content-type": "text/plain" } });
    return [
      send(victim.checklistItemId, new Request(`${BASE}/checklists/items/${victim.checklistItemId}/evidence`, body())),
      send("not-an-item-id", new Request(`${BASE}/checklists/items/not-an-item-id/evidence`, body())),
    ];
  },
  "audit/export": (victim, orgId) => {
    const download = (query: string, init?: RequestInit) => (env: RouteEnv) => exportAuditLog(new Request(`${BASE}/audit/export?${query}`, init), undefined, env);
    return [
      download(`org=${orgId}&format=csv`),
      download(`format=xlsx&actor=${victim.owner.id}`, { headers: { "x-koubei-org": orgId } }),
      download(`org=${orgId}&action=apiKey.create&from=2026-01-01&to=2030-01-01`),
    ];
  },
};

/** Route handlers outside this sweep, and why. */
const ROUTES_OUTSIDE_THE_SWEEP: Record<string, string> = {
  "auth/[...nextauth]": "Auth.js's own sign-in endpoints: no organisation, no tenant data",
  "trpc/[trpc]": "serves the procedures swept here; its context hands the session to the same guard",
  "v1/[...path]": "the public API takes keys, never a session: its procedures (api.*) are swept above, and an attacker's key is aimed at every endpoint of its OpenAPI document below",
  "v1/openapi.json": "the public API's OpenAPI document: endpoints and schemas, no tenant data",
  "sync/douyin/push/[orgId]": "the platform's push messages carry no session: each is believed only when signed with that organisation's app secret (tests/integration/sync/isolation-and-push.test.ts)",
};

function routeFolders(dir = path.resolve(import.meta.dirname, "../../../app/api"), prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && /^route\.(ts|tsx|js)$/.test(entry.name)) return [prefix.replace(/\/$/, "")];
    return entry.isDirectory() ? routeFolders(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [];
  });
}

let t: TestDatabase;
let dataDir: string;
let victim: Victim;
let victimBefore: Record<string, string>;
let attacker: Awaited<ReturnType<typeof ownerWithOrg>>;

const sessionOf = async (userId: string): Promise<Session> => ({ userId, sessionVersion: (await findUserById(t.handle, userId))?.sessionVersion ?? 1 });
/** Where the attacker stands: its callers are made afresh before each call, because auth.signOut ends the sessions of callers made earlier. */
const attackerPositions = () => Object.entries({ "own org": attacker.org.orgId, "naming victim": victim.orgId });
const attackerCaller = (orgId: string) => callerFor(t.handle, attacker.user.id, orgId);
const envFor = (session: Session): RouteEnv => ({ runtime: async () => ({ handle: t.handle, boss: null }), session: async () => session });

/**
 * Cached indicator values (both engines): scoring any organisation first brings every
 * organisation's cache up to date (peers are ranked against the whole cohort), so the attacker's
 * own scoring adds rows here.
 */
const GROWS_WITH_PEERS_SCORING = ["indicator_values", "current_indicator_values"];

/** Everything the victim owns, as the victim sees it: row counts of every tenant table, its own views, its waiting uploads. */
async function victimState(): Promise<Record<string, string>> {
  const c = victim.caller;
  const parts = {
    ...Object.fromEntries(
      Object.entries(await rowsPerTenantTable(t.handle, victim.orgId))
        .filter(([table]) => !GROWS_WITH_PEERS_SCORING.includes(table))
        .map(([table, n]) => [`rows in ${table}`, n]),
    ),
    org: await c.orgs.current(),
    shops: await c.shops.list({ includeArchived: true }),
    creators: await c.creators.list({ includeArchived: true }),
    members: await c.members.list(),
    invitations: await c.members.invitations(),
    portfolio: await c.portfolio.page({}),
    shopScore: await c.scores.shop({ id: victim.shopId }),
    creatorScore: await c.scores.creator({ id: victim.creatorId }),
    dimensionWeights: await c.scores.dimensionWeights(),
    parameters: await c.parameters.get({ ruleSet: "douyin-shop-2026-07", category: "美妆" }),
    penaltyTypes: await c.penaltyTypes.list(),
    calibration: await c.calibration.latest({ ruleSet: "douyin-shop-2026-07", category: "美妆" }),
    imports: await c.imports.list(),
    rejectedRows: await c.imports.rejectedRows({ importId: victim.importId }),
    templates: await c.imports.templates(),
    listedCard: await c.directory.entityCard({ kind: "shop", id: victim.listedShopId }),
    shortlists: await c.directory.shortlists(),
    shortlist: await c.directory.shortlist({ id: victim.shortlistId }),
    savedSearches: await c.directory.savedSearches(),
    notifications: await c.notifications.list(),
    checklist: await c.checklists.get({ id: victim.checklistId }),
    checklists: await c.checklists.list(),
    playbooks: await c.playbooks.list({ includeArchived: true }),
    apiKeys: await c.apiKeys.list(),
    audit: await c.audit.page({ pageSize: 100 }),
    shopGoals: await c.shops.goals({ entityId: victim.shopId }),
    creatorGoals: await c.creators.goals({ entityId: victim.creatorId }),
    digestPreferences: await c.digest.preferences(),
    uploads: fs.readdirSync(path.join(uploadsRoot(), victim.orgId)).sort(),
  };
  return Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, JSON.stringify(value)]));
}

/** The parts of the victim's state that differ from before the attack (named, so a failure says what changed). */
async function victimChanges(): Promise<string[]> {
  const now = await victimState();
  return Object.keys(victimBefore).filter((part) => now[part] !== victimBefore[part]);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-tenant-isolation-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
  victim = await victimOrganisation(t.handle);
  attacker = await ownerWithOrg(t.handle, "attacker");
  await attacker.caller.shops.create({ name: "攻击者的店", category: "beauty" });
  victimBefore = await victimState();
}, 300_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("no procedure or route handler leaks across organisations", () => {
  it("has a case for every procedure and every route handler", () => {
    expect(Object.keys(procedureCases).sort()).toEqual(procedures.map(([p]) => p).sort());
    expect([...Object.keys(routeCases), ...Object.keys(ROUTES_OUTSIDE_THE_SWEEP)].sort()).toEqual(routeFolders().sort());
  });

  it("the victim owns rows in every tenant table", async () => {
    const rows = await rowsPerTenantTable(t.handle, victim.orgId);
    expect(Object.entries(rows).filter(([, n]) => n === 0)).toEqual([]);
  });

  it("refuses every procedure aimed at the victim's real rows, from the attacker's organisation and naming the victim's", async () => {
    const faults: string[] = [];
    for (const [procedurePath, inputsFor] of Object.entries(procedureCases)) {
      for (const [position, orgId] of attackerPositions()) {
        for (const input of inputsFor(victim)) {
          const problem = fault(await callProcedure(await attackerCaller(orgId), procedurePath, input), victim);
          if (problem) faults.push(`${procedurePath} (${position}, ${JSON.stringify(input)}) ${problem}`);
        }
      }
    }
    expect(faults).toEqual([]);
    expect(await victimChanges()).toEqual([]);
  }, 300_000);

  it("puts each of the victim's ids into every id field of every procedure", async () => {
    expect(procedures.length).toBeGreaterThan(15);
    // Plus a NUL byte, which PostgreSQL text cannot hold: it must be refused, not reach a query whose error names the SQL.
    const ids = [victim.shopId, victim.creatorId, victim.invitationId, victim.owner.id, victim.memberId, victim.orgId, victim.importId, victim.uploadId, victim.templateId, "\u0000"];
    const faults: string[] = [];
    let calls = 0;
    for (const [procedurePath, procedure] of procedures) {
      for (const id of ids) {
        const input = sampleInput(procedure._def.inputs, {
          id,
          userId: id,
          shopId: victim.shopId,
          creatorId: victim.creatorId,
          importId: id,
          uploadId: victim.uploadId,
          templateId: id,
          itemId: victim.checklistItemId,
          search: id,
          shopIds: [victim.shopId],
          confirmName: victim.orgName,
          // Invitation tokens are bearer secrets: holding one is meant to let you in, so none is used here.
          token: "not-a-real-token",
        });
        for (const [position, orgId] of attackerPositions()) {
          const problem = fault(await callProcedure(await attackerCaller(orgId), procedurePath, input), victim);
          if (problem) faults.push(`${procedurePath} (${position}, ${JSON.stringify(input)}) ${problem}`);
        }
        calls++;
      }
    }
    expect(faults).toEqual([]);
    expect(calls).toBe(procedures.length * ids.length);
    expect(await victimChanges()).toEqual([]);
    // Twenty calls per procedure: the time grows with the router (about six minutes on a loaded two-core machine).
  }, 600_000);

  it("refuses every organisation procedure to a non-member naming the organisation", async () => {
    const refused: string[] = [];
    for (const [procedurePath, procedure] of procedures) {
      const intruder = await attackerCaller(victim.orgId);
      const result = await callProcedure(intruder, procedurePath, sampleInput(procedure._def.inputs, {}));
      if (!result.ok && result.code === "FORBIDDEN") refused.push(procedurePath);
    }
    // Every procedure that works inside an organisation (all but auth.* / catalog.* / orgs.create) refuses.
    const orgScoped = procedures.map(([p]) => p).filter((p) => !p.startsWith("auth.") && !p.startsWith("catalog.") && p !== "orgs.create");
    expect(refused.sort()).toEqual(orgScoped.sort());
  });

  it("refuses every route handler aimed at the victim, from the attacker's organisation and naming the victim's", async () => {
    const env = envFor(await sessionOf(attacker.user.id));
    const faults: string[] = [];
    for (const [route, requestsFor] of Object.entries(routeCases)) {
      for (const [position, orgId] of Object.entries({ "own org": attacker.org.orgId, "naming victim": victim.orgId })) {
        for (const [index, send] of requestsFor(victim, orgId).entries()) {
          const outcome = await callRoute(() => send(env));
          const problem = fault(outcome, victim);
          if (problem) faults.push(`${route} #${index} (${position}) ${problem}`);
          if (position === "naming victim" && !(outcome.ok === false && outcome.code === "FORBIDDEN")) faults.push(`${route} #${index} let a non-member in`);
        }
      }
    }
    expect(faults).toEqual([]);
    expect(await victimChanges()).toEqual([]);
  }, 300_000);

  it("an attacker's API key reaches none of the victim's rows through any endpoint of the public API", async () => {
    const env = publicApiEnvFor(t.handle);
    const document = publicApiDocument("http://koubei.test");
    const own = await attackerCaller(attacker.org.orgId);
    const keys = [
      (await own.apiKeys.create({ name: "intruder write key", scope: "write" })).secret,
      (await own.apiKeys.create({ name: "intruder read key", scope: "read" })).secret,
    ];
    const content = Buffer.from(fs.readFileSync(path.join(import.meta.dirname, "../../fixtures/samples/douyin-exports/s002/orders.csv"))).toString("base64");
    const faults: string[] = [];
    let endpoints = 0;
    for (const [template, operations] of Object.entries(document.paths ?? {})) {
      for (const method of Object.keys(operations ?? {})) {
        endpoints++;
        for (const id of [victim.shopId, victim.creatorId, victim.importId]) {
          for (const named of [null, victim.orgId]) {
            for (const key of keys) {
              const body = { shopId: id, creatorId: id, kind: id === victim.creatorId ? "creator_orders" : "orders", fileName: "intruder.csv", contentBase64: content };
              const call = { path: template.replace("{id}", id), key, method: method.toUpperCase() as "GET" | "POST", body, headers: named ? { "x-koubei-org": named } : undefined };
              const answer = await callPublicApi(env, call);
              const text = JSON.stringify(answer.body);
              const leaked = victim.secrets.filter((secret) => text.includes(secret));
              const where = `${method.toUpperCase()} ${template} (${id === victim.shopId ? "shop" : id === victim.creatorId ? "creator" : "import"} id${named ? ", naming the victim" : ""})`;
              if (leaked.length > 0) faults.push(`${where} returned the victim's ${leaked.join(", ")}`);
              if (named && answer.status !== 403) faults.push(`${where} answered ${answer.status} instead of 403`);
              if (!named && ![200, 400, 403, 404].includes(answer.status)) faults.push(`${where} answered ${answer.status}: ${text}`);
            }
          }
        }
      }
    }
    expect(endpoints).toBeGreaterThanOrEqual(8);
    expect(faults).toEqual([]);
    expect(await victimChanges()).toEqual([]);
    // The victim's own key still serves the victim.
    const victimOwn = await callPublicApi(env, { path: "/shops", key: victim.apiKeySecret });
    expect(victimOwn.status).toBe(200);
    expect(JSON.stringify(victimOwn.body)).toContain(victim.shopId);
  }, 300_000);

  it("route handlers serve the victim itself, and refuse a signed-out or stale session", async () => {
    const own = envFor(victim.owner.session);
    const stale = envFor({ ...victim.owner.session, sessionVersion: victim.owner.session.sessionVersion + 1 });
    for (const [route, requestsFor] of Object.entries(routeCases)) {
      const [first] = requestsFor(victim, victim.orgId);
      expect(first, route).toBeDefined();
      if (!first) continue;
      expect((await first(own)).status, `${route} for its own organisation`).toBe(200);
      for (const env of [envFor(null), stale]) {
        const response = await first(env);
        expect(response.status, route).toBe(401);
        expect(await response.json()).toMatchObject({ error: { code: "UNAUTHORIZED", messageKey: "errors.signInRequired" } });
      }
    }
  });
});
