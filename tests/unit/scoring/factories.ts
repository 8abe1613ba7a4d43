import { parseShanghaiWallClock } from "@/server/lib/time";
import type {
  AfterSaleFact,
  ChatFact,
  ComplaintFact,
  EntityFacts,
  OrderFact,
  ReviewFact,
} from "@/server/scoring/facts";
import { emptyMetrics, type RollupMetrics, type RollupRow } from "@/server/scoring/rollups";

/** Shanghai wall-clock "YYYY-MM-DD HH:MM[:SS]" → instant; throws on a typo so tests fail loudly. */
export function at(wallClock: string): Date {
  const instant = parseShanghaiWallClock(wallClock);
  if (!instant) throw new Error(`bad wall clock ${wallClock}`);
  return instant;
}

export function order(
  overrides: Partial<OrderFact> & { orderId: string; paidAt: Date },
): OrderFact {
  return {
    orderType: "normal",
    status: "completed",
    pickedUpAt: null,
    deliveredAt: null,
    authorId: null,
    ...overrides,
  };
}

export function review(
  overrides: Partial<ReviewFact> & { orderId: string; reviewedAt: Date },
): ReviewFact {
  return { productStars: null, logisticsStars: null, serviceStars: null, ...overrides };
}

export function afterSale(
  overrides: Partial<AfterSaleFact> & { aftersaleId: string; orderId: string; appliedAt: Date },
): AfterSaleFact {
  return {
    type: "return_refund",
    reasonCategory: "other",
    completedAt: null,
    completedBy: null,
    exempt: false,
    ...overrides,
  };
}

export function complaint(
  overrides: Partial<ComplaintFact> & { caseId: string; createdAt: Date },
): ComplaintFact {
  return { orderId: null, kind: "complaint", merchantResponsible: null, ...overrides };
}

export function chat(
  overrides: Partial<ChatFact> & { sessionId: string; startedAt: Date },
): ChatFact {
  return { customerTurns: 1, turnsAnsweredWithin3min: 1, ...overrides };
}

export function facts(partial: Partial<EntityFacts>): EntityFacts {
  return { orders: [], reviews: [], afterSales: [], complaints: [], chats: [], ...partial };
}

export function row(day: string, metrics: Partial<RollupMetrics>, visibleDay?: string): RollupRow {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { day, visibleDay: visibleDay ?? next, ...emptyMetrics(), ...metrics };
}

/** Sums one metric over rows, optionally only those with the given anchor/visible day. */
export function total(
  rows: readonly RollupRow[],
  field: keyof RollupMetrics,
  filter: Partial<Pick<RollupRow, "day" | "visibleDay">> = {},
): number {
  return rows
    .filter(
      (r) =>
        (filter.day === undefined || r.day === filter.day) &&
        (filter.visibleDay === undefined || r.visibleDay === filter.visibleDay),
    )
    .reduce((sum, r) => sum + r[field], 0);
}
