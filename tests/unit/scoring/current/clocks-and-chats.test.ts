import { describe, expect, it } from "vitest";
import { overnightClockStart } from "@/server/scoring/current/clock";
import type { CurrentIndicatorCode } from "@/server/scoring/current/indicator-codes";
import type { PointsRuleSet } from "@/server/scoring/rule-sets/points-schema";
import { afterSale, at, chat, HOUR, indicator, JULY, order, scoreAlone, SEPTEMBER, shop, turn, waybill, type ShopSpec } from "./factory";

/**
 * Hand-worked cases of scoring-current-rules.md (Koubei's reading): the overnight clocks of pickup
 * (18:00–05:59:59 → next 06:00) and after-sale review (23:00–07:59:59 → next 08:00), the per-order
 * pickup table, on-time delivery, and the 飞鸽 chat rules (600 s, service hours, bots).
 * D = 2026-06-01, window 2026-05-02 … 2026-05-31. Each case is one small shop scored alone; the
 * assertions read the indicator's value (numerator / denominator), which no peer can change.
 */

const PICKUP_CLOCK = { fromHour: 18, toHour: 6 };
const REVIEW_CLOCK = { fromHour: 23, toHour: 8 };

function valueOf(ruleSet: PointsRuleSet, spec: Omit<ShopSpec, "key">, code: CurrentIndicatorCode) {
  return indicator(scoreAlone(ruleSet, shop({ key: "S", ...spec })), code);
}

describe("overnightClockStart", () => {
  it.each([
    ["2026-05-20 17:59:59", "2026-05-20 17:59:59"], // before 18:00: at once
    ["2026-05-20 18:00:00", "2026-05-21 06:00:00"], // 18:00 → the next 06:00
    ["2026-05-20 23:59:59", "2026-05-21 06:00:00"],
    ["2026-05-21 00:00:00", "2026-05-21 06:00:00"], // after midnight: the same day's 06:00
    ["2026-05-21 05:59:59", "2026-05-21 06:00:00"],
    ["2026-05-21 06:00:00", "2026-05-21 06:00:00"], // 06:00: at once
    ["2026-05-31 18:30:00", "2026-06-01 06:00:00"], // across a month's end
  ])("pickup: paid %s → clock starts %s", (paid, start) => {
    expect(overnightClockStart(at(paid), PICKUP_CLOCK)).toBe(at(start));
  });

  it.each([
    ["2026-05-20 22:59:59", "2026-05-20 22:59:59"],
    ["2026-05-20 23:00:00", "2026-05-21 08:00:00"],
    ["2026-05-21 07:59:59", "2026-05-21 08:00:00"],
    ["2026-05-21 08:00:00", "2026-05-21 08:00:00"],
  ])("after-sale review: applied %s → clock starts %s", (applied, start) => {
    expect(overnightClockStart(at(applied), REVIEW_CLOCK)).toBe(at(start));
  });

  it("the rule sets carry these clocks", () => {
    expect(JULY.clocks).toEqual({ pickup: PICKUP_CLOCK, aftersale: REVIEW_CLOCK });
    expect(SEPTEMBER.clocks).toEqual({ pickup: PICKUP_CLOCK, aftersale: REVIEW_CLOCK });
  });
});

