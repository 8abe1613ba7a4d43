import type { Role } from "@/lib/contracts/members";
import type { Permission } from "@/lib/contracts/permissions";
import type { ApiKeyScope } from "@/lib/contracts/api-keys";

const READ: Permission[] = ["org.read", "members.read", "shops.read", "creators.read", "imports.read", "scores.read", "directory.read", "alerts.read", "checklists.read", "playbooks.read"];
const ANALYST: Permission[] = [...READ, "shops.write", "creators.write", "imports.write", "scores.recompute", "voc.write", "directory.write", "alerts.manage", "checklists.write", "playbooks.write", "playbooks.apply", "queues.write"];
// Connecting a shop stores the organisation's app secret: an administrator's decision.
const ADMIN: Permission[] = [...ANALYST, "org.update", "members.manage", "sync.manage", "alerts.log", "apiKeys.manage", "audit.read"];

/** Handlers ask for a permission, never a role. */
const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set([...ADMIN, "org.delete"]),
  admin: new Set(ADMIN),
  analyst: new Set(ANALYST),
  viewer: new Set(READ),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

/** An API key acts with a role's permissions: read keys a viewer's, write keys an analyst's (never an administrator's). */
export const apiKeyRole = (scope: ApiKeyScope): Role => (scope === "write" ? "analyst" : "viewer");
