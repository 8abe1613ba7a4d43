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
  // Industries the 100-point rules name (scoring-current-rules.md): published weights, big-ticket
  // protection and installation, 精选联盟 gates and restricted-category exits.
  { code: "major_appliances", nameZh: "大家电", nameEn: "Major Appliances" },
  { code: "furniture", nameZh: "家具", nameEn: "Furniture" },
  { code: "home_improvement", nameZh: "家装建材", nameEn: "Home Improvement" },
  { code: "skincare", nameZh: "护肤", nameEn: "Skincare" },
  { code: "womenswear", nameZh: "女装", nameEn: "Womenswear" },
  { code: "pet_food", nameZh: "宠物食品", nameEn: "Pet Food" },
  { code: "seafood", nameZh: "海鲜水产", nameEn: "Seafood" },
  { code: "medical_devices", nameZh: "医疗器械", nameEn: "Medical Devices" },
  { code: "infant_formula", nameZh: "婴幼儿奶粉", nameEn: "Infant Formula" },
  { code: "aged_liquor", nameZh: "年份酒", nameEn: "Aged Liquor" },
] as const;
