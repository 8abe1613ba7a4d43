/**
 * Live progress of running imports, in this process. The import's own transaction cannot show
 * progress to other connections (and PGlite has only one), so readers ask here first; on
 * PostgreSQL the imports row is also updated as batches commit to the log.
 */
export type ImportProgress = { importId: string; orgId: string; rowsProcessed: number; rowsTotal: number | null; updatedAt: number };

const live = new Map<string, ImportProgress>();

export function reportProgress(progress: Omit<ImportProgress, "updatedAt">): void {
  live.set(progress.importId, { ...progress, updatedAt: Date.now() });
}

export function clearProgress(importId: string): void {
  live.delete(importId);
}

/** Only the owning organisation may read an import's progress. */
export function liveProgress(orgId: string, importId: string): ImportProgress | null {
  const p = live.get(importId);
  return p && p.orgId === orgId ? p : null;
}
