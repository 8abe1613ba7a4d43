import clsx from "clsx";

/** Decorative by default; pass a label to announce loading on its own. */
export function Spinner({ size = "md", label }: { size?: "sm" | "md"; label?: string }) {
  return (
    <span role={label ? "status" : undefined} className="inline-flex items-center gap-2">
      <span
        aria-hidden="true"
        className={clsx(
          "inline-block motion-safe:animate-spin rounded-full border-2 border-current border-r-transparent",
          size === "sm" ? "size-4" : "size-6",
        )}
      />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}

export function PageSpinner({ label }: { label: string }) {
  return (
    <div className="flex justify-center py-16 text-zinc-500">
      <Spinner label={label} />
    </div>
  );
}
