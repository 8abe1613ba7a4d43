import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { IMPORT_KINDS, SHOP_IMPORT_KINDS, type ImportKind } from "@/lib/contracts/imports";
import { penaltyTypeOf } from "@/server/catalog/penalty-types";
import { detectKind, FIELD_HEADERS, mapHeaders } from "@/server/imports/headers";
import { kindFromFileName } from "@/server/imports/kinds";
import { parseRecord } from "@/server/imports/rows";
import { en } from "../../helpers/messages";
import { CURRENT_DOUYIN_EXPORTS_DIR, DOUYIN_EXPORTS_DIR, SAMPLE_EXPORT_KINDS } from "../../helpers/sample-paths";

/** The kinds data-formats-current.md adds; their names are a contract of the CLI and of manifests. */
const ADDED_KINDS = ["chat_turns", "waybills", "help_requests", "penalties", "shop_services"] as const;

/** data-formats-current.md's tables: every header seen, per field (the first is what the platform's export uses). */
const HEADERS_SEEN: Partial<Record<ImportKind, Record<string, string[]>>> = {
  orders: {
    ship_by: ["最晚发货时间", "承诺发货时间"],
    cancelled_by: ["取消方", "取消发起方"],
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
  after_sales: {
    reviewed_at: ["审核时间", "商家审核时间", "同意售后申请时间"],
    refunded_at: ["退款成功时间", "商家退款时间"],
    merchant_responsible: ["是否商责", "纠纷责任方"],
  },
  chats: { rating: ["满意度", "会话评价", "客服评价星级"] },
  chat_turns: { session_id: ["会话ID"], asked_at: ["买家消息时间", "咨询时间"], replied_at: ["客服回复时间", "回复时间"], replier: ["回复方", "回复人类型"] },
  waybills: {
    waybill_id: ["运单号", "物流单号"],
    order_id: ["订单编号", "子订单编号"],
    carrier: ["快递公司", "物流公司"],
    promised_at: ["承诺送达时间", "线路时效承诺时间"],
    delivered_at: ["签收时间"],
    delivered: ["是否签收", "签收状态"],
  },
  help_requests: {
    request_id: ["求助单号", "工单编号"],
    order_id: ["订单编号"],
    sought_at: ["求助商家时间", "求助时间"],
    escalated: ["是否升级求助平台", "是否求助平台"],
    escalated_at: ["求助平台时间", "升级时间"],
  },
  penalties: { penalty_id: ["违规单号", "处罚单号"], occurred_at: ["违规时间", "处罚时间"], type: ["违规类型"], revoked: ["是否撤销", "申诉结果"] },
  shop_services: { service: ["服务名称"], enabled_at: ["开通时间"], disabled_at: ["关闭时间", "退出时间"] },
};

const headerRow = (file: string) => (iconv.decode(fs.readFileSync(file), "gb18030").split("\r\n")[0] ?? "").split(",");

/** Parses one record of a kind from a header → cell object. */
function parse<K extends ImportKind>(kind: K, record: Record<string, string>) {
  const headers = Object.keys(record);
  return parseRecord(kind, mapHeaders(headers, kind), Object.values(record), 2);
}

function fact<K extends ImportKind>(kind: K, record: Record<string, string>) {
  const result = parse(kind, record);
  if (!result.ok) throw new Error(JSON.stringify(result.errors.map((e) => en(e.reason))));
  return result.fact;
}

function reasons(kind: ImportKind, record: Record<string, string>): string[] {
  const result = parse(kind, record);
  return result.ok ? [] : result.errors.map((e) => `${e.column}: ${en(e.reason)}`);
}

describe("the current rules' kinds", () => {
  it("are shop kinds named exactly as the CLI and manifests take them", () => {
    for (const kind of ADDED_KINDS) expect(IMPORT_KINDS).toContain(kind);
    expect(SHOP_IMPORT_KINDS).toEqual([...SAMPLE_EXPORT_KINDS, ...ADDED_KINDS]);
  });

  it("map every header variant data-formats-current.md lists, and the canonical name", () => {
    for (const [kind, fields] of Object.entries(HEADERS_SEEN) as [ImportKind, Record<string, string[]>][]) {
      for (const [field, variants] of Object.entries(fields)) {
        expect((FIELD_HEADERS[kind] as Record<string, readonly string[]>)[field]?.[0], `${kind}.${field}`).toBe(variants[0]);
        for (const header of [...variants, field, field.toUpperCase()]) {
          expect(mapHeaders([header], kind).mapping[field], `${kind}: ${header}`).toBe(header);
        }
      }
    }
  });

  it("tell the platform's export headers apart: each file fits its own kind, the first samples still fit theirs", () => {
    for (const shop of fs.readdirSync(CURRENT_DOUYIN_EXPORTS_DIR)) {
      for (const file of fs.readdirSync(path.join(CURRENT_DOUYIN_EXPORTS_DIR, shop))) {
        const best = detectKind(headerRow(path.join(CURRENT_DOUYIN_EXPORTS_DIR, shop, file)), SHOP_IMPORT_KINDS)[0];
        expect([shop, file, best?.kind, best?.complete]).toEqual([shop, file, file.replace(".csv", ""), true]);
      }
    }
    for (const kind of SAMPLE_EXPORT_KINDS) {
      expect(detectKind(headerRow(path.join(DOUYIN_EXPORTS_DIR, "s002", `${kind}.csv`)))[0]?.kind).toBe(kind);
    }
  });

  it("are guessed from English and Chinese file names without changing the older guesses", () => {
    const guesses: Record<string, ImportKind> = {
      "chat_turns.csv": "chat_turns",
      "chat-turn.xlsx": "chat_turns",
      "飞鸽会话明细.csv": "chat_turns",
      "1791430000_飞鸽会话明细.xlsx": "chat_turns",
      "waybills.csv": "waybills",
      "运单时效明细.csv": "waybills",
      "help_requests.csv": "help_requests",
      "消费者求助记录.xlsx": "help_requests",
      "penalties.csv": "penalties",
      "违规记录.csv": "penalties",
      "shop_services.csv": "shop_services",
      "1791430000_服务开通记录.csv": "shop_services",
      // Unchanged:
      "chats.csv": "chats",
      "客服会话.csv": "chats",
      "会话.csv": "chats",
      "orders.csv": "orders",
      "1791430000_订单.csv": "orders",
      "after_sales.csv": "after_sales",
      "售后.xlsx": "after_sales",
      "complaints.csv": "complaints",
      "reviews.csv": "reviews",
      "creator_orders.csv": "creator_orders",
      "达人订单.csv": "creator_orders",
    };
    for (const [name, kind] of Object.entries(guesses)) expect([name, kindFromFileName(name)]).toEqual([name, kind]);
  });
});

describe("values of the added columns", () => {
  const order = { 子订单编号: "o1", 支付时间: "2026-05-01 10:00:00" };

  it("booleans read 是/否, true/false, 1/0, Y/N; an empty cell is unknown (null), never false", () => {
    const flags = ["是否低价订单", "是否秒退", "是否异常订单", "是否虚假发货或轨迹异常", "是否偏远地区", "是否次日达", "是否运费险订单", "是否大件运费险", "是否上门安装"];
    const fields = ["lowPrice", "instantRefund", "abnormal", "shipmentAnomaly", "remote", "nextDay", "returnInsurance", "largeItemInsurance", "onsiteInstall"] as const;
    for (const [text, value] of [["是", true], ["否", false], ["true", true], ["FALSE", false], ["1", true], ["0", false], ["Y", true], ["n", false], ["", null], ["-", null]] as const) {
      const parsed = fact("orders", { ...order, ...Object.fromEntries(flags.map((h) => [h, text])) });
      for (const field of fields) expect([text, field, parsed[field]]).toEqual([text, field, value]);
    }
    expect(reasons("orders", { ...order, 是否低价订单: "也许" })).toEqual(['是否低价订单: expected 是 or 否, got "也许"']);
  });

  it("orders: ship_by as a time, cancelled_by from 取消方", () => {
    expect(fact("orders", { ...order, 最晚发货时间: "2026/5/2 10:00", 取消方: "卖家" })).toMatchObject({ shipBy: new Date("2026-05-02T02:00:00Z"), cancelledBy: "merchant" });
    const by = (text: string) => fact("orders", { ...order, 取消发起方: text }).cancelledBy;
    expect([by("商家"), by("买家"), by("系统"), by("平台"), by("buyer"), by("-")]).toEqual(["merchant", "buyer", "system", "system", "buyer", null]);
    expect(reasons("orders", { ...order, 取消方: "快递" })[0]).toMatch(/unknown cancelled by "快递"/);
    // A file without the new columns leaves them unknown.
    expect(fact("orders", order)).toMatchObject({ shipBy: null, cancelledBy: null, lowPrice: null, remote: null, onsiteInstall: null });
  });

  it("after-sales: review and refund times; 是否商责 is 是/否, 纠纷责任方 names a party", () => {
    const sale = { 售后单号: "a1", 订单编号: "o1", 申请时间: "2026-05-01 10:00:00" };
    expect(fact("after_sales", { ...sale, 商家审核时间: "2026-05-01 12:00:00", 商家退款时间: "-", 是否商责: "是" })).toMatchObject({
      reviewedAt: new Date("2026-05-01T04:00:00Z"),
      refundedAt: null,
      merchantResponsible: true,
    });
    const party = (text: string) => fact("after_sales", { ...sale, 纠纷责任方: text }).merchantResponsible;
    expect([party("商家"), party("买家"), party("物流"), party("平台"), party("")]).toEqual([true, false, false, false, null]);
    expect(reasons("after_sales", { ...sale, 是否商责: "商家" })[0]).toMatch(/expected 是 or 否/);
    expect(fact("after_sales", sale)).toMatchObject({ reviewedAt: null, refundedAt: null, merchantResponsible: null });
  });

  it("chats: the rating under each of its headers", () => {
    for (const header of ["满意度", "会话评价", "客服评价星级"]) {
      expect(fact("chats", { 会话ID: "c1", 会话开始时间: "2026-05-01 10:00:00", 买家咨询轮次: "2", "3分钟内回复轮次": "1", [header]: "4星" }).rating).toBe(4);
    }
  });

  it("chat turns: who replied", () => {
    const turn = (replier: string) => fact("chat_turns", { 会话ID: "c1", 咨询时间: "2026-05-01 10:00:00", 回复时间: "", 回复人类型: replier });
    expect(["人工", "人工客服", "机器人", "智能客服", "未回复", "bot", ""].map((r) => turn(r).replier)).toEqual(["human", "human", "bot", "bot", "none", "bot", null]);
    expect(turn("人工")).toMatchObject({ sessionId: "c1", askedAt: new Date("2026-05-01T02:00:00Z"), repliedAt: null });
    expect(reasons("chat_turns", { 会话ID: "c1", 买家消息时间: "" })).toEqual(["买家消息时间: required value is empty"]);
  });

  it("waybills: 签收状态 words and 是否签收", () => {
    const waybill = (header: string, text: string) => fact("waybills", { 物流单号: "w1", 子订单编号: "o1", [header]: text }).delivered;
    expect(["已签收", "未签收", "拒收", "退回", "是", "否", ""].map((text) => waybill("签收状态", text))).toEqual([true, false, false, false, true, false, null]);
    expect(waybill("是否签收", "1")).toBe(true);
    expect(reasons("waybills", { 运单号: "w1", 订单编号: "o1", 签收状态: "运输中" })[0]).toMatch(/unknown delivery status "运输中"/);
    expect(reasons("waybills", { 运单号: "w1", 订单编号: "" })).toEqual(["订单编号: required value is empty"]);
  });

  it("help requests: escalation flag and time, each unknown when empty", () => {
    const request = { 工单编号: "h1", 订单编号: "o1", 求助时间: "2026-05-01 10:00:00" };
    expect(fact("help_requests", { ...request, 是否求助平台: "是", 升级时间: "" })).toMatchObject({ requestId: "h1", escalated: true, escalatedAt: null });
    expect(fact("help_requests", { ...request, 是否求助平台: "", 升级时间: "" })).toMatchObject({ escalated: null, escalatedAt: null });
  });

  it("penalties: the label kept as given, its type from the default table, the organisation's overrides or the code; 申诉成功 revokes", () => {
    const penalty = (type: string, extra: Record<string, string> = {}) => fact("penalties", { 处罚单号: "p1", 处罚时间: "2026-05-01 10:00:00", 违规类型: type, ...extra });
    const types = {
      售后地址异常: "abnormal_aftersale_address",
      拒绝开票: "invoice_refusal",
      拒绝提供发票: "invoice_refusal",
      虚假交易: "fake_orders",
      刷单: "fake_orders",
      虚假评价: "fake_reviews",
      虚假宣传: "false_advertising",
      虚假发货: "fraudulent_shipping",
      品牌资质缺失: "missing_brand_qualification",
      fake_reviews: "fake_reviews",
      发布违禁信息: "other",
      "": "other",
    };
    for (const [label, type] of Object.entries(types)) expect([label, penalty(label).type]).toEqual([label, type]);
    expect(penalty("发布违禁信息")).toMatchObject({ typeText: "发布违禁信息", type: "other", revoked: null });
    expect(penalty("")).toMatchObject({ typeText: null, type: "other" });
    expect(penaltyTypeOf("发布违禁信息", [{ label: "发布违禁信息", type: "false_advertising" }])).toBe("false_advertising");
    expect(penaltyTypeOf("虚假宣传", { 虚假宣传: "other" })).toBe("other");
    const outcome = (text: string) => penalty("刷单", { 申诉结果: text }).revoked;
    expect([outcome("申诉成功"), outcome("申诉失败"), outcome("未申诉"), outcome("")]).toEqual([true, false, false, null]);
    expect(penalty("刷单", { 是否撤销: "是" }).revoked).toBe(true);
  });

  it("shop services: Chinese names and codes; an unknown service is a row error", () => {
    const service = (name: string) => fact("shop_services", { 服务名称: name, 开通时间: "2026-05-01", 退出时间: "" });
    const names = { 偏远地区发货: "remote_delivery", 偏远地区包邮: "remote_delivery", 退货运费险: "return_insurance", 运费险: "return_insurance", 大件运费险: "large_item_insurance", 上门安装: "onsite_install", onsite_install: "onsite_install" };
    for (const [name, code] of Object.entries(names)) expect([name, service(name).service]).toEqual([name, code]);
    expect(service("运费险")).toMatchObject({ enabledAt: new Date("2026-04-30T16:00:00Z"), disabledAt: null });
    expect(reasons("shop_services", { 服务名称: "极速退款", 开通时间: "2026-05-01" })[0]).toMatch(/unknown service "极速退款"/);
    expect(reasons("shop_services", { 服务名称: "", 开通时间: "2026-05-01" })).toEqual(["服务名称: required value is empty"]);
  });
});
