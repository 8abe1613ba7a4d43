import { message, type Message, type MessageParams } from "@/lib/contracts/message";
import type en from "@/messages/en.json";
import type { CancelledBy, ChatReplier, ShopService } from "@/lib/contracts/facts";
import { DAY_MS, SHANGHAI_OFFSET_MS } from "@/server/lib/time";

/**
 * Cell parsers. Each returns { value } (null = empty/unknown, never zero) or { error } with a
 * reason (importer.reasons.*, shown in the reader's language); the row parser turns errors into row errors.
 */
export type Parsed<T> = { value: T | null; error?: undefined } | { value?: undefined; error: Message };

const ok = <T>(value: T | null): Parsed<T> => ({ value });
/** A row-rejection reason: typed against the catalogue, so a reason without a translation does not compile. */
export type RowReasonKey = keyof (typeof en)["importer"]["reasons"];
export const rowReason = (reason: RowReasonKey, params?: MessageParams): Message => message(`importer.reasons.${reason}`, params);
const fail = <T>(reason: RowReasonKey, params?: Record<string, string | number>): Parsed<T> => ({ error: rowReason(reason, params) });

/** Full-width digits/letters/punctuation and ideographic spaces → ASCII; trims. */
const WIDE = /[\uFF01-\uFF5E\u3000\u00A0]/;
export function normaliseWidth(text: string): string {
  if (!WIDE.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u3000\u00A0]/g, " ");
}

const EMPTY_MARKERS = new Set(["", "-", "--", "—", "——", "－", "null", "NULL", "N/A", "n/a", "无"]);

/** A cell as text: export prefixes stripped, trimmed, and the "empty" markers (`-`, `--`, …) as null. */
export function cleanText(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  // Fast path (most cells): nothing to strip at either end and not an empty marker.
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  if (raw.length > 2 && first > 0x20 && first !== 0x27 && first !== 0x3d && first !== 0xfeff && first !== 0x3000 && last > 0x20 && last !== 0x3000) {
    return raw === "null" || raw === "NULL" || raw === "N/A" || raw === "n/a" || raw === "——" ? null : raw;
  }
  let text = raw.replace(/^\uFEFF/, "").trim();
  const formula = /^="(.*)"$/.exec(text);
  if (formula?.[1] !== undefined) text = formula[1].trim();
  text = text.replace(/^['\t]+/, "").trim();
  return EMPTY_MARKERS.has(text) ? null : text;
}

/** Excel's re-save turns long ids into `6.91793E+18`. */
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i;
export const EXCEL_MANGLED_ID: Message = rowReason("excelMangledId");

/** An id (order, after-sale, case, session, author): export prefixes stripped; Excel-mangled ids refused. */
export function parseId(raw: string | undefined): Parsed<string> {
  const text = cleanText(raw);
  if (text === null) return ok(null);
  const ascii = normaliseWidth(text).trim();
  if (SCIENTIFIC.test(ascii)) return { error: EXCEL_MANGLED_ID };
  if (/^\d{16,}\.0+$/.test(ascii)) return { error: EXCEL_MANGLED_ID };
  if (ascii.length > 128) return fail("idTooLong");
  return ok(ascii);
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * A Shanghai wall-clock time as an instant, or null when no such time exists (2026-02-30,
 * 10:61). 24:00:00 is the next midnight; a leap second stays within its minute's day. Checked
 * by arithmetic: this runs for every time cell of every row.
 */
function wallClockToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || mi > 59 || s > 60) return null;
  if (d > (mo === 2 && isLeapYear(y) ? 29 : (DAYS_IN_MONTH[mo - 1] ?? 0))) return null;
  if (h > 24 || (h === 24 && (mi !== 0 || s !== 0)) || (s === 60 && h === 23 && mi === 59)) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - SHANGHAI_OFFSET_MS);
}

const WALL_CLOCK =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T)(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})(?:\.(\d{1,6}))?\s*秒?)?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2}):?(\d{2})?)?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Earliest and latest instants a fact may carry; outside is a typo or a mangled cell. */
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

