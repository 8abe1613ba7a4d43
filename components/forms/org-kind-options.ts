import { ORG_KINDS } from "@/lib/contracts/orgs";
import type { SelectOption } from "@/components/ui/select";
import type { Translator } from "./validation";

export function orgKindOptions(t: Translator): SelectOption[] {
  return ORG_KINDS.map((kind) => ({ value: kind, label: t(`orgKinds.${kind}`) }));
}
