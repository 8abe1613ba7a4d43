import clsx from "clsx";
import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "brand" | "success" | "warning" | "danger";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  brand: "bg-rose-50 text-rose-700 ring-rose-200",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  danger: "bg-red-50 text-red-700 ring-red-200",
};

/** `wrap`: for a badge holding a list (it breaks over lines instead of running off a phone's screen). */
export function Badge({ tone = "neutral", wrap = false, children }: { tone?: BadgeTone; wrap?: boolean; children: ReactNode }) {
  return (
    <span
      className={clsx(
        "inline-flex items-center px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        wrap ? "max-w-full rounded-lg whitespace-normal" : "rounded-full whitespace-nowrap",
        TONES[tone],
      )}
    >
      {children}
    </span>
  );
}
