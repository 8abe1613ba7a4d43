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
};

export type TableProps<Row> = {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  caption: string;
  testId?: string;
};

/**
 * A real table from the md breakpoint up, a list of cards below it (390 px phones).
 * Only one of the two is displayed, so assistive technology sees one copy.
 */
export function Table<Row>({ rows, columns, rowKey, caption, testId }: TableProps<Row>) {
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
                  className={clsx(
                    "px-4 py-2.5 font-medium text-zinc-600",
                    c.align === "end" ? "text-right" : "text-left",
                  )}
                >
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {rows.map((row) => (
              <tr key={rowKey(row)} className="hover:bg-zinc-50">
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
            className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs"
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
