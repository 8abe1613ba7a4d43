/**
 * 一级类目 reference rows, seeded on every start (seed-reference.ts): code, Chinese name, English
 * name. Shops name a category by any of the three (server/catalog resolves them).
 */
export const CATEGORY_SEED = [
  { code: "apparel", nameZh: "服饰内衣", nameEn: "Apparel & Underwear" },
  { code: "shoes_bags", nameZh: "鞋靴箱包", nameEn: "Shoes & Bags" },
  { code: "beauty", nameZh: "美妆", nameEn: "Beauty" },
  { code: "personal_care", nameZh: "个护家清", nameEn: "Personal & Home Care" },
  { code: "food_drink", nameZh: "食品饮料", nameEn: "Food & Beverages" },
  { code: "fresh", nameZh: "生鲜", nameEn: "Fresh Produce" },
  { code: "mother_baby_pet", nameZh: "母婴宠物", nameEn: "Mother, Baby & Pets" },
  { code: "digital", nameZh: "3C数码", nameEn: "3C Digital" },
  { code: "appliances", nameZh: "家用电器", nameEn: "Home Appliances" },
  { code: "home_textiles", nameZh: "家居家纺", nameEn: "Home & Textiles" },
  { code: "daily_goods", nameZh: "日用百货", nameEn: "Daily Goods" },
  { code: "sports_outdoor", nameZh: "运动户外", nameEn: "Sports & Outdoor" },
  { code: "jewelry_collectibles", nameZh: "珠宝文玩", nameEn: "Jewelry & Collectibles" },
  { code: "books_education", nameZh: "图书教育", nameEn: "Books & Education" },
  { code: "auto", nameZh: "汽车用品", nameEn: "Auto Supplies" },
  { code: "toys_instruments", nameZh: "玩具乐器", nameEn: "Toys & Instruments" },
  { code: "health", nameZh: "医药保健", nameEn: "Health & Medicine" },
] as const;
