import { PlatformError } from "../errors";

export type Page<T> = { items: T[]; total: number; hasMore: boolean };

/** Re-asks for a page that repeats the one before (the platform does this now and then) this many times. */
const REPEAT_RETRIES = 2;
/** Passes over a window whose total moved while it was paged, before the run gives up for now. */
const MAX_PASSES = 3;

/**
 * Every item of one window, page by page from 0, each item once. Offset paging is only consistent
 * if nothing moves while it runs: windows end in the past, so the only movement is an item
 * updated again, leaving the window and shifting the items after it one place forward (one
 * would be skipped). The total cannot grow, so the same total before and after a pass proves the
 * pass saw everything; otherwise the window is paged again (items already yielded are skipped).
 * A page that only repeats items already seen is asked for again, then fails the run.
 */
export async function* pageWindow<T>(fetchPage: (page: number) => Promise<Page<T>>, keyOf: (item: T) => string, size: number): AsyncGenerator<T[]> {
  const yielded = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const seen = new Set<string>();
    let first: number | null = null;
    let pages = 0;
    for (let page = 0; ; page++) {
      let result = await fetchPage(page);
      for (let again = 0; page > 0 && repeatsSeen(result.items, seen, keyOf) && again < REPEAT_RETRIES; again++) result = await fetchPage(page);
      if (page > 0 && repeatsSeen(result.items, seen, keyOf)) throw new PlatformError("retry", "repeatedPage");
      first ??= result.total;
      pages += 1;
      for (const item of result.items) seen.add(keyOf(item));
      const fresh = result.items.filter((item) => !yielded.has(keyOf(item)));
      for (const item of fresh) yielded.add(keyOf(item));
      if (fresh.length > 0) yield fresh;
      if (!result.hasMore || result.items.length < size) break;
    }
    if (pages === 1) return;
    const after = (await fetchPage(0)).total;
    if (after === first) return;
  }
  throw new PlatformError("retry", "windowUnstable");
}

/** A non-empty page every item of which was already seen in this window. */
function repeatsSeen<T>(items: T[], seen: Set<string>, keyOf: (item: T) => string): boolean {
  return items.length > 0 && items.every((item) => seen.has(keyOf(item)));
}