describe("2026-07 pickup_time_score: the mean of per-order points (≤ 24 h 100, ≤ 36 h 90, ≤ 48 h 80, ≤ 72 h 70, ≤ 96 h 60, else 50)", () => {
  const pickup = (paid: string, pickedUp: string | null, extra: Parameters<typeof order>[1] = {}) =>
    valueOf(JULY, { orders: [order("o", { paidAt: at(paid), pickedUpAt: pickedUp === null ? null : at(pickedUp), ...extra })] }, "pickup_time_score").value;

  it.each([
    ["2026-05-20 17:59:59", "2026-05-21 17:59:59", 100], // clock at once; exactly 24 h → 100 (bounds inclusive)
    ["2026-05-20 17:59:59", "2026-05-21 18:00:00", 90], // 24 h + 1 s → 90
    ["2026-05-20 18:00:00", "2026-05-22 06:00:00", 100], // clock 05-21 06:00; 24 h (36 h after payment)
    ["2026-05-20 18:00:00", "2026-05-22 06:00:01", 90],
    ["2026-05-21 05:59:59", "2026-05-22 06:00:00", 100], // clock the same day 06:00
    ["2026-05-21 05:59:59", "2026-05-22 06:00:01", 90],
    ["2026-05-21 06:00:00", "2026-05-22 06:00:00", 100], // clock at once
    ["2026-05-21 06:00:00", "2026-05-22 06:00:01", 90],
    ["2026-05-20 22:00:00", "2026-05-20 23:00:00", 100], // picked up before the clock (05-21 06:00) starts: 0 h
    ["2026-05-10 10:00:00", "2026-05-11 22:00:00", 90], // 36 h
    ["2026-05-10 10:00:00", "2026-05-11 22:00:01", 80],
    ["2026-05-10 10:00:00", "2026-05-12 10:00:00", 80], // 48 h
    ["2026-05-10 10:00:00", "2026-05-12 10:00:01", 70],
    ["2026-05-10 10:00:00", "2026-05-13 10:00:00", 70], // 72 h
    ["2026-05-10 10:00:00", "2026-05-13 10:00:01", 60],
    ["2026-05-10 10:00:00", "2026-05-14 10:00:00", 60], // 96 h
    ["2026-05-10 10:00:00", "2026-05-14 10:00:01", 50],
  ])("paid %s, picked up %s → %i", (paid, pickedUp, points) => {
    expect(pickup(paid, pickedUp)).toBe(points);
  });

  it("a fraudulent shipment or track anomaly scores 50 even when picked up in an hour", () => {
    expect(pickup("2026-05-20 10:00", "2026-05-20 11:00", { shipmentAnomaly: true })).toBe(50);
  });

  it.each([
    // Not picked up by D 00:00: left out until 96 h have passed on its clock, then 50.
    ["paid 2026-05-28 10:00 (86 h on the clock)", "2026-05-28 10:00", null, null],
    ["paid 2026-05-27 18:00 (clock 05-28 06:00: 90 h; 102 h since payment)", "2026-05-27 18:00", null, null],
    ["paid 2026-05-27 17:59:59 (clock at once: 102 h)", "2026-05-27 17:59:59", null, 50],
    ["paid 2026-05-20 10:00 (278 h)", "2026-05-20 10:00", null, 50],
    // A pickup at D 00:00 has not happened for day D.
    ["paid 2026-05-28 10:00, picked up at D 00:00 (not yet: 86 h)", "2026-05-28 10:00", "2026-06-01 00:00", null],
    ["paid 2026-05-25 10:00, picked up at D 00:00 (not yet: 158 h)", "2026-05-25 10:00", "2026-06-01 00:00", 50],
  ])("%s → %s", (_what, paid, pickedUp, points) => {
    expect(pickup(paid, pickedUp)).toBe(points);
  });

  it("an indicator of orders still left out is missing (null), not 0", () => {
    const result = valueOf(JULY, { orders: [order("o", { paidAt: at("2026-05-30 10:00") })] }, "pickup_time_score");
    expect(result).toMatchObject({ value: null, numerator: null, denominator: null });
  });

  it("the mean over orders: 100, 90 and an overdue 50 → 240 / 3 = 80", () => {
    const result = valueOf(
      JULY,
      {
        orders: [
          order("a", { paidAt: at("2026-05-20 10:00"), pickedUpAt: at("2026-05-20 12:00") }),
          order("b", { paidAt: at("2026-05-20 10:00"), pickedUpAt: at("2026-05-21 20:00") }),
          order("c", { paidAt: at("2026-05-20 10:00") }),
          order("d", { paidAt: at("2026-05-31 10:00") }), // left out: 14 h
        ],
      },
      "pickup_time_score",
    );
    expect(result).toMatchObject({ value: 80, numerator: 240, denominator: 3 });
  });

  it("the anchor is the paid day: an order paid before the window does not count", () => {
    expect(pickup("2026-05-01 23:59:59", "2026-05-02 01:00")).toBeNull();
  });
});

describe("2026-09 avg_pickup_hours: valid orders picked up in the window, hours on the same clock, no anomaly rule", () => {
  const hours = (orders: Parameters<typeof order>[1][]) =>
    valueOf(SEPTEMBER, { orders: orders.map((o, i) => order(`o${i}`, o)) }, "avg_pickup_hours").value;

  it.each([
    ["paid 18:00, picked up 08:00 the next day: clock from 06:00 → 2 h", { paidAt: at("2026-05-20 18:00"), pickedUpAt: at("2026-05-21 08:00") }, 2],
    ["picked up before the clock starts → 0 h", { paidAt: at("2026-05-20 22:00"), pickedUpAt: at("2026-05-20 23:00") }, 0],
    ["a shipment anomaly still counts its hours (3 h)", { paidAt: at("2026-05-20 10:00"), pickedUpAt: at("2026-05-20 13:00"), shipmentAnomaly: true }, 3],
    ["paid before the window, picked up in it: 48 h", { paidAt: at("2026-04-30 10:00"), pickedUpAt: at("2026-05-02 10:00") }, 48],
    ["picked up at D 00:00: not yet, missing", { paidAt: at("2026-05-30 10:00"), pickedUpAt: at("2026-06-01 00:00") }, null],
    ["never picked up, however old: missing (no 96 h rule)", { paidAt: at("2026-05-10 10:00") }, null],
  ])("%s", (_what, o, expected) => {
    expect(hours([o])).toBe(expected);
  });
});

