import clsx from "clsx";
import type { ReactNode } from "react";

export type KpiTone = "neutral" | "success" | "warning" | "danger";

const TONES: Record<KpiTone, string> = {
  neutral: "text-zinc-900",
  success: "text-emerald-700",
  warning: "text-amber-700",
  danger: "text-red-700",
};

export type KpiTileProps = {
  label: ReactNode;
  value: ReactNode;
  /** A line under the value: a change, a comparison, a unit. */
  hint?: ReactNode;
  tone?: KpiTone;
  testId?: string;
  /** Makes the whole tile a toggle (e.g. "filter the table to this band"). */
  onSelect?: () => void;
  selected?: boolean;
};

/** One headline number of a dashboard, in the tile grid operators know from their back-ends. */
export function KpiTile({ label, value, hint, tone = "neutral", testId, onSelect, selected }: KpiTileProps) {
  const body = (
    <>
      <span className="block text-xs font-medium text-zinc-500">{label}</span>
      <span className={clsx("mt-1 block text-2xl font-semibold tabular-nums", TONES[tone])}>{value}</span>
      {hint ? <span className="mt-0.5 block text-xs text-zinc-500">{hint}</span> : null}
    </>
  );
  const classes = clsx(
    "block w-full min-w-0 rounded-lg border bg-white px-4 py-3 text-left",
    selected ? "border-rose-400 ring-1 ring-rose-400" : "border-zinc-200",
  );
  if (!onSelect) {
    return (
      <div className={classes} data-testid={testId}>
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={clsx(classes, "hover:border-zinc-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-600")}
      aria-pressed={selected ?? false}
      data-testid={testId}
      onClick={onSelect}
    >
      {body}
    </button>
  );
}

/** The responsive grid tiles sit in: two across on phones, up to six on wide screens. */
export function KpiGrid({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">{children}</div>;
}
