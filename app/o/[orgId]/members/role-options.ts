import { roles } from "@/db/schema/orgs";
import type { SelectOption } from "@/components/ui/select";
import type { Translator } from "@/components/forms/validation";
import type { Role } from "@/server/authz/permissions";

/** Only an owner may hand out ownership. */
export function roleOptions(t: Translator, myRole: Role): SelectOption[] {
  return roles
    .filter((role) => role !== "owner" || myRole === "owner")
    .map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export const isRole = (value: string): value is Role =>
  (roles as readonly string[]).includes(value);