describe("2026-07 delivery_ontime_rate: waybills whose promise falls in the window", () => {
  const promised = at("2026-05-20 18:00");
  const rate = (waybills: ReturnType<typeof waybill>[]) => valueOf(JULY, { orders: [order("o", { paidAt: at("2026-05-18 10:00") })], waybills }, "delivery_ontime_rate");

  it.each([
    ["signed at the promised time → on time", waybill("w", "o", promised, promised, true), 1],
    ["signed 1 s late → late", waybill("w", "o", promised, promised + 1000, true), 0],
    ["not signed (否) and due → late", waybill("w", "o", promised, null, false), 0],
    ["signed at D 00:00: due and unsigned by then → late", waybill("w", "o", promised, at("2026-06-01 00:00"), true), 0],
  ])("%s", (_what, w, expected) => {
    expect(rate([w]).value).toBe(expected);
  });

  it.each([
    ["signed (是) with no time: on time unknown", waybill("w", "o", promised, null, true)],
    ["nothing known of the signing", waybill("w", "o", promised, null, null)],
    ["no promised time: not due", waybill("w", "o", null, promised, true)],
    ["promised at D 00:00: outside the window", waybill("w", "o", at("2026-06-01 00:00"), promised, true)],
    ["the waybill's order is not known", waybill("w", "other", promised, promised, true)],
  ])("left out: %s → missing", (_what, w) => {
    expect(rate([w])).toMatchObject({ value: null, denominator: null });
  });

  it("a mix: on time, late, unsigned-and-due, unknown → 1 / 3", () => {
    const result = rate([
      waybill("w1", "o", promised, promised - HOUR, true),
      waybill("w2", "o", promised, promised + HOUR, true),
      waybill("w3", "o", promised, null, false),
      waybill("w4", "o", promised, null, true),
    ]);
    expect(result).toMatchObject({ numerator: 1, denominator: 3 });
  });
});

describe("after-sale review hours: from the clock start (23:00–07:59:59 → 08:00) to reviewed_at, refunded in the window", () => {
  const reviewHours = (applied: string, reviewed: string, extra: Parameters<typeof afterSale>[2] = {}) =>
    valueOf(
      JULY,
      { orders: [order("o", { paidAt: at("2026-05-18 10:00") })], afterSales: [afterSale("a", "o", { appliedAt: at(applied), reviewedAt: at(reviewed), refundedAt: at("2026-05-25 10:00"), ...extra })] },
      "aftersale_review_hours",
    ).value;

  it.each([
    ["2026-05-20 22:59:59", "2026-05-20 23:59:59", 1], // clock at once
    ["2026-05-20 23:00:00", "2026-05-21 09:00:00", 1], // clock 05-21 08:00 (10 h after the request)
    ["2026-05-21 07:59:59", "2026-05-21 09:00:00", 1], // clock the same day 08:00
    ["2026-05-21 08:00:00", "2026-05-21 09:00:00", 1], // clock at once
    ["2026-05-20 23:30:00", "2026-05-20 23:45:00", 0], // reviewed before the clock starts: never below 0
    ["2026-05-20 10:00:00", "2026-05-21 22:30:00", 36.5],
  ])("applied %s, reviewed %s → %f h", (applied, reviewed, expected) => {
    expect(reviewHours(applied, reviewed)).toBe(expected);
  });

  it.each([
    ["not refunded", { refundedAt: null }],
    ["refunded before the window", { refundedAt: at("2026-05-01 12:00") }],
    ["refunded at D 00:00 (not yet)", { refundedAt: at("2026-06-01 00:00") }],
    ["exempt (豁免)", { exempt: true }],
    ["no review time", { reviewedAt: null }],
  ])("left out when %s → missing", (_what, extra) => {
    expect(reviewHours("2026-05-20 10:00", "2026-05-20 11:00", extra)).toBeNull();
  });
});

