import { describe, expect, it } from "vitest";
import {
  factsForAuthor,
  isValidOrder,
  parseAfterSaleType,
  parseCompletedBy,
  parseReasonCategory,
} from "@/server/scoring/facts";
import { afterSale, at, chat, complaint, facts, order, review } from "./factories";

describe("isValidOrder", () => {
  it("accepts only normal, non-cancelled orders", () => {
    expect(isValidOrder({ orderType: "normal", status: "completed" })).toBe(true);
    expect(isValidOrder({ orderType: "normal", status: null })).toBe(true);
    expect(isValidOrder({ orderType: "normal", status: "cancelled" })).toBe(false);
    for (const orderType of ["gift", "lucky_bag", "sample", "test"]) {
      expect(isValidOrder({ orderType, status: "completed" })).toBe(false);
    }
  });
});

describe("narrowing stored text", () => {
  it("keeps known values and maps the rest to null / other", () => {
    expect(parseAfterSaleType("refund_only")).toBe("refund_only");
    expect(parseAfterSaleType("仅退款")).toBeNull();
    expect(parseCompletedBy("merchant")).toBe("merchant");
    expect(parseCompletedBy(null)).toBeNull();
    expect(parseReasonCategory("quality")).toBe("quality");
    expect(parseReasonCategory("weird")).toBe("other");
  });
});

describe("factsForAuthor", () => {
  it("keeps the author's orders and the facts of those orders, and no chats", () => {
    const all = facts({
      orders: [
        order({ orderId: "s1:o1", paidAt: at("2026-04-01 10:00"), authorId: "a1" }),
        order({
          orderId: "s2:o1",
          paidAt: at("2026-04-01 10:00"),
          authorId: "a1",
          orderType: "gift",
        }),
        order({ orderId: "s1:o2", paidAt: at("2026-04-01 10:00"), authorId: "a2" }),
      ],
      reviews: [
        review({ orderId: "s1:o1", reviewedAt: at("2026-04-05 10:00") }),
        review({ orderId: "s1:o2", reviewedAt: at("2026-04-05 10:00") }),
      ],
      afterSales: [
        afterSale({ aftersaleId: "x", orderId: "s2:o1", appliedAt: at("2026-04-03 10:00") }),
      ],
      complaints: [
        complaint({ caseId: "c", orderId: "s1:o2", createdAt: at("2026-04-03 10:00") }),
        complaint({ caseId: "d", orderId: null, createdAt: at("2026-04-03 10:00") }),
      ],
      chats: [chat({ sessionId: "chat", startedAt: at("2026-04-03 10:00") })],
    });
    const mine = factsForAuthor(all, "a1");
    expect(mine.orders.map((o) => o.orderId)).toEqual(["s1:o1", "s2:o1"]);
    expect(mine.reviews.map((r) => r.orderId)).toEqual(["s1:o1"]);
    expect(mine.afterSales.map((a) => a.aftersaleId)).toEqual(["x"]);
    expect(mine.complaints).toEqual([]);
    expect(mine.chats).toEqual([]);
  });
});
