import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { memberships, scoreSnapshots } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { saveUpload } from "@/server/imports/uploads";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { toScoreJson } from "@/server/scoring/score-json";
import { scoreOrganisationDay } from "@/server/scoring/service";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { s002ExportsEndingOn } from "../../helpers/recent-exports";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * The sample exports are dated January–June 2026, before today's window: the score read says so,
 * and the score as of the file's last day is the one `koubei score --date` computes.
 */
const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/samples/douyin-exports/s002");
const KINDS = ["orders", "reviews", "after_sales", "complaints", "chats"] as const;

let t: TestDatabase;
let dataDir: string;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let shopId: string;
let creatorId: string;
let importIds: string[];

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-as-of-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "asOf");
  shopId = (await owner.caller.shops.create({ name: "云裳女装", category: "服饰内衣", externalId: "s002" })).id;
  creatorId = (await owner.caller.creators.create({ name: "达人 a4", category: "服饰内衣", externalId: "a4" })).id;
  importIds = [];
  for (const kind of KINDS) {
    const up = await saveUpload({ orgId: owner.org.orgId, userId: null, fileName: `${kind}.csv`, stream: fs.createReadStream(path.join(FIXTURES, `${kind}.csv`)) });
    const confirmed = await owner.caller.imports.confirm({ uploadId: up.uploadId, shopId, kind });
    expect(confirmed.summary?.status).toBe("succeeded");
    importIds.push(confirmed.importId);
  }
}, 600_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("score as of any day", () => {
  it("an import records the days its file covers and says they lie before today's window", async () => {
    const orders = await owner.caller.imports.get({ importId: importIds[0] ?? "" });
    expect(orders.firstFactDay).toMatch(/^2026-0[1-2]-\d\d$/);
    expect(orders.lastFactDay).toMatch(/^2026-0[5-6]-\d\d$/);
    expect(orders.coverage).toMatchObject({ first: orders.firstFactDay, last: orders.lastFactDay, beforeTodayWindow: true });
    // The rule set's main window (D−90 … D−1), not a fixed number of days.
    expect(orders.coverage?.todayWindow.last).toBe(addDays(todayInShanghai(), -1));
  });

  it("an import of recent data lies inside today's window: no as-of offer, and its days are those of the file", async () => {
    const other = await ownerWithOrg(t.handle, "asOfRecent");
    const recentShop = await other.caller.shops.create({ name: "近期店", category: "服饰内衣" });
    const yesterday = addDays(todayInShanghai(), -1);
    const text = s002ExportsEndingOn(yesterday).orders;
    const up = await saveUpload({ orgId: other.org.orgId, userId: null, fileName: "orders.csv", stream: Readable.from([Buffer.from(text, "utf8")]) });
    const confirmed = await other.caller.imports.confirm({ uploadId: up.uploadId, shopId: recentShop.id, kind: "orders" });
    const got = await other.caller.imports.get({ importId: confirmed.importId });
    // The exports are moved so that their newest day (a review's) is yesterday; the orders end a little before.
    expect((got.lastFactDay ?? "") > addDays(yesterday, -14) && (got.lastFactDay ?? "") <= yesterday).toBe(true);
    expect(got.coverage).toMatchObject({ last: got.lastFactDay, beforeTodayWindow: false });
    const score = await other.caller.scores.shop({ id: recentShop.id });
    expect(score.coverage?.beforeTodayWindow).toBe(false);
    expect(score.latest?.explanation.state).toBe("scored");
  }, 120_000);

  it("today's score is insufficient and the read names the data's days and offers its last day", async () => {
    const today = await owner.caller.scores.shop({ id: shopId });
    expect(today.asOf).toBeNull();
    expect(today.latest?.explanation.state).toBe("insufficient_data");
    expect(today.coverage?.beforeTodayWindow).toBe(true);
    const orders = await owner.caller.imports.get({ importId: importIds[0] ?? "" });
    expect(today.coverage?.first).toBe(orders.firstFactDay);
    expect((today.coverage?.last ?? "") >= (orders.lastFactDay ?? "")).toBe(true);
  });

  it("the score as of the data's last day equals koubei score --date for that day, with 90 days of history", async () => {
    const day = (await owner.caller.scores.shop({ id: shopId })).coverage?.last ?? "";
    const asOf = await owner.caller.scores.shop({ id: shopId, day });
    expect(asOf.asOf).toBe(day);
    expect(asOf.latest?.day).toBe(day);
    const shown = asOf.latest?.explanation;
    expect(shown?.state).toBe("scored");
    expect(asOf.history.length).toBe(90);
    expect(asOf.history.at(-1)).toMatchObject({ day, overall: shown?.overall });
    expect(Object.keys(asOf.history.at(-1)?.dimensions ?? {}).sort()).toEqual(["logistics", "product", "service"]);
    expect(asOf.history.at(-1)?.dimensions.product).toBe(shown?.dimensions.find((d) => d.code === "product")?.scoreShown);
    expect(asOf.history.filter((h) => h.overallShown !== null).length).toBeGreaterThan(30);

    // What `koubei score --date <day> --shop s002` runs and prints, computed afresh.
    const [cli] = await scoreOrganisationDay(t.handle, { orgId: owner.org.orgId, kind: "shop", day, entityIds: [shopId] });
    expect(cli).toBeDefined();
    const line = toScoreJson({ kind: "shop", id: shopId, externalId: "s002", name: "云裳女装", category: "服饰内衣" }, cli?.explanation ?? ({} as never), (c) => c);
    expect(line.overall).toBe(shown?.overall);
    expect(line.beatsPercent).toBe(shown?.beatsPercent);
    expect(shown).toEqual(cli?.explanation);
    // Stored now: read again, nothing is recomputed and the same explanation comes back.
    expect((await owner.caller.scores.shop({ id: shopId, day })).latest?.explanation).toEqual(shown);
  }, 300_000);

  it("works for creator accounts alike, and refuses days after today", async () => {
    const latest = await owner.caller.scores.creator({ id: creatorId });
    expect(latest.coverage?.beforeTodayWindow).toBe(true);
    const day = latest.coverage?.last ?? "";
    const asOf = await owner.caller.scores.creator({ id: creatorId, day });
    expect(asOf.latest?.day).toBe(day);
    const [cli] = await scoreOrganisationDay(t.handle, { orgId: owner.org.orgId, kind: "creator", day, entityIds: [creatorId] });
    expect(asOf.latest?.explanation.overall).toBe(cli?.explanation.overall);
    // A member limited to other shops reads no day of this one, and nothing is computed for them.
    const limited = await createUser(t.handle, { email: `limited-${Date.now()}@example.test`, password: "password123", name: "l" });
    await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => tx.insert(memberships).values({ orgId: owner.org.orgId, userId: limited.id, role: "analyst", limitedToGrants: true }));
    const asLimited = await callerFor(t.handle, limited.id, owner.org.orgId);
    expect(await codeOf(asLimited.scores.shop({ id: shopId, day: "2026-02-15" }))).toBe("NOT_FOUND");
    const [stored] = await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) =>
      tx.select({ day: scoreSnapshots.day }).from(scoreSnapshots).where(and(eq(scoreSnapshots.orgId, owner.org.orgId), eq(scoreSnapshots.entityId, shopId), eq(scoreSnapshots.day, "2026-02-15"))),
    );
    expect(stored).toBeUndefined();
    expect(await codeOf(owner.caller.scores.shop({ id: shopId, day: "2999-01-01" }))).toBe("BAD_REQUEST");
    expect(await codeOf(owner.caller.scores.shop({ id: shopId, day: "2026-13-40" }))).toBe("BAD_REQUEST");
  }, 300_000);
});

