import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { GET as shortlistXlsx } from "@/app/api/directory/shortlists/[shortlistId]/export/route";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directoryCardDays, directoryCards, notifications } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { runDirectoryMatcher } from "@/server/directory/matcher";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { ownerWithOrg } from "../../helpers/callers";
import { codeOf, insertCards, memberOf, merchantWithScores, SCORED_DAY } from "./helpers";

let t: TestDatabase;
let merchant: Awaited<ReturnType<typeof merchantWithScores>>;
let mcn: Awaited<ReturnType<typeof ownerWithOrg>>;

beforeAll(async () => {
  t = await openTestDatabase();
  merchant = await merchantWithScores(t.handle, "merchant");
  mcn = await ownerWithOrg(t.handle, "mcn");
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const searchAll = (caller: typeof mcn.caller, input: Parameters<typeof mcn.caller.directory.search>[0] = {}) => caller.directory.search({ pageSize: 200, ...input });

describe("listing and unlisting", () => {
  it("publishes the chosen fields with the entity page's values; another organisation sees the card, never the hidden fields", async () => {
    const score = await merchant.caller.scores.shop({ id: merchant.shop.id });
    const explanation = score.latest?.explanation;
    expect(explanation?.state).toBe("scored");
    const goodReview = explanation?.dimensions.flatMap((d) => d.indicators).find((i) => i.code === "good_review_rate")?.value;
    expect(typeof goodReview).toBe("number");

    const listed = await merchant.caller.directory.list({ kind: "shop", id: merchant.shop.id, fields: ["overall", "category"], contact: "微信 merchant-contact-secret" });
    expect(listed.cardId).not.toBe(merchant.shop.id);

    const page = await searchAll(mcn.caller);
    const card = page.cards.find((c) => c.card === listed.cardId);
    expect(card).toMatchObject({ kind: "shop", name: merchant.shop.name, overall: explanation?.overallShown, day: SCORED_DAY, category: { code: "beauty" } });
    expect(card).not.toHaveProperty("goodReviewRate");
    expect(card).not.toHaveProperty("dimensions");
    expect(card).not.toHaveProperty("contact");
    expect(card).not.toHaveProperty("indicators");

    // Field-level: the hidden numbers and the contact line are nowhere in any answer, nor stored where others read.
    const hidden = [String(goodReview), "merchant-contact-secret", merchant.shop.id, "merchant-s1"];
    for (const dim of explanation?.dimensions ?? []) if (dim.scoreShown !== null && dim.scoreShown !== explanation?.overallShown) hidden.push(String(dim.scoreShown));
    const list = await mcn.caller.directory.createShortlist({ name: "候选" });
    await mcn.caller.directory.addToShortlist({ shortlistId: list.id, cardId: listed.cardId, note: "看看" });
    // Timestamps are masked: "…:24.512Z" holds "4.51", and a dimension shown as 4.51 would match by chance.
    const withoutTimes = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}[T ][\d:.]+(Z|[+-]\d{2}(:?\d{2})?)?/g, "<time>");
    const answers = withoutTimes(
      JSON.stringify([
        page,
        await searchAll(mcn.caller, { date: "2026-05-01" }),
        await mcn.caller.directory.compare({ cardIds: [listed.cardId] }),
        await mcn.caller.directory.shortlist({ id: list.id }),
      ]),
    );
    for (const secret of hidden) expect(answers, secret).not.toContain(secret);
    // The XLSX export: the published values and the team's own note, nothing hidden.
    const response = await shortlistXlsx(
      new Request(`http://koubei.test/api/directory/shortlists/${list.id}/export?org=${mcn.org.orgId}`),
      { params: Promise.resolve({ shortlistId: list.id }) },
      { runtime: async () => ({ handle: t.handle, boss: null }), session: async () => ({ userId: mcn.user.id, sessionVersion: 1 }) },
    );
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const cells = (workbook.worksheets[0]?.getSheetValues() ?? []).flat().map((v) => String(v ?? ""));
    expect(cells).toContain(merchant.shop.name);
    expect(cells).toContain(String(explanation?.overallShown));
    expect(cells).toContain("看看");
    for (const secret of hidden) expect(withoutTimes(cells.join("|")), secret).not.toContain(secret);
    const stored = await withTenant(t.handle, { orgId: mcn.org.orgId }, (tx) => tx.select().from(directoryCards).where(eq(directoryCards.id, listed.cardId)));
    expect(stored[0]).toMatchObject({ goodReviewRate: null, product: null, contact: null, trend: null, indicators: null });
    const storedDays = await withTenant(t.handle, { orgId: mcn.org.orgId }, (tx) => tx.select().from(directoryCardDays).where(eq(directoryCardDays.cardId, listed.cardId)));
    expect(storedDays.length).toBeGreaterThan(10);
    expect(storedDays.every((d) => d.goodReviewRate === null && d.product === null && d.trend === null)).toBe(true);
  });

  it("reads a past day's values as the history shows them, and relisting with more fields shows them", async () => {
    const score = await merchant.caller.scores.shop({ id: merchant.shop.id });
    const past = score.history.find((h) => h.day === "2026-05-01");
    expect(past?.overallShown).not.toBeUndefined();
    const listed = await merchant.caller.directory.list({ kind: "shop", id: merchant.shop.id, fields: ["overall", "goodReviewRate", "trend", "dimensions", "category", "contact"], contact: "微信 shop-1" });
    const onDay = (await searchAll(mcn.caller, { date: "2026-05-01" })).cards.find((c) => c.card === listed.cardId);
    expect(onDay).toMatchObject({ day: "2026-05-01", overall: past?.overallShown ?? -1, contact: "微信 shop-1" });
    const now = (await searchAll(mcn.caller)).cards.find((c) => c.card === listed.cardId);
    const goodReview = score.latest?.explanation.dimensions.flatMap((d) => d.indicators).find((i) => i.code === "good_review_rate")?.value;
    expect(now?.goodReviewRate).toBe(goodReview);
    expect(now?.dimensions?.product).toBe(score.latest?.explanation.dimensions.find((d) => d.code === "product")?.scoreShown);
    expect(now?.trend?.direction).toMatch(/improving|stable|falling/);
  });

  it("unlisting removes the card at once; a shortlist keeps the item as unlisted", async () => {
    const listed = await merchant.caller.directory.list({ kind: "shop", id: merchant.other.id, fields: ["overall"] });
    const list = await mcn.caller.directory.createShortlist({ name: "unlist test" });
    await mcn.caller.directory.addToShortlist({ shortlistId: list.id, cardId: listed.cardId });
    expect(await merchant.caller.directory.unlist({ kind: "shop", id: merchant.other.id })).toEqual({ unlisted: true });
    expect((await searchAll(mcn.caller)).cards.some((c) => c.card === listed.cardId)).toBe(false);
    const kept = await mcn.caller.directory.shortlist({ id: list.id });
    expect(kept.items).toEqual([expect.objectContaining({ cardId: listed.cardId, card: null })]);
    const days = await withTenant(t.handle, { orgId: merchant.org.orgId }, (tx) => tx.select().from(directoryCardDays).where(eq(directoryCardDays.cardId, listed.cardId)));
    expect(days).toEqual([]);
  });

  it("archiving a listed entity withdraws its card; unarchiving does not publish it again", async () => {
    const listed = await merchant.caller.directory.list({ kind: "shop", id: merchant.other.id, fields: ["overall"] });
    expect((await searchAll(mcn.caller)).cards.some((c) => c.card === listed.cardId)).toBe(true);
    await merchant.caller.shops.setArchived({ id: merchant.other.id, archived: true });
    expect((await searchAll(mcn.caller)).cards.some((c) => c.card === listed.cardId)).toBe(false);
    await merchant.caller.shops.setArchived({ id: merchant.other.id, archived: false });
    expect(await merchant.caller.directory.entityCard({ kind: "shop", id: merchant.other.id })).toBeNull();
  });

  it("lists creator accounts alike", async () => {
    const listed = await merchant.caller.directory.list({ kind: "creator", id: merchant.creator.id, fields: ["overall", "goodReviewRate"] });
    const found = (await searchAll(mcn.caller, { kind: "creator" })).cards.find((c) => c.card === listed.cardId);
    expect(found?.kind).toBe("creator");
    expect(found?.name).toBe(merchant.creator.name);
    expect(found).not.toHaveProperty("category");
  });

  it("a rescore refreshes the card's values", async () => {
    const listed = await merchant.caller.directory.list({ kind: "shop", id: merchant.shop.id, fields: ["overall"] });
    await withTenant(t.handle, { orgId: merchant.org.orgId }, (tx) => tx.update(directoryCards).set({ overall: 0.01, day: "2026-01-01" }).where(and(eq(directoryCards.orgId, merchant.org.orgId), eq(directoryCards.id, listed.cardId))));
    const { scheduleRescore } = await import("@/server/scoring/rescore");
    const { markShopFactsChanged } = await import("@/server/scoring/refresh");
    await withTenant(t.handle, { orgId: merchant.org.orgId }, (tx) => markShopFactsChanged(tx, merchant.org.orgId, merchant.shop.id, "2026-05-10"));
    await scheduleRescore(t.handle, { orgId: merchant.org.orgId, today: SCORED_DAY }, { boss: null });
    const score = await merchant.caller.scores.shop({ id: merchant.shop.id });
    const card = (await searchAll(mcn.caller)).cards.find((c) => c.card === listed.cardId);
    expect(card?.overall).toBe(score.latest?.explanation.overallShown);
    expect(card?.day).toBe(SCORED_DAY);
  });
});

