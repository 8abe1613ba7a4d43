import { message, type Message } from "@/lib/contracts/message";
import { importFileError } from "./errors";
import { type ImportKind, IMPORT_KINDS } from "@/lib/contracts/imports";
import { isPiiHeader } from "./pii";

/**
 * Per kind, each canonical field and the headers that may carry it (Chinese as exports name them,
 * then TikTok Shop Seller Center's English headers, then the canonical English name). Order
 * matters: the first header found wins, so 子订单编号 beats 主订单编号, 支付时间 beats the
 * 订单提交时间 stand-in and TikTok's Shipped Time beats its RTS Time. The English list is in
 * docs/imports-tiktok-shop.md.
 */
export const FIELD_HEADERS = {
  orders: {
    order_id: ["子订单编号", "订单编号", "订单ID", "订单号", "主订单编号", "Order ID"],
    // TikTok's Created Time stands in for a missing Paid Time, as 下单时间 does (with a note).
    paid_at: ["支付时间", "付款时间", "订单支付时间", "订单提交时间", "下单时间", "Paid Time", "Created Time"],
    order_type: ["订单类型"],
    status: ["订单状态", "Order Status"],
    // TikTok's dispatch: Shipped Time, else RTS Time (ready to ship: the seller handed the parcel over).
    shipped_at: ["发货时间", "Shipped Time", "RTS Time"],
    picked_up_at: ["揽收时间"],
    delivered_at: ["签收时间", "确认收货时间", "Delivered Time"],
    completed_at: ["订单完成时间"],
    amount: ["订单应付金额", "支付金额", "实付金额", "Order Amount"],
    author_id: ["达人ID", "作者ID", "作者账号"],
    product_id: ["商品ID", "Product ID"],
    product_name: ["商品名称", "选购商品", "Product Name"],
    sku: ["商家编码", "商品规格", "Seller SKU"],
    quantity: ["商品数量", "Quantity"],
    aftersale_status: ["售后状态"],
    cancel_reason: ["取消原因", "Cancel Reason"],
    province: ["省份", "收货省份", "State"],
    carrier: ["快递公司", "物流公司", "Shipping Provider Name"],
    // The current rules' columns (data-formats-current.md).
    ship_by: ["最晚发货时间", "承诺发货时间", "Ship By Time", "Shipping Deadline"],
    cancelled_by: ["取消方", "取消发起方", "Cancel By", "Cancelled By"],
    low_price: ["是否低价订单", "低价订单"],
    instant_refund: ["是否秒退", "秒退订单"],
    abnormal: ["是否异常订单", "异常订单"],
    shipment_anomaly: ["是否虚假发货或轨迹异常", "物流异常"],
    remote: ["是否偏远地区", "偏远地区订单"],
    next_day: ["是否次日达", "次日达"],
    return_insurance: ["是否运费险订单", "退货运费险"],
    large_item_insurance: ["是否大件运费险", "大件运费险"],
    onsite_install: ["是否上门安装", "上门安装"],
  },
  reviews: {
    order_id: ["订单ID", "订单编号", "子订单编号", "订单号", "Order ID"],
    reviewed_at: ["评价时间", "评价日期", "Review Time", "Review Date"],
    product_stars: ["商品评分", "商品评价得分", "Product Rating", "Rating"],
    logistics_stars: ["物流评分", "Shipping Rating"],
    service_stars: ["服务评分", "Seller Service Rating"],
    content: ["评价内容", "Review Content", "Review Text"],
    grade: ["评价等级"],
  },
  after_sales: {
    aftersale_id: ["售后单号", "售后编号", "售后单ID", "Return Order ID", "Return ID"],
    order_id: ["订单编号", "订单ID", "子订单编号", "订单号", "Order ID"],
    type: ["售后类型", "Return Type"],
    reason: ["售后原因", "Return Reason"],
    applied_at: ["申请时间", "售后申请时间", "Request Time", "Return Request Time"],
    completed_at: ["完结时间", "售后完结时间", "Return Completed Time"],
    completed_by: ["完结方"],
    exempt: ["是否豁免体验分", "豁免体验分"],
    reviewed_at: ["审核时间", "商家审核时间", "同意售后申请时间", "Seller Response Time"],
    refunded_at: ["退款成功时间", "商家退款时间", "Refund Time"],
    /** 是否商责 is 是/否; 纠纷责任方 (Responsible Party) names a party (商家/Seller → true, anyone else → false). */
    merchant_responsible: ["是否商责", "纠纷责任方", "Seller Fault", "Responsible Party"],
  },
  complaints: {
    case_id: ["工单编号", "工单ID"],
    order_id: ["订单编号", "订单ID", "子订单编号"],
    created_at: ["创建时间"],
    kind: ["类型"],
    merchant_responsible: ["是否商责"],
  },
  chats: {
    session_id: ["会话ID", "会话编号"],
    started_at: ["会话开始时间"],
    customer_turns: ["买家咨询轮次"],
    turns_answered_within_3min: ["3分钟内回复轮次", "三分钟内回复轮次"],
    rating: ["满意度", "会话评价", "客服评价星级"],
  },
  /**
   * A creator's 巨量百应 达人订单 export (data-formats.md "Creator orders"). author_account and
   * author_nickname are recognised so they are not reported as ignored, but not stored: the
   * import's creator account is who sold.
   */
  creator_orders: {
    order_id: ["订单号", "订单编号", "订单ID", "子订单编号", "主订单编号"],
    paid_at: ["支付时间", "付款时间", "下单时间"],
    order_type: ["订单类型"],
    status: ["订单状态"],
    merchant_shop_id: ["店铺ID", "商家ID", "商家店铺ID"],
    merchant_shop_name: ["店铺名称", "商家名称", "店铺"],
    product_id: ["商品ID"],
    product_name: ["商品名称"],
    quantity: ["商品数量", "购买数量"],
    amount: ["支付金额", "付款金额", "订单金额", "总付款金额"],
    refund_amount: ["退款金额"],
    delivered_at: ["收货时间", "签收时间", "确认收货时间"],
    aftersale_status: ["售后状态"],
    aftersale_id: ["售后单号", "售后编号"],
    aftersale_type: ["售后类型"],
    aftersale_reason: ["售后原因", "退款原因"],
    aftersale_applied_at: ["售后申请时间", "退款申请时间"],
    aftersale_completed_at: ["售后完结时间", "退款完成时间"],
    reviewed_at: ["评价时间"],
    product_stars: ["商品评分", "评价星级"],
    logistics_stars: ["物流评分"],
    service_stars: ["服务评分"],
    author_account: ["达人抖音号", "达人UID", "达人ID", "抖音号", "作者账号"],
    author_nickname: ["达人昵称", "作者昵称"],
  },
  /** 飞鸽会话明细: one buyer message of a session and its reply. */
  chat_turns: {
    session_id: ["会话ID", "会话编号", "Conversation ID"],
    asked_at: ["买家消息时间", "咨询时间", "Customer Message Time"],
    replied_at: ["客服回复时间", "回复时间", "Seller Reply Time"],
    replier: ["回复方", "回复人类型", "Replied By"],
  },
  /** 运单时效明细 */
  waybills: {
    waybill_id: ["运单号", "物流单号"],
    order_id: ["订单编号", "子订单编号"],
    carrier: ["快递公司", "物流公司"],
    promised_at: ["承诺送达时间", "线路时效承诺时间"],
    delivered_at: ["签收时间"],
    delivered: ["是否签收", "签收状态"],
  },
  /** 消费者求助记录 */
  help_requests: {
    request_id: ["求助单号", "工单编号"],
    order_id: ["订单编号"],
    sought_at: ["求助商家时间", "求助时间"],
    escalated: ["是否升级求助平台", "是否求助平台"],
    escalated_at: ["求助平台时间", "升级时间"],
  },
  /** 违规记录 */
  penalties: {
    penalty_id: ["违规单号", "处罚单号"],
    occurred_at: ["违规时间", "处罚时间"],
    type: ["违规类型"],
    /** 是否撤销 is 是/否; 申诉结果 an outcome (申诉成功 → revoked). */
    revoked: ["是否撤销", "申诉结果"],
  },
  /** 服务开通记录 */
  shop_services: {
    service: ["服务名称"],
    enabled_at: ["开通时间"],
    disabled_at: ["关闭时间", "退出时间"],
  },
} as const satisfies Record<ImportKind, Record<string, readonly string[]>>;

