import clsx from "clsx";
import type { ReactNode } from "react";

export type Column<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned on wide screens (actions, numbers). */
  align?: "start" | "end";
  /** Shown as the card's title at phone width instead of a labelled line. */
  primary?: boolean;
  /** The header becomes a sort button; the caller sorts (on the server or with `sortRows`). */
  sortable?: boolean;
  /** What `sortRows` compares; null sorts last in both directions. */
  sortValue?: (row: Row) => number | string | null;
};

export type SortDirection = "asc" | "desc";
export type TableSort = { key: string; direction: SortDirection };

export type TableProps<Row> = {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  caption: string;
  testId?: string;
  sort?: TableSort | null;
  onSortChange?: (sort: TableSort) => void;
  /** Extra classes per row, e.g. to mark a row at risk. */
  rowClassName?: (row: Row) => string | undefined;
};

/** Sorts on the client by the column's `sortValue` (for tables whose rows are all loaded). */
export function sortRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], sort: TableSort | null | undefined, locale: string): Row[] {
  const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
  if (!sort || !column?.sortValue) return [...rows];
  const value = column.sortValue;
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    if (typeof va === "number" && typeof vb === "number") return sign * (va - vb);
    return sign * String(va).localeCompare(String(vb), locale);
  });
}

function nextSort(current: TableSort | null | undefined, key: string): TableSort {
  if (current?.key === key) return { key, direction: current.direction === "asc" ? "desc" : "asc" };
  return { key, direction: "asc" };
}

function ariaSort(sort: TableSort | null | undefined, key: string): "ascending" | "descending" | "none" {
  if (sort?.key !== key) return "none";
  return sort.direction === "asc" ? "ascending" : "descending";
}

/**
 * A real table from the md breakpoint up, a list of cards below it (390 px phones).
 * Only one of the two is displayed, so assistive technology sees one copy.
 */
export function Table<Row>({ rows, columns, rowKey, caption, testId, sort, onSortChange, rowClassName }: TableProps<Row>) {
  const primary = columns.find((c) => c.primary);
  const rest = columns.filter((c) => c !== primary);
  return (
    <div data-testid={testId}>
      <div className="hidden overflow-x-auto rounded-lg border border-zinc-200 bg-white md:block">
        <table className="min-w-full divide-y divide-zinc-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-zinc-50">
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={c.sortable && onSortChange ? ariaSort(sort, c.key) : undefined}
                  className={clsx(
                    "px-4 py-2.5 font-medium whitespace-nowrap text-zinc-600",
                    c.align === "end" ? "text-right" : "text-left",
                  )}
                >
                  {c.sortable && onSortChange ? (
                    <button
                      type="button"
                      data-testid={testId ? `${testId}-sort-${c.key}` : undefined}
                      onClick={() => onSortChange(nextSort(sort, c.key))}
                      className="inline-flex items-center gap-1 rounded hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-rose-600"
                    >
                      {c.header}
                      <span aria-hidden className="text-xs text-zinc-400">
                        {sort?.key === c.key ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {rows.map((row) => (
              <tr key={rowKey(row)} className={clsx("hover:bg-zinc-50", rowClassName?.(row))}>
                {columns.map((c) => (
                  <td
                    key={c.key}
                    className={clsx(
                      "px-4 py-3 align-middle text-zinc-800",
                      c.align === "end" ? "text-right" : "text-left",
                    )}
                  >
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul aria-label={caption} className="space-y-3 md:hidden">
        {rows.map((row) => (
          <li
            key={rowKey(row)}
            className={clsx("rounded-lg border border-zinc-200 bg-white p-4 shadow-xs", rowClassName?.(row))}
          >
            {primary ? (
              <div className="mb-2 text-base font-medium text-zinc-900">{primary.cell(row)}</div>
            ) : null}
            <dl className="space-y-1.5 text-sm">
              {rest.map((c) => (
                <div key={c.key} className="flex items-start justify-between gap-3">
                  <dt className="shrink-0 text-zinc-500">{c.header}</dt>
                  <dd className="min-w-0 text-right break-words text-zinc-800">{c.cell(row)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