describe("annotations on the history", () => {
  it("writers add, edit and delete them; they come with the score read; viewers only read", async () => {
    const added = await owner.caller.shops.addAnnotation({ entityId: shopId, day: "2026-04-01", text: "换了快递 switched carrier" });
    const later = await owner.caller.shops.addAnnotation({ entityId: shopId, day: "2026-06-01", text: "大促 promotion" });
    const day = "2026-05-01";
    const read = await owner.caller.scores.shop({ id: shopId, day });
    // An as-of view shows the notes up to its day.
    expect(read.annotations.map((a) => a.text)).toEqual(["换了快递 switched carrier"]);
    expect((await owner.caller.scores.shop({ id: shopId })).annotations.map((a) => a.id)).toEqual([added.id, later.id]);

    const edited = await owner.caller.shops.updateAnnotation({ id: added.id, day: "2026-04-02", text: "换了中通 switched to ZTO" });
    expect(edited).toMatchObject({ day: "2026-04-02", text: "换了中通 switched to ZTO" });
    await owner.caller.shops.deleteAnnotation({ id: later.id });
    expect((await owner.caller.scores.shop({ id: shopId })).annotations.map((a) => a.text)).toEqual(["换了中通 switched to ZTO"]);

    // A shop's note is not a creator's: the kind is part of its identity.
    expect(await codeOf(owner.caller.creators.deleteAnnotation({ id: added.id }))).toBe("NOT_FOUND");
    expect(await codeOf(owner.caller.shops.addAnnotation({ entityId: shopId, day: "2026-04-02", text: "  " }))).toBe("BAD_REQUEST");

    const viewer = await createUser(t.handle, { email: `viewer-${Date.now()}@example.test`, password: "password123", name: "v" });
    await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => tx.insert(memberships).values({ orgId: owner.org.orgId, userId: viewer.id, role: "viewer" }));
    const asViewer = await callerFor(t.handle, viewer.id, owner.org.orgId);
    expect((await asViewer.scores.shop({ id: shopId })).annotations).toHaveLength(1);
    expect(await codeOf(asViewer.shops.addAnnotation({ entityId: shopId, day: "2026-04-03", text: "viewer note" }))).toBe("FORBIDDEN");
    expect(await codeOf(asViewer.shops.updateAnnotation({ id: added.id, day: "2026-04-03", text: "viewer edit" }))).toBe("FORBIDDEN");
    expect(await codeOf(asViewer.shops.deleteAnnotation({ id: added.id }))).toBe("FORBIDDEN");

    // Another organisation sees none of it.
    const other = await ownerWithOrg(t.handle, "asOfOther");
    expect(await codeOf(other.caller.shops.updateAnnotation({ id: added.id, day: "2026-04-03", text: "taken over" }))).toBe("NOT_FOUND");
    expect(await codeOf(other.caller.shops.addAnnotation({ entityId: shopId, day: "2026-04-03", text: "intruder" }))).toBe("NOT_FOUND");

    const creatorNote = await owner.caller.creators.addAnnotation({ entityId: creatorId, day: "2026-03-01", text: "开始直播 started live" });
    expect((await owner.caller.scores.creator({ id: creatorId })).annotations.map((a) => a.id)).toEqual([creatorNote.id]);
  }, 120_000);
});
