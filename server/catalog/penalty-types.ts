import { PENALTY_TYPES, type PenaltyType } from "@/lib/contracts/facts";

/**
 * Default penalty label → type table (data-formats-current.md, penalties), the counterpart of
 * the after-sale reason table (aftersale-reasons.ts): an organisation may override it
 * (penalty_type_overrides). A label neither knows is `other`, a penalty event with no deduction.
 */
export const PENALTY_TYPE_LABELS: Readonly<Record<string, PenaltyType>> = Object.freeze({
  售后地址异常: "abnormal_aftersale_address",
  拒绝开票: "invoice_refusal",
  拒绝提供发票: "invoice_refusal",
  虚假交易: "fake_orders",
  刷单: "fake_orders",
  虚假评价: "fake_reviews",
  虚假宣传: "false_advertising",
  虚假发货: "fraudulent_shipping",
  品牌资质缺失: "missing_brand_qualification",
});

export type PenaltyTypeOverrides =
  | Readonly<Record<string, PenaltyType>>
  | ReadonlyMap<string, PenaltyType>
  | readonly { label: string; type: PenaltyType }[];

/** Exports differ in stray spaces and full-width characters; neither changes meaning, so labels match on this form. */
export const normalisePenaltyLabel = (text: string) => text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

const DEFAULT_BY_NORMALISED = new Map<string, PenaltyType>([
  ...Object.entries(PENALTY_TYPE_LABELS).map(([label, type]): [string, PenaltyType] => [normalisePenaltyLabel(label), type]),
  // The canonical files carry the codes themselves.
  ...PENALTY_TYPES.map((type): [string, PenaltyType] => [type, type]),
]);

function overrideEntries(overrides: PenaltyTypeOverrides): [string, PenaltyType][] {
  if (overrides instanceof Map) return [...overrides.entries()];
  if (Array.isArray(overrides)) return overrides.map((o: { label: string; type: PenaltyType }) => [o.label, o.type]);
  return Object.entries(overrides as Readonly<Record<string, PenaltyType>>);
}

/** The type of a penalty label: the organisation's overrides win over the default table; an empty or unknown label is `other`. */
export function penaltyTypeOf(label: string | null | undefined, overrides?: PenaltyTypeOverrides): PenaltyType {
  if (!label) return "other";
  const key = normalisePenaltyLabel(label);
  if (key === "") return "other";
  if (overrides) {
    for (const [text, type] of overrideEntries(overrides)) if (normalisePenaltyLabel(text) === key) return type;
  }
  return DEFAULT_BY_NORMALISED.get(key) ?? "other";
}
