import type { SelectOption } from "@/components/ui/select";
import type { Translator } from "@/components/forms/validation";
import { ROLES, type Role } from "@/lib/contracts/members";

/** Only an owner may hand out ownership. */
export function roleOptions(t: Translator, myRole: Role): SelectOption[] {
  return ROLES
    .filter((role) => role !== "owner" || myRole === "owner")
    .map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
