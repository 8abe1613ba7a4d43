import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { RULE_SET_LABELS, RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";
import type { SelectOption } from "@/components/ui/select";

/** The rule sets of a kind as a select's options, labelled in the reader's language. */
export function ruleSetOptions(kind: EntityKind, locale: string): SelectOption[] {
  return RULE_SET_NAMES_BY_KIND[kind].map((name) => ({ value: name, label: locale === "en" ? RULE_SET_LABELS[name].en : RULE_SET_LABELS[name].zh }));
}
