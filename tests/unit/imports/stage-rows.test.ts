import { describe, expect, it } from "vitest";
import { FACT_TABLES } from "@/server/imports/fact-tables";
import { copyText, stageLineEncoder } from "@/server/imports/stage-rows";

describe("staging lines (COPY text format)", () => {
  it("escapes what COPY's text format gives a meaning to, and drops NUL (PostgreSQL text cannot hold it)", () => {
    expect(copyText("plain 文本")).toBe("plain 文本");
    expect(copyText("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyText("\\N")).toBe("\\\\N");
    expect(copyText("nul\u0000byte")).toBe("nulbyte");
  });

  it("writes seq, then every column of the kind: times as Unix milliseconds, empty as \\N", () => {
    const encode = stageLineEncoder(FACT_TABLES.chats);
    const line = encode(7, { sessionId: "s\t1", startedAt: new Date("2026-05-01T02:00:00.123Z"), customerTurns: 3, turnsAnsweredWithin3min: 2, rating: null });
    expect(line).toBe(`7\ts\\t1\t${Date.UTC(2026, 4, 1, 2, 0, 0, 123)}\t3\t2\t\\N\n`);
    const aftersale = stageLineEncoder(FACT_TABLES.after_sales)(1, {
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
});
