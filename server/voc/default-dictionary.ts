import type { TaggedProblemType } from "@/lib/contracts/voc";

/**
 * The keyword dictionary an organisation starts from, as versioned data: change the terms and
 * bump the version together, so a saved organisation dictionary can say which defaults it began
 * as. Terms are matched on word boundaries of the segmented text (see tagger.ts), so a term may be
 * a single word (质量) or a run of words (描述不符 = 描述/不符); a term that the segmenter never
 * cuts out on its own (差 inside 差距) does not match there, which is the point.
 */
export const DEFAULT_DICTIONARY_VERSION = "2026.11-1";

export const DEFAULT_DICTIONARY: Readonly<Record<TaggedProblemType, readonly string[]>> = Object.freeze({
  quality: [
    "质量", "做工", "粗糙", "线头", "开线", "脱线", "破损", "瑕疵", "起球", "掉色", "褪色", "异味", "味道",
    "劣质", "假货", "假冒", "正品", "漏液", "坏", "坏了", "不能用", "用不了", "过敏", "面料", "材质", "少件",
    "漏发", "残次", "发霉", "变质", "过期", "掉漆",
  ],
  size: ["尺码", "尺寸", "码数", "码", "偏大", "偏小", "大一码", "小一码", "不合身", "太紧", "太松"],
  description_mismatch: [
    "描述不符", "不符", "与描述", "不一样", "色差", "实物", "图片", "货不对板", "不对板", "宣传", "虚假", "夸大", "发错",
  ],
  logistics: ["物流", "快递", "发货", "配送", "送货", "太慢", "未收到", "没收到", "运输", "延迟", "丢件", "包装"],
  service_attitude: ["客服", "态度", "态度恶劣", "不理", "爱答不理", "不回复", "不回", "售后", "推脱", "敷衍", "服务", "恶劣", "不处理"],
  price: ["价格", "价钱", "贵", "太贵", "降价", "不值", "性价比", "差价", "保价", "涨价"],
});
