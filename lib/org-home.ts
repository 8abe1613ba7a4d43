import type { OrgKind } from "@/lib/contracts/orgs";

/**
 * Where an organisation's home (/o/[orgId]) leads: a creator team or MCN (达人团队) chooses
 * merchants to sell for, so its home is the directory; other kinds stay on the page itself, the
 * portfolio (null). The one place that decides an organisation's home by its kind.
 */
export function homePathFor(org: { orgId: string; kind: OrgKind }): string | null {
  return org.kind === "creator_team" ? `/o/${org.orgId}/directory` : null;
}
