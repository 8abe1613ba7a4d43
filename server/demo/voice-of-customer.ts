import type { Random } from "./random";

/**
 * What demo buyers write and where their parcels go: review texts that the default keyword
 * dictionary tags into a believable problem mix, products, provinces and carriers. Texts and
 * destinations come from their own random stream (generate-facts.ts), so adding them left every
 * other demo number as it was.
 */
export const DEMO_PRODUCTS = [
  { productId: "demo-p-dress", productName: "连衣裙", kind: "apparel" },
  { productId: "demo-p-hoodie", productName: "卫衣", kind: "apparel" },
  { productId: "demo-p-cream", productName: "面霜", kind: "beauty" },
  { productId: "demo-p-shampoo", productName: "洗发水", kind: "beauty" },
  { productId: "demo-p-snacks", productName: "零食礼盒", kind: "food" },
  { productId: "demo-p-earbuds", productName: "蓝牙耳机", kind: "gadget" },
  { productId: "demo-p-flask", productName: "保温杯", kind: "gadget" },
  { productId: "demo-p-box", productName: "收纳箱", kind: "home" },
] as const;
export type DemoProduct = (typeof DEMO_PRODUCTS)[number];

const PRODUCT_COMPLAINTS: Record<DemoProduct["kind"], readonly string[]> = {
  apparel: ["尺码偏小，平时穿M这次L都紧", "码数偏大，退换太麻烦", "做工粗糙，线头很多", "洗了一次就起球了", "颜色和图片不一样，色差很大", "面料很薄，不值这个价"],
  beauty: ["用了过敏，脸上起痘", "味道很刺鼻，有异味", "和描述不符，根本不保湿", "怀疑不是正品", "刚买完就降价，太贵了"],
  food: ["快过期了才发过来", "包装破了，饼干都碎了", "味道一般，性价比低", "和宣传的不一样，分量很少"],
  gadget: ["用了三天就坏了", "充不进电，不能用", "做工很差，有瑕疵", "实物和图片差距太大", "价格比别家贵不少"],
  home: ["收到有破损，边角裂了", "尺寸比描述的小", "质量一般，有点异味", "太贵了，不值"],
};
const LOGISTICS_COMPLAINTS = ["发货太慢了，等了一个星期", "物流太慢，中途好几天不动", "快递员态度差，直接放驿站", "包装简陋，运输途中压坏了"];
const SERVICE_COMPLAINTS = ["客服爱答不理，问了半天不回复", "售后一直推脱，不给处理", "客服态度很差", "申请退货客服敷衍"];
const NEUTRAL = ["一般吧", "还行", "凑合用", "没有想象中好"];
const PRAISE = ["很好，下次还来", "质量不错，推荐", "物流很快，包装完好", "客服很耐心"];

/** Provinces nearest the warehouses first: a slow parcel is more likely to have gone far. */
const NEAR_PROVINCES = ["浙江", "江苏", "上海", "广东", "福建"];
const FAR_PROVINCES = ["新疆", "西藏", "甘肃", "青海", "黑龙江", "云南"];
const MIDDLE_PROVINCES = ["北京", "山东", "河南", "湖北", "四川", "陕西"];
const CARRIERS = ["顺丰", "中通", "圆通", "韵达", "极兔", "邮政"];

/** Province and carrier of a shipped order; a long transit leans towards far provinces and slower carriers. */
export function demoDestination(rng: Random, transitHours: number | null): { province: string; carrier: string } {
  const slow = transitHours !== null && transitHours > 70;
  const band = slow ? (rng.chance(0.6) ? FAR_PROVINCES : MIDDLE_PROVINCES) : rng.chance(0.6) ? NEAR_PROVINCES : MIDDLE_PROVINCES;
  const carrier = slow && rng.chance(0.5) ? rng.pick(["邮政", "极兔", "韵达"]) : rng.pick(CARRIERS);
  return { province: rng.pick(band), carrier };
}

/** What a buyer writes with these stars: the worst-rated side gets the complaint; some write nothing. */
export function demoReviewText(rng: Random, product: DemoProduct, stars: { product: number; logistics: number | null; service: number | null }): string | null {
  if (rng.chance(0.2)) return null;
  const low = (value: number | null) => value !== null && value < 4;
  if (!low(stars.product) && !low(stars.logistics) && !low(stars.service)) return rng.chance(0.5) ? rng.pick(PRAISE) : null;
  // Happy with the goods, buyers often leave the low logistics or service stars without a word.
  if (!low(stars.product) && rng.chance(0.5)) return null;
  if (rng.chance(0.12)) return rng.pick(NEUTRAL);
  // Buyers mostly write about the goods, even when the parcel or the service also let them down.
  if (low(stars.product) && (rng.chance(0.65) || (!low(stars.logistics) && !low(stars.service)))) return rng.pick(PRODUCT_COMPLAINTS[product.kind]);
  const sides = [low(stars.logistics) ? LOGISTICS_COMPLAINTS : null, low(stars.service) ? SERVICE_COMPLAINTS : null].filter((side) => side !== null);
  return rng.pick(rng.pick(sides.length > 0 ? sides : [PRODUCT_COMPLAINTS[product.kind]]));
}