/** The number written by `count` digits of `text` from `from`, or -1 when one of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** `YYYY-MM-DD HH:MM:SS` (the exports' own format), without a regular expression: each digit read once. */
function fastWallClock(t: string): Date | null | undefined {
  if (t.length !== 19 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 32 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) {
    return undefined;
  }
  const y = digitsAt(t, 0, 4);
  const mo = digitsAt(t, 5, 2);
  const d = digitsAt(t, 8, 2);
  const h = digitsAt(t, 11, 2);
  const mi = digitsAt(t, 14, 2);
  const s = digitsAt(t, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return undefined;
  return wallClockToInstant(y, mo, d, h, mi, s);
}

/**
 * A time, wall-clock Asia/Shanghai: `2026-05-31 23:30:00`, `2026/5/31 23:30`, `2026年5月31日`,
 * `20260531`, an Excel serial (`46173.979`), an ISO time with a zone, or Unix seconds/ms.
 */
export function parseShanghaiTime(raw: string | undefined): Parsed<Date> {
  if (raw !== undefined) {
    const fast = fastWallClock(raw);
    if (fast) {
      const ms = fast.getTime();
      if (ms >= MIN_TIME && ms <= MAX_TIME) return ok(fast);
    }
  }
  const text = cleanText(raw);
  if (text === null) return ok(null);
  const t = normaliseWidth(text).trim();
  let date: Date | null = null;
  const m = WALL_CLOCK.exec(t);
  if (m) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", frac = ""] = m;
    const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    date = wallClockToInstant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), ms);
  } else if (ISO_WITH_ZONE.test(t)) {
    const parsed = Date.parse(t);
    date = Number.isNaN(parsed) ? null : new Date(parsed);
  } else if (/^\d{10}$/.test(t) || /^\d{13}$/.test(t)) {
    date = new Date(t.length === 10 ? Number(t) * 1000 : Number(t));
  } else if (COMPACT_DATE.test(t)) {
    const c = COMPACT_DATE.exec(t);
    if (c) date = wallClockToInstant(Number(c[1]), Number(c[2]), Number(c[3]), Number(c[4] ?? 0), Number(c[5] ?? 0), Number(c[6] ?? 0));
  } else if (/^\d{1,6}(\.\d+)?$/.test(t)) {
    const serial = Number(t);
    // Excel serial day numbers: wall-clock days since 1899-12-30 (1900 leap-year bug included).
    if (serial >= 1 && serial < 2958466) {
      const wallUtc = EXCEL_EPOCH_UTC + Math.round(serial * DAY_MS / 1000) * 1000;
      date = new Date(wallUtc - SHANGHAI_OFFSET_MS);
    }
  }
  if (!date || Number.isNaN(date.getTime())) return fail("notDateTime", { text: text.slice(0, 40) });
  if (date.getTime() < MIN_TIME || date.getTime() > MAX_TIME) return fail("dateOutOfRange", { text: text.slice(0, 40) });
  return ok(date);
}

/** Money in yuan (`¥1,299.00`, `1299元`, `￥ 12.5`) as a 2-decimal string, exact for numeric columns. */
const PLAIN_MONEY = /^(?:0|[1-9]\d{0,11})\.\d\d$/;
export function parseMoney(raw: string | undefined): Parsed<string> {
  if (raw !== undefined && PLAIN_MONEY.test(raw)) return ok(raw);
  const text = cleanText(raw);
  if (text === null) return ok(null);
  const t = normaliseWidth(text).replace(/[¥￥,，\s]|元|RMB|CNY/gi, "");
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return fail("notAmount", { text: text.slice(0, 40) });
  const [, sign = "", whole = "0", frac = ""] = m;
  if (whole.replace(/^0+/, "").length > 12) return fail("amountTooLarge", { text: text.slice(0, 40) });
  let cents = BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2));
  if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1n;
  const abs = `${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")}`;
  return ok(sign === "-" && cents !== 0n ? `-${abs}` : abs);
}

/** A whole number (`1,200`, `３`, `5.0`); negatives refused. */
export function parseCount(raw: string | undefined): Parsed<number> {
  const text = cleanText(raw);
  if (text === null) return ok(null);
  const t = normaliseWidth(text).replace(/[,\s]/g, "");
  const m = /^(\d{1,9})(?:\.0+)?$/.exec(t);
  if (!m) return fail("notWholeNumber", { text: text.slice(0, 40) });
  return ok(Number(m[1]));
}

/** Stars 1–5 (`5`, `5星`, `５`, `5.0`, English exports' `5 stars`). */
export function parseStars(raw: string | undefined): Parsed<number> {
  const text = cleanText(raw);
  if (text === null) return ok(null);
  const t = normaliseWidth(text).replace(/stars?$/i, "").replace(/\s|星|分|★/g, "");
  const m = /^(\d+)(?:\.0+)?$/.exec(t);
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 5) return fail("stars", { text: text.slice(0, 20) });
  return ok(n);
}

