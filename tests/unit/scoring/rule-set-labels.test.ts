import { expect, it } from "vitest";
import { RULE_SET_LABELS, RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";
import { ALL_RULE_SET_NAMES, getRuleSetView } from "@/server/scoring/rule-sets";

it("the client's rule-set names and labels are the definitions' own", () => {
  expect([...RULE_SET_NAMES_BY_KIND.shop, ...RULE_SET_NAMES_BY_KIND.creator].sort()).toEqual([...ALL_RULE_SET_NAMES].sort());
  for (const name of ALL_RULE_SET_NAMES) {
    const view = getRuleSetView(name);
    expect(RULE_SET_LABELS[name as keyof typeof RULE_SET_LABELS], name).toEqual({ zh: view.labelZh, en: view.labelEn });
  }
});