/** after_sales.merchant_responsible headers that name a party rather than say 是/否. */
export const RESPONSIBLE_PARTY_HEADERS: readonly string[] = ["纠纷责任方", "Responsible Party"];

export type FieldOf<K extends ImportKind> = keyof (typeof FIELD_HEADERS)[K] & string;

/** Fields a file of the kind cannot do without (besides these, reviews need stars or a grade). */
export const REQUIRED_FIELDS: { [K in ImportKind]: FieldOf<K>[] } = {
  orders: ["order_id", "paid_at"],
  reviews: ["order_id", "reviewed_at"],
  after_sales: ["aftersale_id", "order_id", "applied_at"],
  complaints: ["case_id", "created_at", "kind"],
  chats: ["session_id", "started_at", "customer_turns", "turns_answered_within_3min"],
  creator_orders: ["order_id", "paid_at"],
  chat_turns: ["session_id", "asked_at"],
  waybills: ["waybill_id", "order_id"],
  help_requests: ["request_id", "order_id", "sought_at"],
  penalties: ["penalty_id", "occurred_at"],
  shop_services: ["service", "enabled_at"],
};

/** Case-, width- and space-insensitive form of a header: `Paid At`, `paid_at`, `ＰＡＩＤ＿ＡＴ` all match. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/^\uFEFF/, "")
    .replace(/^['"\s]+|['"\s]+$/g, "")
    .toLowerCase()
    .replace(/[\s_\-()（）:：*]+/g, "");
}

/** A chosen mapping: canonical field → the header it is read from (null: not imported). */
export type HeaderMapping = Record<string, string | null>;