const YES = new Set(["是", "yes", "y", "true", "1", "√", "✓", "有"]);
const NO = new Set(["否", "no", "n", "false", "0", "×", "✗", "无", "不是"]);

/** 是/否 (and yes/no, true/false, 1/0). */
export function parseYesNo(raw: string | undefined): Parsed<boolean> {
  const text = raw === undefined ? null : raw.replace(/^['\t]+/, "").trim();
  if (text === null || text === "" || text === "-" || text === "--") return ok(null);
  const t = normaliseWidth(text).trim().toLowerCase();
  if (YES.has(t)) return ok(true);
  if (NO.has(t)) return ok(false);
  return fail("yesNo", { text: text.slice(0, 20) });
}

/** What an enum column holds, named in the reason for an unknown value (importer.valueNames.*). */
export type ValueName = keyof (typeof en)["importer"]["valueNames"];

/** Maps a Chinese (or canonical English) enum value; unknown values are an error listing the allowed ones. */
export function parseEnum<T extends string | number>(raw: string | undefined, table: Record<string, T>, what: ValueName): Parsed<T> {
  const text = cleanText(raw);
  if (text === null) return ok(null);
  const key = normaliseWidth(text).trim();
  const value = table[key] ?? table[key.toLowerCase()];
  if (value !== undefined) return ok(value);
  const allowed = [...new Set(Object.keys(table))].slice(0, 12).join(", ");
  return { error: rowReason("unknownValue", { what: message(`importer.valueNames.${what}`), text: text.slice(0, 30), allowed }) };
}

export const ORDER_TYPES: Record<string, "normal" | "gift" | "lucky_bag" | "sample" | "test"> = {
  普通订单: "normal",
  普通: "normal",
  赠品: "gift",
  赠品订单: "gift",
  福袋: "lucky_bag",
  福袋订单: "lucky_bag",
  样品: "sample",
  样品订单: "sample",
  测试: "test",
  测试订单: "test",
  normal: "normal",
  gift: "gift",
  lucky_bag: "lucky_bag",
  sample: "sample",
  test: "test",
};

/** 已关闭/已取消/交易关闭 → cancelled; other statuses are kept as text. */
export function normaliseOrderStatus(raw: string | undefined): string | null {
  const text = cleanText(raw);
  if (text === null) return null;
  const t = normaliseWidth(text).trim();
  if (["已关闭", "已取消", "交易关闭", "订单关闭", "已失效", "cancelled", "canceled", "closed"].includes(t.toLowerCase())) return "cancelled";
  return t;
}

/**
 * How far an order has progressed; a re-upload may not move it backwards (已完成 → 已发货).
 * Unknown statuses and cancellations have no rank (no ordering is assumed).
 */
export const ORDER_STATUS_RANKS: readonly (readonly [readonly string[], number])[] = [
  // TikTok Shop's English statuses as Seller Center exports write them (and its API's codes), lower-cased.
  [["待付款", "待支付", "unpaid", "pending_payment", "pending payment", "on hold", "on_hold"], 0],
  [["待发货", "备货中", "已支付", "已付款", "paid", "pending_shipment", "to ship", "awaiting shipment", "awaiting_shipment", "awaiting collection", "awaiting_collection"], 1],
  [["已发货", "待收货", "部分发货", "shipped", "in transit", "in_transit", "shipping"], 2],
  [["已签收", "已收货", "delivered"], 3],
  [["已完成", "交易成功", "交易完成", "已结算", "completed", "finished"], 4],
];

export function orderStatusRank(status: string | null | undefined): number | null {
  if (!status) return null;
  const s = status.toLowerCase();
  for (const [names, rank] of ORDER_STATUS_RANKS) if (names.includes(s)) return rank;
  return null;
}

export const AFTERSALE_TYPES: Record<string, "refund_only" | "return_refund" | "exchange" | "resend"> = {
  仅退款: "refund_only",
  退货退款: "return_refund",
  换货: "exchange",
  补寄: "resend",
  refund_only: "refund_only",
  return_refund: "return_refund",
  exchange: "exchange",
  resend: "resend",
  // TikTok Shop's Return Type.
  "refund only": "refund_only",
  "return and refund": "return_refund",
  "return & refund": "return_refund",
  "return/refund": "return_refund",
  replacement: "exchange",
};

export const COMPLETED_BY: Record<string, "merchant" | "platform" | "buyer" | "system"> = {
  商家: "merchant",
  平台: "platform",
  买家: "buyer",
  系统: "system",
  merchant: "merchant",
  platform: "platform",
  buyer: "buyer",
  system: "system",
};

export const COMPLAINT_KINDS: Record<string, "complaint" | "dispute"> = {
  投诉: "complaint",
  纠纷: "dispute",
  complaint: "complaint",
  dispute: "dispute",
};

/** 评价等级 alone (no stars) → product stars. */
export const REVIEW_GRADES: Record<string, number> = { 好评: 5, 中评: 3, 差评: 1, good: 5, neutral: 3, bad: 1 };

/** 取消方: who cancelled an order. */
export const CANCELLED_BY_VALUES: Record<string, CancelledBy> = {
  商家: "merchant",
  卖家: "merchant",
  买家: "buyer",
  系统: "system",
  平台: "system",
  merchant: "merchant",
  buyer: "buyer",
  system: "system",
  // TikTok Shop's Cancel By: Seller, Buyer, System (and the platform by its name).
  seller: "merchant",
  platform: "system",
  tiktok: "system",
};

/** 回复方 of a 飞鸽 turn: a person, the bot, or no reply. */
export const CHAT_REPLIER_VALUES: Record<string, ChatReplier> = {
  人工: "human",
  人工客服: "human",
  机器人: "bot",
  智能客服: "bot",
  未回复: "none",
  human: "human",
  bot: "bot",
  none: "none",
  // English exports' Replied By.
  seller: "human",
  agent: "human",
  chatbot: "bot",
  "auto-reply": "bot",
  "no reply": "none",
};

/** 服务名称 of a service the shop switched on. */
export const SHOP_SERVICE_VALUES: Record<string, ShopService> = {
  偏远地区发货: "remote_delivery",
  偏远地区包邮: "remote_delivery",
  退货运费险: "return_insurance",
  运费险: "return_insurance",
  大件运费险: "large_item_insurance",
  上门安装: "onsite_install",
  remote_delivery: "remote_delivery",
  return_insurance: "return_insurance",
  large_item_insurance: "large_item_insurance",
  onsite_install: "onsite_install",
};

/** 签收状态 (a yes/no column also reads as 是否签收). */
export const DELIVERY_STATUSES: Record<string, boolean> = {
  已签收: true,
  签收: true,
  未签收: false,
  拒收: false,
  已拒收: false,
  退回: false,
  已退回: false,
  delivered: true,
  undelivered: false,
  rejected: false,
  returned: false,
};

/** A yes/no cell, or else one of a column's own words (签收状态: 已签收, 拒收 …). */
export function parseYesNoOr(raw: string | undefined, words: Record<string, boolean>, what: ValueName): Parsed<boolean> {
  const yesNo = parseYesNo(raw);
  if (yesNo.error === undefined) return yesNo;
  const text = cleanText(raw);
  if (text === null) return ok(null);
  const key = normaliseWidth(text).trim();
  const value = words[key] ?? words[key.toLowerCase()];
  if (value !== undefined) return ok(value);
  const allowed = ["是", "否", ...Object.keys(words)].slice(0, 12).join(", ");
  return { error: rowReason("unknownValue", { what: message(`importer.valueNames.${what}`), text: text.slice(0, 30), allowed }) };
}

/**
 * A column naming a party or an outcome, read as a yes/no: `yes` for the words given (纠纷责任方
 * 商家, 申诉结果 申诉成功), `no` for any other text; 是/否 are read as themselves. Empty is unknown.
 */
export function parseNamedYes(raw: string | undefined, yesWords: readonly string[]): Parsed<boolean> {
  const yesNo = parseYesNo(raw);
  if (yesNo.error === undefined) return yesNo;
  const text = cleanText(raw);
  if (text === null) return ok(null);
  const t = normaliseWidth(text).trim().toLowerCase();
  return ok(yesWords.includes(t));
}

/** 纠纷责任方: the merchant (商家) is responsible, anyone else is not. */
export const MERCHANT_PARTY_WORDS = ["商家", "卖家", "merchant", "seller"] as const;
/** 申诉结果: an upheld appeal revokes the penalty. */
export const APPEAL_UPHELD_WORDS = ["申诉成功", "撤销", "已撤销", "revoked"] as const;