describe("permissions", () => {
  it("listing needs the entity's write permission and the member's reach", async () => {
    const viewer = await memberOf(t.handle, merchant, "viewer");
    expect(await codeOf(viewer.directory.list({ kind: "shop", id: merchant.shop.id, fields: ["overall"] }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.directory.unlist({ kind: "shop", id: merchant.shop.id }))).toBe("FORBIDDEN");
    expect((await viewer.directory.search({})).total).toBeGreaterThan(0);
    const limited = await memberOf(t.handle, merchant, "analyst", [merchant.shop.id]);
    expect(await codeOf(limited.directory.list({ kind: "shop", id: merchant.other.id, fields: ["overall"] }))).toBe("NOT_FOUND");
    expect(await codeOf(limited.directory.list({ kind: "creator", id: merchant.creator.id, fields: ["overall"] }))).toBe("NOT_FOUND");
    expect(await codeOf(limited.directory.list({ kind: "shop", id: merchant.shop.id, fields: ["overall"] }))).toBe("OK");
  });

  it("viewers read shortlists and saved searches; analysts edit them; another organisation sees none of them", async () => {
    const list = await mcn.caller.directory.createShortlist({ name: "权限" });
    const viewer = await memberOf(t.handle, mcn, "viewer");
    const analyst = await memberOf(t.handle, mcn, "analyst");
    expect((await viewer.directory.shortlists()).map((s) => s.id)).toContain(list.id);
    expect(await codeOf(viewer.directory.createShortlist({ name: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.directory.renameShortlist({ id: list.id, name: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.directory.saveSearch({ name: "x", filter: {} }))).toBe("FORBIDDEN");
    expect(await codeOf(analyst.directory.renameShortlist({ id: list.id, name: "改名" }))).toBe("OK");
    expect(await codeOf(merchant.caller.directory.shortlist({ id: list.id }))).toBe("NOT_FOUND");
    expect(await codeOf(merchant.caller.directory.deleteShortlist({ id: list.id }))).toBe("NOT_FOUND");
    expect((await merchant.caller.directory.shortlists()).map((s) => s.id)).not.toContain(list.id);
  });

  it("row-level security lets another organisation read cards but never write them", async () => {
    const [card] = await insertCards(t.handle, merchant.org.orgId, [{ name: "RLS 店", category: "beauty", overall: 4.2, goodReviewRate: 0.9, day: SCORED_DAY }]);
    const changed = await withTenant(t.handle, { orgId: mcn.org.orgId }, (tx) => tx.update(directoryCards).set({ overall: 5 }).where(eq(directoryCards.id, card?.id ?? "")).returning());
    expect(changed).toEqual([]);
    const deleted = await withTenant(t.handle, { orgId: mcn.org.orgId }, (tx) => tx.delete(directoryCards).where(eq(directoryCards.id, card?.id ?? "")).returning());
    expect(deleted).toEqual([]);
    await expect(
      withTenant(t.handle, { orgId: mcn.org.orgId }, (tx) => tx.insert(directoryCards).values({ orgId: merchant.org.orgId, entityKind: "shop", entityId: crypto.randomUUID(), name: "forged", fields: ["overall"] })),
    ).rejects.toThrow();
    const signedOut = rowsOf<{ n: number }>(await withTenant(t.handle, { orgId: null }, (tx) => tx.execute(sql`select count(*)::int as n from directory_cards`)));
    expect(signedOut[0]?.n).toBe(0);
  });
});

describe("filters, sort and pagination against a hand-checked set", () => {
  it("answers exactly the cards each filter names", async () => {
    const owner = await ownerWithOrg(t.handle, "hand");
    const day = "2026-05-20";
    await insertCards(t.handle, owner.org.orgId, [
      { name: "H1", category: "beauty", overall: 4.9, goodReviewRate: 0.97, trend: "improving", day, product: 4.95 },
      { name: "H2", category: "beauty", overall: 4.7, goodReviewRate: 0.91, trend: "stable", day, product: 4.5 },
      { name: "H3", category: "beauty", overall: 4.5, goodReviewRate: 0.95, trend: "falling", day: "2026-04-01" },
      { name: "H4", category: "apparel", overall: 4.8, goodReviewRate: 0.89, trend: "improving", day },
      { name: "H5", kind: "creator", category: "beauty", overall: 4.85, goodReviewRate: 0.93, trend: "stable", day, ruleSet: "douyin-creator-v1" },
    ]);
    const names = async (input: Parameters<typeof mcn.caller.directory.search>[0]) =>
      (await searchAll(mcn.caller, input)).cards.map((c) => c.name).filter((n) => /^H\d$/.test(n));
    expect(await names({ category: "beauty", minScore: 4.6, minGoodReviewRate: 0.9 })).toEqual(["H1", "H5", "H2"]);
    expect(await names({ category: "美妆", kind: "shop", minScore: 4.6 })).toEqual(["H1", "H2"]);
    expect(await names({ minDimensions: { product: 4.6 }, kind: "shop" })).toEqual(["H1", "H4"]);
    expect(await names({ trend: "improving" })).toEqual(["H1", "H4"]);
    expect(await names({ ruleSet: "douyin-creator-v1" })).toEqual(["H5"]);
    expect(await names({ minGoodReviewRate: 0.9, sort: "goodReviewRate" })).toEqual(["H1", "H3", "H5", "H2"]);
    expect(await names({ minGoodReviewRate: 0.9, sort: "goodReviewRate", descending: false })).toEqual(["H2", "H5", "H3", "H1"]);
    const fresh = (await searchAll(mcn.caller, { freshWithinDays: 30 })).cards.map((c) => c.name);
    expect(fresh).not.toContain("H3");
    const firstPage = await mcn.caller.directory.search({ category: "beauty", minScore: 4.6, pageSize: 2, page: 1 });
    const secondPage = await mcn.caller.directory.search({ category: "beauty", minScore: 4.6, pageSize: 2, page: 2 });
    expect(firstPage.total).toBe(secondPage.total);
    expect(new Set([...firstPage.cards, ...secondPage.cards].map((c) => c.card)).size).toBe(Math.min(4, firstPage.total));
  });
});

describe("saved searches and notifications", () => {
  it("tells once when a new card matches, and once when a shortlisted card falls under the bar until it recovers", async () => {
    const team = await ownerWithOrg(t.handle, "watcher");
    const seller = await ownerWithOrg(t.handle, "seller");
    const [watched] = await insertCards(t.handle, seller.org.orgId, [{ name: "W 已有", category: "beauty", overall: 4.9, goodReviewRate: 0.96, day: SCORED_DAY }]);
    await team.caller.directory.saveSearch({ name: "美妆高分", filter: { category: "beauty", minScore: 4.8, minGoodReviewRate: 0.95 }, bar: { minScore: 4.6, minGoodReviewRate: 0.9 } });
    // What matched when the search was saved is not news.
    await runDirectoryMatcher(t.handle);
    expect(await team.caller.notifications.unreadCount()).toBe(0);

    const [fresh] = await insertCards(t.handle, seller.org.orgId, [{ name: "W 新星", category: "beauty", overall: 4.85, goodReviewRate: 0.97, day: SCORED_DAY }]);
    await runDirectoryMatcher(t.handle);
    await runDirectoryMatcher(t.handle);
    const told = await team.caller.notifications.list();
    expect(told.map((n) => [n.messageKey, n.params.name])).toEqual([["notifications.directoryMatch", "W 新星"]]);
    expect(told[0]?.link).toContain(fresh?.id ?? "-");

    const list = await team.caller.directory.createShortlist({ name: "在谈" });
    await team.caller.directory.addToShortlist({ shortlistId: list.id, cardId: watched?.id ?? "" });
    const setOverall = (overall: number) =>
      withTenant(t.handle, { orgId: seller.org.orgId }, (tx) => tx.update(directoryCards).set({ overall }).where(and(eq(directoryCards.orgId, seller.org.orgId), eq(directoryCards.id, watched?.id ?? ""))));
    await setOverall(4.5);
    await runDirectoryMatcher(t.handle);
    await runDirectoryMatcher(t.handle);
    const below = async () => (await team.caller.notifications.list()).filter((n) => n.messageKey === "notifications.directoryBelowBar");
    expect((await below()).map((n) => n.params.name)).toEqual(["W 已有"]);
    await setOverall(4.7);
    await runDirectoryMatcher(t.handle);
    expect(await below()).toHaveLength(1);
    await setOverall(4.4);
    await runDirectoryMatcher(t.handle);
    expect(await below()).toHaveLength(2);

    expect(await team.caller.notifications.unreadCount()).toBe(3);
    await team.caller.notifications.markRead({});
    expect(await team.caller.notifications.unreadCount()).toBe(0);
    // The seller hears nothing of the team's searches.
    const sellerRows = await withTenant(t.handle, { orgId: seller.org.orgId }, (tx) => tx.select().from(notifications).where(eq(notifications.orgId, seller.org.orgId)));
    expect(sellerRows).toEqual([]);
  });
});
