import type { DbHandle } from "@/db/client";
import { scoredEntityKinds, type ScoredEntityKind } from "@/lib/contracts/entities";
import type { Locale } from "@/lib/contracts/locales";
import { withTenant } from "@/server/db/tenant";
import { getEntity } from "@/server/entities/queries";
import { translate } from "@/server/lib/i18n";
import type { OrgScope } from "@/server/lib/scope";
import { todayInShanghai } from "@/server/lib/time";
import { renderPdf } from "./pdf-browser";

/**
 * Where the server reaches its own pages: KOUBEI_INTERNAL_URL, else this machine on the port Next
 * serves. Never the request's Host header: a forged Host would send the requester's cookie, and
 * Chromium, to any address.
 */
export function internalOrigin(env: Record<string, string | undefined> = process.env): string {
  return (env.KOUBEI_INTERNAL_URL?.trim() || `http://127.0.0.1:${env.PORT ?? "3000"}`).replace(/\/+$/, "");
}

/** The element of the report page that says, in data-report-ready, when everything on it has loaded. */
export const REPORT_READY_SELECTOR = '[data-testid="entity-report"]';

/**
 * One shop's or creator account's report page, printed to PDF by headless Chromium as the
 * requesting member sees it: `forward` carries their cookie (and language), so the page's own
 * reads run through the same tenancy guard. Visibility is checked here first, so nothing is
 * rendered for an entity the member may not see.
 */
export async function entityReportPdf(handle: DbHandle, scope: OrgScope, target: { kind: ScoredEntityKind; id: string }, forward: Record<string, string>, locale: Locale) {
  const entity = await withTenant(handle, { orgId: scope.orgId, userId: scope.userId }, (tx) => getEntity(tx, scope, target.kind, target.id));
  const path = `/o/${scope.orgId}/${scoredEntityKinds[target.kind].plural}/${entity.id}/report`;
  const body = await renderPdf({ url: `${internalOrigin()}${path}`, headers: forward, readySelector: REPORT_READY_SELECTOR });
  const day = todayInShanghai();
  const title = translate(locale, { key: "reports.files.report" });
  return { body, contentType: "application/pdf", fileName: `${entity.name}-${title}-${day}.pdf`, asciiName: `report-${day}.pdf` };
}
