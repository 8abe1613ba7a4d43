import { describe, expect, it } from "vitest";
import {
  buildDailyRollups,
  firstDayStartingAtOrAfter,
  firstVisibleDay,
} from "@/server/scoring/rollups";
import { afterSale, at, chat, complaint, facts, order, review, total } from "./factories";

describe("visibility helpers", () => {
  it("a fact exists from the day after its Shanghai day", () => {
    expect(firstVisibleDay(at("2026-05-19 23:59:59"))).toBe("2026-05-20");
    expect(firstVisibleDay(at("2026-05-20 00:00"))).toBe("2026-05-21");
  });

  it("a deadline counts from the first day starting at or after it", () => {
    expect(firstDayStartingAtOrAfter(at("2026-05-20 00:00"))).toBe("2026-05-20");
    expect(firstDayStartingAtOrAfter(at("2026-05-20 00:00:01"))).toBe("2026-05-21");
  });
});

describe("buildDailyRollups", () => {
  it("anchors on Shanghai days even for instants that are the previous UTC day", () => {
    const rows = buildDailyRollups(
      facts({ orders: [order({ orderId: "o1", paidAt: at("2026-05-10 02:00") })] }),
    );
    expect(total(rows, "validOrders", { day: "2026-05-10", visibleDay: "2026-05-11" })).toBe(1);
  });

  it("ignores invalid orders and every fact of them", () => {
    const orders = [
      order({ orderId: "gift", paidAt: at("2026-05-01 10:00"), orderType: "gift" }),
      order({ orderId: "bag", paidAt: at("2026-05-01 10:00"), orderType: "lucky_bag" }),
      order({ orderId: "cancelled", paidAt: at("2026-05-01 10:00"), status: "cancelled" }),
    ];
    const rows = buildDailyRollups(
      facts({
        orders,
        reviews: orders.map((o) =>
          review({ orderId: o.orderId, reviewedAt: at("2026-05-03 10:00"), productStars: 5 }),
        ),
        afterSales: orders.map((o) =>
          afterSale({
            aftersaleId: `as-${o.orderId}`,
            orderId: o.orderId,
            appliedAt: at("2026-05-02 10:00"),
            reasonCategory: "quality",
          }),
        ),
        complaints: orders.map((o) =>
          complaint({
            caseId: `c-${o.orderId}`,
            orderId: o.orderId,
            createdAt: at("2026-05-02 10:00"),
          }),
        ),
      }),
    );
    expect(rows).toEqual([]);
  });

  it("drops facts whose order is unknown", () => {
    const rows = buildDailyRollups(
      facts({
        reviews: [
          review({ orderId: "ghost", reviewedAt: at("2026-05-03 10:00"), productStars: 5 }),
        ],
        complaints: [complaint({ caseId: "c1", orderId: null, createdAt: at("2026-05-02 10:00") })],
      }),
    );
    expect(rows).toEqual([]);
  });

  it("splits reviews into rated and good per dimension, skipping unrated ones", () => {
    const rows = buildDailyRollups(
      facts({
        orders: [
          order({ orderId: "o1", paidAt: at("2026-05-01 10:00") }),
          order({ orderId: "o2", paidAt: at("2026-05-01 10:00") }),
        ],
        reviews: [
          review({
            orderId: "o1",
            reviewedAt: at("2026-05-05 10:00"),
            productStars: 4,
            logisticsStars: 3,
            serviceStars: null,
          }),
          review({
            orderId: "o2",
            reviewedAt: at("2026-05-05 11:00"),
            productStars: 1,
            logisticsStars: 5,
            serviceStars: 5,
          }),
        ],
      }),
    );
    const day = { day: "2026-05-05", visibleDay: "2026-05-06" };
    expect(total(rows, "productReviews", day)).toBe(2);
    expect(total(rows, "productGood", day)).toBe(1);
    expect(total(rows, "logisticsReviews", day)).toBe(2);
    expect(total(rows, "logisticsGood", day)).toBe(1);
    expect(total(rows, "serviceReviews", day)).toBe(1);
    expect(total(rows, "serviceGood", day)).toBe(1);
  });

  it("anchors a quality return on the paid day, visible the day after the first after-sale", () => {
    const rows = buildDailyRollups(
      facts({
        orders: [order({ orderId: "o1", paidAt: at("2026-04-01 10:00") })],
        afterSales: [
          afterSale({
            aftersaleId: "a1",
            orderId: "o1",
            appliedAt: at("2026-04-10 09:00"),
            reasonCategory: "quality",
          }),
        ],
      }),
    );
    expect(total(rows, "qualityReturns", { day: "2026-04-01", visibleDay: "2026-04-11" })).toBe(1);
    expect(total(rows, "qualityReturns")).toBe(1);
  });

  it("uses the earliest non-exempt after-sale as the first one", () => {
    const orders = [
      order({ orderId: "o1", paidAt: at("2026-04-01 10:00") }),
      order({ orderId: "o2", paidAt: at("2026-04-01 10:00") }),
    ];
    const rows = buildDailyRollups(
      facts({
        orders,
        afterSales: [
          // o1: the exempt quality claim came first, so the first counted one is about size.
          afterSale({
            aftersaleId: "a1",
            orderId: "o1",
            appliedAt: at("2026-04-03 09:00"),
            reasonCategory: "quality",
            exempt: true,
          }),
          afterSale({
            aftersaleId: "a2",
            orderId: "o1",
            appliedAt: at("2026-04-05 09:00"),
            reasonCategory: "size",
          }),
          // o2: a later quality claim does not make the order a quality return.
          afterSale({
            aftersaleId: "a3",
            orderId: "o2",
            appliedAt: at("2026-04-09 09:00"),
            reasonCategory: "quality",
          }),
          afterSale({
            aftersaleId: "a4",
            orderId: "o2",
            appliedAt: at("2026-04-02 09:00"),
            reasonCategory: "no_reason",
          }),
        ],
      }),
    );
    expect(total(rows, "qualityReturns")).toBe(0);
  });

  it("counts merchant-completed refund-only and return-refund durations on the completion day", () => {
    const rows = buildDailyRollups(
      facts({
        orders: [order({ orderId: "o1", paidAt: at("2026-04-01 10:00") })],
        afterSales: [
          afterSale({
            aftersaleId: "r1",
            orderId: "o1",
            type: "refund_only",
            appliedAt: at("2026-04-02 10:00"),
            completedAt: at("2026-04-03 16:00"),
            completedBy: "merchant",
          }),
          afterSale({
            aftersaleId: "r2",
            orderId: "o1",
            type: "return_refund",
            appliedAt: at("2026-04-02 10:00"),
            completedAt: at("2026-04-04 10:30"),
            completedBy: "merchant",
          }),
          afterSale({
            aftersaleId: "r3",
            orderId: "o1",
            type: "refund_only",
            appliedAt: at("2026-04-02 10:00"),
            completedAt: at("2026-04-03 10:00"),
            completedBy: "platform",
          }),
          afterSale({
            aftersaleId: "r4",
            orderId: "o1",
            type: "refund_only",
            appliedAt: at("2026-04-02 10:00"),
            completedAt: at("2026-04-03 10:00"),
            completedBy: "merchant",
            exempt: true,
          }),
          afterSale({
            aftersaleId: "r5",
            orderId: "o1",
            type: "exchange",
            appliedAt: at("2026-04-02 10:00"),
            completedAt: at("2026-04-03 10:00"),
            completedBy: "merchant",
          }),
          afterSale({
            aftersaleId: "r6",
            orderId: "o1",
            type: "refund_only",
            appliedAt: at("2026-04-02 10:00"),
            completedBy: "merchant",
          }),
        ],
      }),
    );
    expect(
      total(rows, "refundOnlyCompleted", { day: "2026-04-03", visibleDay: "2026-04-04" }),
    ).toBe(1);
    expect(total(rows, "refundOnlyHoursSum")).toBe(30);
    expect(total(rows, "returnRefundCompleted", { day: "2026-04-04" })).toBe(1);
    expect(total(rows, "returnRefundHoursSum")).toBe(48.5);
  });

  it("measures delivery from payment and transit from pickup, on the delivered day", () => {
    const rows = buildDailyRollups(
      facts({
        orders: [
          order({
            orderId: "o1",
            paidAt: at("2026-04-01 10:00"),
            pickedUpAt: at("2026-04-02 10:00"),
            deliveredAt: at("2026-04-04 22:00"),
          }),
          order({
            orderId: "o2",
            paidAt: at("2026-04-01 10:00"),
            deliveredAt: at("2026-04-04 10:00"),
          }),
        ],
      }),
    );
    expect(total(rows, "deliveredOrders", { day: "2026-04-04", visibleDay: "2026-04-05" })).toBe(2);
    expect(total(rows, "deliveryHoursSum")).toBe(84 + 72);
    expect(total(rows, "transitOrders")).toBe(1);
    expect(total(rows, "transitHoursSum")).toBe(60);
  });

  it("counts complaints, and only merchant-responsible disputes", () => {
    const rows = buildDailyRollups(
      facts({
        orders: [order({ orderId: "o1", paidAt: at("2026-04-01 10:00") })],
        complaints: [
          complaint({
            caseId: "c1",
            orderId: "o1",
            createdAt: at("2026-04-05 10:00"),
            kind: "complaint",
            merchantResponsible: false,
          }),
          complaint({
            caseId: "c2",
            orderId: "o1",
            createdAt: at("2026-04-05 10:00"),
            kind: "dispute",
            merchantResponsible: true,
          }),
          complaint({
            caseId: "c3",
            orderId: "o1",
            createdAt: at("2026-04-05 10:00"),
            kind: "dispute",
            merchantResponsible: false,
          }),
          complaint({
            caseId: "c4",
            orderId: "o1",
            createdAt: at("2026-04-05 10:00"),
            kind: "dispute",
            merchantResponsible: null,
          }),
        ],
      }),
    );
    expect(total(rows, "complaints", { day: "2026-04-05", visibleDay: "2026-04-06" })).toBe(1);
    expect(total(rows, "merchantDisputes", { day: "2026-04-05" })).toBe(1);
  });

  it("counts chat turns only for sessions started 08:00–22:59 Shanghai", () => {
    const rows = buildDailyRollups(
      facts({
        chats: [
          chat({
            sessionId: "early",
            startedAt: at("2026-04-05 07:59"),
            customerTurns: 100,
            turnsAnsweredWithin3min: 0,
          }),
          chat({
            sessionId: "open",
            startedAt: at("2026-04-05 08:00"),
            customerTurns: 4,
            turnsAnsweredWithin3min: 3,
          }),
          chat({
            sessionId: "late",
            startedAt: at("2026-04-05 22:59"),
            customerTurns: 2,
            turnsAnsweredWithin3min: 1,
          }),
          chat({
            sessionId: "night",
            startedAt: at("2026-04-05 23:00"),
            customerTurns: 100,
            turnsAnsweredWithin3min: 0,
          }),
        ],
      }),
    );
    expect(total(rows, "chatTurns", { day: "2026-04-05", visibleDay: "2026-04-06" })).toBe(6);
    expect(total(rows, "chatTurnsAnswered")).toBe(4);
  });

  describe("24-hour pickup", () => {
    const paidAt = at("2026-04-01 10:00");
    const pickupRows = (pickedUpAt: Date | null) =>
      buildDailyRollups(facts({ orders: [order({ orderId: "o1", paidAt, pickedUpAt })] }));

    it("an on-time pickup enters numerator and denominator the day after the pickup", () => {
      const rows = pickupRows(at("2026-04-01 18:00"));
      expect(total(rows, "pickupDue", { day: "2026-04-01", visibleDay: "2026-04-02" })).toBe(1);
      expect(total(rows, "pickupOnTime", { day: "2026-04-01", visibleDay: "2026-04-02" })).toBe(1);
    });

    it("an on-time pickup the next morning is still out of the rate before it is known", () => {
      const rows = pickupRows(at("2026-04-02 09:59"));
      expect(total(rows, "pickupDue", { visibleDay: "2026-04-03" })).toBe(1);
      expect(total(rows, "pickupOnTime", { visibleDay: "2026-04-03" })).toBe(1);
    });

    it("a pickup exactly 24 h after payment is on time", () => {
      expect(total(pickupRows(at("2026-04-02 10:00")), "pickupOnTime")).toBe(1);
    });

    it("a late pickup counts against from the first midnight after the deadline", () => {
      const rows = pickupRows(at("2026-04-05 10:00"));
      expect(total(rows, "pickupDue", { day: "2026-04-01", visibleDay: "2026-04-03" })).toBe(1);
      expect(total(rows, "pickupOnTime")).toBe(0);
    });

    it("a missing pickup counts against from the first midnight after the deadline", () => {
      const rows = pickupRows(null);
      expect(total(rows, "pickupDue", { day: "2026-04-01", visibleDay: "2026-04-03" })).toBe(1);
      expect(total(rows, "pickupOnTime")).toBe(0);
    });

    it("a deadline falling exactly on midnight counts against from that day", () => {
      const rows = buildDailyRollups(
        facts({ orders: [order({ orderId: "o1", paidAt: at("2026-04-01 00:00") })] }),
      );
      expect(total(rows, "pickupDue", { visibleDay: "2026-04-02" })).toBe(1);
    });
  });

  it("returns rows sorted by day then visible day, one per pair", () => {
    const rows = buildDailyRollups(
      facts({
        orders: [
          order({
            orderId: "o2",
            paidAt: at("2026-04-03 10:00"),
            pickedUpAt: at("2026-04-03 12:00"),
          }),
          order({ orderId: "o1", paidAt: at("2026-04-01 10:00") }),
        ],
      }),
    );
    const keys = rows.map((r) => `${r.day}|${r.visibleDay}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });
});
