import { describe, expect, it } from "vitest";
import { DEFAULT_DICTIONARY } from "@/server/voc/default-dictionary";
import { loadSegmenter } from "@/server/voc/segmenter";
import { compileTagger, dictionaryFingerprint, taggerFor, type DictionaryEntries } from "@/server/voc/tagger";
import { TAGGED_PROBLEM_TYPES } from "@/lib/contracts/voc";

const defaults: DictionaryEntries = TAGGED_PROBLEM_TYPES.map((problemType) => ({ problemType, terms: DEFAULT_DICTIONARY[problemType] }));

describe("segmentation", () => {
  it("cuts Chinese review text into words that join back into the text", async () => {
    const segment = await loadSegmenter();
    const text = "衣服质量太差了，线头很多，洗一次就起球";
    const words = segment(text);
    expect(words.join("")).toBe(text);
    expect(words).toEqual(expect.arrayContaining(["质量", "线头", "起球"]));
  });
});

describe("tagging with the default dictionary", () => {
  const cases: [string, string[]][] = [
    ["衣服质量太差了，线头很多，洗一次就起球", ["quality"]],
    ["码数偏小，平时穿M这次要L", ["size"]],
    ["颜色和图片不一样，有色差", ["description_mismatch"]],
    ["商品与描述不符", ["description_mismatch"]],
    ["发货太慢了，快递一个星期才到", ["logistics"]],
    ["客服爱答不理，态度恶劣", ["service_attitude"]],
    ["太贵了，刚买完就降价", ["price"]],
    ["尺码偏大，而且客服不回复", ["size", "service_attitude"]],
    ["一般般吧", ["other"]],
    // 质量问题 is an after-sale reason, tagged by the same dictionary as review text.
    ["质量问题", ["quality"]],
    ["物流慢", ["logistics"]],
  ];
  it.each(cases)("%s → %j", async (text, expected) => {
    const tagger = await taggerFor(defaults);
    expect(tagger.tag(text)).toEqual(expected);
  });

  it("matches whole words only: a term inside a longer word does not count", async () => {
    const segment = await loadSegmenter();
    // 差距 is one word: the size term 码 does not appear, and 差 (were it a term) would not match inside it.
    const tagger = compileTagger([{ problemType: "quality", terms: ["差"] }], segment);
    expect(segment("实物和图片差距太大")).toContain("差距");
    expect(tagger.tag("实物和图片差距太大")).toEqual(["other"]);
    expect(tagger.tag("质量很差")).toEqual(["quality"]);
  });

  it("normalises width and case of both text and terms", async () => {
    const tagger = compileTagger([{ problemType: "size", terms: ["ＸＬ"] }], await loadSegmenter());
    expect(tagger.tag("买的xl太小")).toEqual(["size"]);
  });
});

describe("a custom dictionary", () => {
  it("replaces the defaults: its own terms tag, default terms no longer do", async () => {
    const custom: DictionaryEntries = [
      { problemType: "quality", terms: ["漏电"] },
      { problemType: "price", terms: ["乱收费"] },
    ];
    const tagger = await taggerFor(custom);
    expect(tagger.tag("充电器漏电，太危险")).toEqual(["quality"]);
    expect(tagger.tag("运费乱收费")).toEqual(["price"]);
    expect(tagger.tag("衣服质量太差了")).toEqual(["other"]);
  });

  it("fingerprints a dictionary by its content, not the order of its terms", () => {
    const a = dictionaryFingerprint([{ problemType: "quality", terms: ["甲", "乙"] }, { problemType: "price", terms: ["贵"] }]);
    const b = dictionaryFingerprint([{ problemType: "price", terms: ["贵"] }, { problemType: "quality", terms: ["乙", "甲", "甲"] }]);
    const c = dictionaryFingerprint([{ problemType: "quality", terms: ["甲"] }, { problemType: "price", terms: ["贵"] }]);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
