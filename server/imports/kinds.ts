import { IMPORT_KINDS, type ImportKind } from "@/lib/contracts/imports";

/** Chinese names of the kinds (file names, messages). */
export const KIND_NAMES_ZH: Record<ImportKind, string[]> = {
  orders: ["订单"],
  reviews: ["评价"],
  after_sales: ["售后"],
  complaints: ["投诉", "纠纷", "投诉与纠纷"],
  chats: ["客服会话", "会话", "客服"],
  creator_orders: ["达人订单", "带货订单"],
};

/** Guesses the kind from a file name such as `orders.csv` or `1791430000_售后.xlsx`. */
export function kindFromFileName(fileName: string): ImportKind | null {
  const base = (fileName.split(/[\\/]/).pop() ?? "").toLowerCase().replace(/\.[a-z]+$/, "");
  const compact = base.replace(/[\s_-]+/g, "");
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
