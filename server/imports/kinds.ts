import { IMPORT_KINDS, type ImportKind } from "@/lib/contracts/imports";

/** Chinese names of the kinds (file names, messages); the first is what the platform calls the export. */
export const KIND_NAMES_ZH: Record<ImportKind, string[]> = {
  orders: ["订单"],
  reviews: ["评价"],
  after_sales: ["售后"],
  complaints: ["投诉", "纠纷", "投诉与纠纷"],
  chats: ["客服会话", "会话", "客服"],
  creator_orders: ["达人订单", "带货订单"],
  chat_turns: ["飞鸽会话明细", "会话明细", "飞鸽"],
  waybills: ["运单时效明细", "运单时效", "运单"],
  help_requests: ["消费者求助记录", "求助记录", "求助"],
  penalties: ["违规记录", "违规", "处罚记录"],
  shop_services: ["服务开通记录", "服务开通"],
};

/**
 * The current rules' kinds, checked before the others: their names contain older kinds' names
 * (飞鸽会话明细 holds 会话, chat_turns holds chat), never the other way round. English stems
 * cover singular names (chat_turn.csv).
 */
const NEWER_KINDS: readonly [ImportKind, string][] = [
  ["chat_turns", "chatturn"],
  ["waybills", "waybill"],
  ["help_requests", "helprequest"],
  ["penalties", "penalt"],
  ["shop_services", "shopservice"],
];

/** Guesses the kind from a file name such as `orders.csv`, `1791430000_售后.xlsx` or `飞鸽会话明细.csv`. */
export function kindFromFileName(fileName: string): ImportKind | null {
  const base = (fileName.split(/[\\/]/).pop() ?? "").toLowerCase().replace(/\.[a-z]+$/, "");
  const compact = base.replace(/[\s_-]+/g, "");
  for (const [kind, stem] of NEWER_KINDS) {
    if (compact.includes(stem) || KIND_NAMES_ZH[kind].some((name) => base.includes(name))) return kind;
  }
  // Before orders: "creator_orders.csv" and "达人订单.csv" name orders too.
  if (compact.includes("creatororder") || KIND_NAMES_ZH.creator_orders.some((name) => base.includes(name))) return "creator_orders";
  for (const kind of IMPORT_KINDS) if (compact.includes(kind.replace(/_/g, ""))) return kind;
  if (compact.includes("aftersale")) return "after_sales";
  if (compact.includes("review")) return "reviews";
  if (compact.includes("complaint") || compact.includes("dispute")) return "complaints";
  if (compact.includes("chat")) return "chats";
  if (compact.includes("order")) return "orders";
  for (const kind of ["after_sales", "complaints", "chats", "reviews", "orders"] as const) {
    if (KIND_NAMES_ZH[kind].some((name) => base.includes(name))) return kind;
  }
  return null;
}
