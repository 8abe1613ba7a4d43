import { z } from "zod";
import { uuidSchema } from "./common";
import { SCORED_ENTITY_KINDS } from "./entities";

/** One entity's report: the printable page as PDF, or its score history as a spreadsheet. */
export const ENTITY_REPORT_FORMATS = ["pdf", "xlsx", "csv"] as const;
export type EntityReportFormat = (typeof ENTITY_REPORT_FORMATS)[number];

/** The organisation's latest scores and indicators: spreadsheets only. */
export const ORG_REPORT_FORMATS = ["xlsx", "csv"] as const;
export type OrgReportFormat = (typeof ORG_REPORT_FORMATS)[number];

/** `GET /api/reports/entity?kind=&id=&format=` (the organisation from ?org= or x-koubei-org). */
export const entityReportQuery = z.object({
  kind: z.enum(SCORED_ENTITY_KINDS),
  id: uuidSchema,
  format: z.enum(ENTITY_REPORT_FORMATS).default("pdf"),
});
export type EntityReportQuery = z.infer<typeof entityReportQuery>;

/** `GET /api/reports/organisation?format=`. */
export const orgReportQuery = z.object({
  format: z.enum(ORG_REPORT_FORMATS).default("xlsx"),
});

/** Where the browser asks for a report file (the same URL the export menus use). */
export function entityReportHref(orgId: string, kind: (typeof SCORED_ENTITY_KINDS)[number], id: string, format: EntityReportFormat): string {
  return `/api/reports/entity?${new URLSearchParams({ org: orgId, kind, id, format }).toString()}`;
}

export function orgReportHref(orgId: string, format: OrgReportFormat): string {
  return `/api/reports/organisation?${new URLSearchParams({ org: orgId, format }).toString()}`;
}
