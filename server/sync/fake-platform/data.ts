import { seededRandom, type Random } from "@/server/demo/random";
import type { AfterSaleItem, ExperienceScoreData, ShopOrder } from "../douyin/types";

/** One shop of the fake platform: its orders, after-sales and experience score, all from the seed. */
export type FakeShop = {
  shopId: string;
  name: string;
  orders: ShopOrder[];
  afterSales: AfterSaleItem[];
  score: ExperienceScoreData;
};

const SHOP_NAMES = ["云端好物旗舰店", "山野鲜果铺", "织梦家纺", "小鹿童装", "青禾茶舍", "海岸户外"];
const PRODUCTS = ["纯棉T恤", "真丝围巾", "羽绒马甲", "牛仔短裤", "针织开衫", "亚麻衬衫"];
const CARRIERS = ["中通快递", "圆通速递", "顺丰速运", "韵达快递"];
const PROVINCES = ["浙江省", "广东省", "江苏省", "四川省", "山东省"];
const REASONS = ["质量问题", "尺码不合适", "不想要了", "发错货", "少件/漏发"];

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Deterministic shops for a seed, with every time relative to `nowSeconds`: the same seed on the
 * same day gives the same data. Orders are spread over the last 30 days; their status is what
 * has happened by now, and update_time is their latest event.
 */
export function generateShops(seed: number, shopCount: number, nowSeconds: number): FakeShop[] {
  return Array.from({ length: shopCount }, (_, index) => generateShop(seededRandom(seed * 1000 + index + 1), seed, index, nowSeconds));
}

function generateShop(random: Random, seed: number, index: number, now: number): FakeShop {
  const shopId = String(70_000_000 + (seed % 10_000) * 100 + index + 1);
  const orders: ShopOrder[] = [];
  const afterSales: AfterSaleItem[] = [];
  const count = random.int(180, 260);
  for (let i = 0; i < count; i++) {
    const order = generateOrder(random, `${shopId}${String(i + 1).padStart(6, "0")}`, now);
    orders.push(order);
    const sale = random.chance(0.09) ? generateAfterSale(random, order, `${shopId}9${String(i + 1).padStart(6, "0")}`, now) : null;
    if (sale) afterSales.push(sale);
  }
  return { shopId, name: SHOP_NAMES[index % SHOP_NAMES.length] ?? `店铺${index + 1}`, orders, afterSales, score: generateScore(random) };
}

function generateOrder(random: Random, orderId: string, now: number): ShopOrder {
  const created = now - random.int(2 * HOUR, 30 * DAY);
  const paid = created + random.int(30, 900);
  const cancelled = random.chance(0.06);
  const shipped = paid + random.int(4 * HOUR, 60 * HOUR);
  const received = shipped + random.int(30 * HOUR, 96 * HOUR);
  const finished = received + random.int(2 * DAY, 7 * DAY);
  const events: [number, number][] = cancelled
    ? [[paid + random.int(600, 20 * HOUR), 4]]
    : [
        [shipped, 3],
        [finished, 5],
      ];
  let status = 2;
  let updated = paid;
  for (const [at, next] of events) {
    if (at > now) break;
    status = next;
    updated = at;
  }
  const amount = random.int(29, 499) * 100;
  const sku = {
    order_id: orderId,
    parent_order_id: orderId,
    author_id: random.chance(0.3) ? 6_000_000 + random.int(1, 5) : 0,
    product_id: 3_600_000 + random.int(1, 40),
    product_name: random.pick(PRODUCTS),
    c_biz: random.chance(0.3) ? 2 : 8,
    pay_amount: amount,
    item_num: random.int(1, 3),
    order_status: status,
    logistics_receipt_time: status >= 3 && status !== 4 && received <= now ? received : 0,
  };
  return {
    order_id: orderId,
    order_status: status,
    create_time: created,
    update_time: updated,
    pay_time: paid,
    ship_time: status === 3 || status === 5 ? shipped : 0,
    exp_ship_time: paid + 48 * HOUR,
    finish_time: status === 5 ? finished : 0,
    pay_amount: amount,
    cancel_reason: status === 4 ? "买家不想要了" : "",
    logistics_info: status === 3 || status === 5 ? [{ company_name: random.pick(CARRIERS), ship_time: shipped }] : [],
    post_addr: { province: { name: random.pick(PROVINCES) } },
    sku_order_list: [sku],
  };
}

function generateAfterSale(random: Random, order: ShopOrder, aftersaleId: string, now: number): AfterSaleItem | null {
  const from = order.ship_time || order.pay_time || order.create_time;
  const applied = from + random.int(HOUR, 3 * DAY);
  if (applied > now) return null;
  const finishedAt = applied + random.int(2 * HOUR, 3 * DAY);
  const done = finishedAt <= now;
  return {
    aftersale_info: {
      aftersale_id: aftersaleId,
      aftersale_type: order.ship_time ? random.pick([0, 1]) : 2,
      aftersale_status: done ? 12 : 6,
      apply_time: applied,
      update_time: done ? finishedAt : applied,
      refund_amount: order.pay_amount ?? 0,
      refund_status: done ? 3 : 1,
      reason: random.pick(REASONS),
      finish_time: done ? finishedAt : 0,
    },
    order_info: { shop_order_id: order.order_id, related_order_info: [{ sku_order_id: order.sku_order_list[0]?.order_id ?? order.order_id }] },
  };
}

function generateScore(random: Random): ExperienceScoreData {
  const node = () => Math.round((4.2 + random.next() * 0.75) * 100) / 100;
  const indicator = (weight: number) => ({ score: Math.round(random.next() * 1000) / 1000, node_score: node(), node_score_weight: weight });
  return {
    seller_rating_info: { score: node(), score_weight: 1 },
    quality_return_rate: indicator(0.25),
    collect_ontime_rate: indicator(0.1),
    delivery_accomplish_rate: indicator(0.1),
    lgt_qreturn_rate: indicator(0.1),
    average_feedback_time: indicator(0.15),
    aftersale_deal_reach_rate: indicator(0.15),
    prod_dsr: indicator(0.15),
  };
}