export type MappedHeaders = {
  kind: ImportKind;
  /** field → column index in the file. */
  columns: Record<string, number>;
  /** field → header text, as the preview shows it and a template saves it. */
  mapping: HeaderMapping;
  missingRequired: string[];
  /** Headers not used (ignored columns). */
  ignored: string[];
  /** Buyer name/phone/address columns: never read, whatever a mapping says. */
  piiColumns: string[];
  /** Remarks for the preview (importer.notes.*), e.g. that 订单提交时间 stands in for paid_at. */
  notes: Message[];
};

function fieldsOf(kind: ImportKind): [string, readonly string[]][] {
  return Object.entries(FIELD_HEADERS[kind]);
}

/**
 * Maps a header row to the kind's fields. `overrides` (from the user or a saved template) name
 * a header per field, or null to skip a field; unknown headers in overrides are an error.
 */
export function mapHeaders(headers: readonly string[], kind: ImportKind, overrides: HeaderMapping = {}): MappedHeaders {
  const normalised = headers.map(normaliseHeader);
  const piiIndexes = new Set(headers.map((h, i) => (isPiiHeader(h) ? i : -1)).filter((i) => i >= 0));
  const used = new Set<number>();
  const columns: Record<string, number> = {};
  const mapping: HeaderMapping = {};
  const notes: Message[] = [];
  const known = new Set(fieldsOf(kind).map(([field]) => field));

  for (const [field, header] of Object.entries(overrides)) {
    if (!known.has(field)) throw importFileError("badMapping", { detail: message("importer.details.unknownField", { field, kind }) });
    if (header === null) {
      mapping[field] = null;
      continue;
    }
    const index = normalised.indexOf(normaliseHeader(header));
    if (index < 0) throw importFileError("badMapping", { detail: message("importer.details.noColumn", { header }) });
    if (piiIndexes.has(index)) throw importFileError("piiMapping", { column: header });
    columns[field] = index;
    mapping[field] = headers[index] ?? header;
    used.add(index);
  }

  for (const [field, candidates] of fieldsOf(kind)) {
    if (field in mapping) continue;
    const wanted = [...candidates, field].map(normaliseHeader);
    let found = -1;
    for (const candidate of wanted) {
      found = normalised.findIndex((h, i) => h === candidate && !used.has(i) && !piiIndexes.has(i));
      if (found >= 0) break;
    }
    if (found < 0) {
      mapping[field] = null;
      continue;
    }
    columns[field] = found;
    mapping[field] = headers[found] ?? null;
    used.add(found);
  }

  if (kind === "orders" && mapping.paid_at && normaliseHeader(mapping.paid_at) === normaliseHeader("订单提交时间")) {
    notes.push(message("importer.notes.paidAtSubmitted"));
  }
  if (kind === "orders" && mapping.paid_at && [normaliseHeader("下单时间"), normaliseHeader("Created Time")].includes(normaliseHeader(mapping.paid_at))) {
    notes.push(message("importer.notes.paidAtPlaced"));
  }
  const missingRequired: string[] = REQUIRED_FIELDS[kind].filter((field) => columns[field] === undefined);
  if (kind === "reviews" && ["product_stars", "logistics_stars", "service_stars", "grade"].every((f) => columns[f] === undefined)) {
    missingRequired.push("product_stars");
  }
  // A creator's order must say which merchant it was sold for: the shop's id or its name.
  if (kind === "creator_orders" && columns.merchant_shop_id === undefined && columns.merchant_shop_name === undefined) {
    missingRequired.push("merchant_shop_name");
  }
  return {
    kind,
    columns,
    mapping,
    missingRequired,
    ignored: headers.filter((h, i) => !used.has(i) && !piiIndexes.has(i) && h.trim() !== ""),
    piiColumns: headers.filter((_, i) => piiIndexes.has(i)),
    notes,
  };
}

export type KindGuess = { kind: ImportKind; matched: number; complete: boolean };

/** Ranks the kinds (all, or those an owner may import) by how well the headers fit them; the first is the best guess. */
export function detectKind(headers: readonly string[], kinds: readonly ImportKind[] = IMPORT_KINDS): KindGuess[] {
  return kinds.map((kind) => {
    const mapped = mapHeaders(headers, kind);
    return { kind, matched: Object.keys(mapped.columns).length, complete: mapped.missingRequired.length === 0 };
  }).sort((a, b) => Number(b.complete) - Number(a.complete) || b.matched - a.matched);
}

/** True when a row looks like a header of some kind (used to skip title lines above the header). */
export function looksLikeHeader(cells: readonly string[]): boolean {
  const best = detectKind(cells)[0];
  return best !== undefined && best.matched >= 2;
}

/** Refuses a header row that does not fit the kind, naming the kind it does fit when there is one. */
export function assertHeadersFit(mapped: MappedHeaders, headers: readonly string[]): void {
  if (mapped.missingRequired.length === 0) return;
  const best = detectKind(headers)[0];
  if (best && best.kind !== mapped.kind && best.complete) {
    throw importFileError("wrongKind", { kind: mapped.kind, detected: best.kind });
  }
  if (Object.keys(mapped.columns).length === 0) throw importFileError("noHeader");
  throw importFileError("missingColumns", { kind: mapped.kind, columns: mapped.missingRequired.join(", ") });
}
