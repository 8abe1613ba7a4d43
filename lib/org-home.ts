import type { OrgKind } from "@/lib/contracts/orgs";

/**
 * Where an organisation's home (/o/[orgId]) leads: a creator team or MCN (达人团队) chooses
 * merchants to sell for, so its home is the directory; other kinds stay on the page itself (null).
 */
export function homePathFor(org: { orgId: string; kind: OrgKind }): string | null {
  return org.kind === "creator_team" ? `/o/${org.orgId}/directory` : null;
}
