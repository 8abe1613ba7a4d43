import Link from "next/link";
import type { ReactNode } from "react";

/** The card of the pages around signing in (forgot, reset, account): title, lead, body, a way back. */
export function AuthCard({
  title,
  lead,
  back,
  children,
}: {
  title: ReactNode;
  lead?: ReactNode;
  back?: { href: string; label: ReactNode };
  children: ReactNode;
}) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
      <h1 className="text-xl font-semibold">{title}</h1>
      {lead ? <p className="mt-1 text-sm text-zinc-600">{lead}</p> : null}
      {children}
      {back ? (
        <p className="mt-6 text-center text-sm">
          <Link href={back.href} className="font-medium text-rose-700 hover:underline">
            {back.label}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** A success line in place of a form that is done. */
export function DoneNote({ children }: { children: ReactNode }) {
  return (
    <p className="mt-6 text-sm text-emerald-700" role="status">
      {children}
    </p>
  );
}
