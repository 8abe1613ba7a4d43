import { orgKinds } from "@/db/schema/orgs";
import type { SelectOption } from "@/components/ui/select";
import type { Translator } from "./validation";

export function orgKindOptions(t: Translator): SelectOption[] {
  return orgKinds.map((kind) => ({ value: kind, label: t(`orgKinds.${kind}`) }));
}
