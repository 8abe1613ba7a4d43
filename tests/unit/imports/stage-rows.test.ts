import { describe, expect, it } from "vitest";
import { FACT_TABLES } from "@/server/imports/fact-tables";
import { hash53, KeyHashes } from "@/server/imports/key-hashes";
import { copyText, stageEncoder } from "@/server/imports/stage-rows";

describe("staging lines (COPY text format)", () => {
  it("escapes what COPY's text format gives a meaning to, and drops NUL (PostgreSQL text cannot hold it)", () => {
    expect(copyText("plain 文本")).toBe("plain 文本");
    expect(copyText("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyText("\\N")).toBe("\\\\N");
    expect(copyText("nul\u0000byte")).toBe("nulbyte");
  });

  it("writes seq, then every column of the kind: times as Unix milliseconds, empty as \\N", () => {
    const { encode } = stageEncoder(FACT_TABLES.chats);
    const line = encode(7, { sessionId: "s\t1", startedAt: new Date("2026-05-01T02:00:00.123Z"), customerTurns: 3, turnsAnsweredWithin3min: 2, rating: null });
    expect(line).toBe(`7\ts\\t1\t${Date.UTC(2026, 4, 1, 2, 0, 0, 123)}\t3\t2\t\\N\n`);
    const aftersale = stageEncoder(FACT_TABLES.after_sales).encode(1, {
      aftersaleId: "A1",
      orderId: "O1",
      type: null,
      reason: null,
      reasonCategory: "other",
      appliedAt: new Date(0),
      completedAt: null,
      completedBy: null,
      exempt: true,
      reviewedAt: null,
      refundedAt: new Date(1000),
      merchantResponsible: false,
    });
    // An unknown flag stays unknown (\N), never false.
    expect(aftersale).toBe("1\tA1\tO1\t\\N\t\\N\tother\t0\t\\N\t\\N\tt\t\\N\t1000\tf\n");
  });

  it("notes every Shanghai day a staged time falls on, whichever column holds it", () => {
    const { encode, tally } = stageEncoder(FACT_TABLES.after_sales);
    expect(tally()).toEqual({ rows: 0, days: [], keysDistinct: true });
    const base = { orderId: "O1", type: null, reason: null, reasonCategory: "other", completedBy: null, exempt: false, reviewedAt: null, merchantResponsible: false };
    // 15:59:59.999Z is 23:59:59.999 in Shanghai; 16:00Z is the next day's midnight.
    encode(1, { ...base, aftersaleId: "A1", appliedAt: new Date("2026-05-02T16:00:00Z"), completedAt: null, refundedAt: null });
    encode(2, { ...base, aftersaleId: "A2", appliedAt: new Date("2026-05-01T15:59:59.999Z"), completedAt: null, refundedAt: new Date("2026-05-09T01:00:00Z") });
    expect(tally()).toEqual({ rows: 2, days: ["2026-05-01", "2026-05-03", "2026-05-09"], keysDistinct: true });
    encode(3, { ...base, aftersaleId: "A1", appliedAt: new Date("2026-05-03T00:00:00Z"), completedAt: null, refundedAt: null });
    expect(tally().keysDistinct).toBe(false);
  });

  it("tells keys of several columns apart by every column, as the database does", () => {
    const { encode, tally } = stageEncoder(FACT_TABLES.reviews);
    const review = (orderId: string, at: number) => ({ orderId, reviewedAt: new Date(at), rating: 5 }) as never;
    encode(1, review("O1", 1000));
    encode(2, review("O1", 2000));
    encode(3, review("O11", 1000));
    expect(tally().keysDistinct).toBe(true);
    encode(4, review("O1", 2000));
    expect(tally().keysDistinct).toBe(false);
  });
});

describe("key hashes", () => {
  it("proves a million distinct keys distinct, and finds a repeat among them", () => {
    const keys = new KeyHashes();
    for (let i = 0; i < 1_000_000; i++) keys.add(`6925${String(i).padStart(15, "0")}\t`);
    expect(keys.distinct).toBe(true);
    keys.add(`6925${String(123_456).padStart(15, "0")}\t`);
    expect(keys.distinct).toBe(false);
  });

  it("gives near keys far-apart 53-bit hashes, never 0", () => {
    const hashes = ["", "a", "b", "ab", "ba", "a\t", "\ta"].map(hash53);
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const h of hashes) {
      expect(Number.isSafeInteger(h)).toBe(true);
      expect(h).toBeGreaterThan(0);
    }
  });

  it("stops proving past its size limit instead of growing without end", () => {
    const keys = new KeyHashes(5_000);
    for (let i = 0; i < 5_000; i++) keys.add(String(i));
    expect(keys.distinct).toBe(true);
    keys.add("5000");
    expect(keys.distinct).toBe(false);
  });
});