describe("飞鸽 chat_response_seconds: human turns of sessions started 08:00–22:59, unanswered 600 s", () => {
  const STARTED = at("2026-05-30 10:00");
  const ASKED = at("2026-05-30 10:00:00");
  const seconds = (spec: Omit<ShopSpec, "key">) => valueOf(JULY, spec, "chat_response_seconds");

  it.each([
    ["a human reply after 10 s → 10", turn("c", ASKED, "human", ASKED + 10_000), 10],
    ["an unanswered turn (未回复) → 600", turn("c", ASKED, "none"), 600],
    ["a late human reply before D 00:00 counts its real time: 15 min → 900", turn("c", ASKED, "human", ASKED + 900_000), 900],
    ["a human reply with no time (not yet) → 600", turn("c", ASKED, "human", null), 600],
  ])("%s", (_what, t, expected) => {
    expect(seconds({ chats: [chat("c", STARTED)], chatTurns: [t] }).value).toBe(expected);
  });

  it("a human reply at or after D 00:00 counts 600 s, not its 5 minutes", () => {
    const started = at("2026-05-31 22:00");
    const asked = at("2026-05-31 23:55");
    expect(seconds({ chats: [chat("c", started)], chatTurns: [turn("c", asked, "human", at("2026-06-01 00:00"))] }).value).toBe(600);
  });

  it("bot turns and turns whose replier is unknown are left out: only the human 10 s counts", () => {
    const result = seconds({
      chats: [chat("c", STARTED)],
      chatTurns: [turn("c", ASKED, "human", ASKED + 10_000), turn("c", ASKED + 60_000, "bot", ASKED + 61_000), turn("c", ASKED + 120_000, null, ASKED + 400_000)],
    });
    expect(result).toMatchObject({ value: 10, numerator: 10, denominator: 1 });
  });

  it("the mean over turns: 10 + 900 + 600 = 1510 over 3", () => {
    const result = seconds({
      chats: [chat("c", STARTED)],
      chatTurns: [turn("c", ASKED, "human", ASKED + 10_000), turn("c", ASKED + 60_000, "human", ASKED + 960_000), turn("c", ASKED + 120_000, "none")],
    });
    expect(result).toMatchObject({ numerator: 1510, denominator: 3 });
    expect(result.value).toBeCloseTo(1510 / 3, 9);
  });

  it.each([
    ["07:59:59", "2026-05-30 07:59:59", null],
    ["08:00:00", "2026-05-30 08:00:00", 10],
    ["22:59:59", "2026-05-30 22:59:59", 10],
    ["23:00:00", "2026-05-30 23:00:00", null],
  ])("a session started at %s → %s", (_what, start, expected) => {
    const started = at(start);
    expect(seconds({ chats: [chat("c", started)], chatTurns: [turn("c", started + 5_000, "human", started + 15_000)] }).value).toBe(expected);
  });

  it("turns of a session not in chats do not count", () => {
    expect(seconds({ chats: [chat("c", STARTED)], chatTurns: [turn("elsewhere", ASKED, "none")] })).toMatchObject({ value: null, denominator: null });
  });

  it("the anchor is the session's start day: a session started before the window is left out", () => {
    const started = at("2026-05-01 22:00");
    expect(seconds({ chats: [chat("c", started)], chatTurns: [turn("c", at("2026-05-02 09:00"), "none")] }).value).toBeNull();
  });
});

describe("飞鸽 chat_dissatisfaction_rate: sessions rated 1–3★ / rated sessions, whatever the start hour", () => {
  it("sessions at 07:59 and 23:00 are out of the response time but in dissatisfaction: 3 of 5", () => {
    // Rated: 10:00 5★, 23:00 2★, 07:59 3★, 12:00 4★, 13:00 1★; unrated 14:00; a 1★ session at D 00:00 does not exist yet.
    // Unhappy (1–3★): 2★, 3★, 1★ → 3 / 5 = 0.6.
    const chats = [
      chat("a", at("2026-05-30 10:00"), 5),
      chat("b", at("2026-05-30 23:00"), 2),
      chat("c", at("2026-05-30 07:59"), 3),
      chat("d", at("2026-05-30 12:00"), 4),
      chat("e", at("2026-05-30 13:00"), 1),
      chat("f", at("2026-05-30 14:00"), null),
      chat("g", at("2026-06-01 00:00"), 1),
    ];
    const chatTurns = [turn("b", at("2026-05-30 23:00:05"), "none"), turn("c", at("2026-05-30 07:59:05"), "none"), turn("a", at("2026-05-30 10:00:05"), "human", at("2026-05-30 10:00:25"))];
    const result = scoreAlone(JULY, shop({ key: "S", chats, chatTurns }));
    expect(indicator(result, "chat_dissatisfaction_rate")).toMatchObject({ numerator: 3, denominator: 5, value: 0.6, badEvents: 3 });
    // Response time: only session a (10:00) counts → 20 s; the unanswered turns of b and c are left out.
    expect(indicator(result, "chat_response_seconds")).toMatchObject({ value: 20, denominator: 1 });
  });
});
