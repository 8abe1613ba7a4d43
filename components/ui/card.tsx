import clsx from "clsx";
import type { ReactNode } from "react";

export type CardProps = {
  /** Heading of the card; rendered as an h3 and used to label the section. */
  title?: ReactNode;
  description?: ReactNode;
  /** Controls on the heading's right (export, menu, date picker). */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
  /** Without inner padding, for tables and charts that run to the edge. */
  flush?: boolean;
  id?: string;
};

/** The one surface for grouped content: a bordered white panel with an optional heading row. */
export function Card({ title, description, actions, children, className, testId, flush = false, id }: CardProps) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section
      id={id}
      aria-labelledby={title && headingId ? headingId : undefined}
      data-testid={testId}
      className={clsx("min-w-0 rounded-lg border border-zinc-200 bg-white", className)}
    >
      {title || actions ? (
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-100 px-4 py-3 sm:px-5">
          <div className="min-w-0">
            {title ? (
              <h3 id={headingId} className="text-base font-semibold text-zinc-900">
                {title}
              </h3>
            ) : null}
            {description ? <p className="mt-0.5 text-sm text-zinc-600">{description}</p> : null}
          </div>
          {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
        </div>
      ) : null}
      <div className={flush ? undefined : "p-4 sm:p-5"}>{children}</div>
    </section>
  );
}
