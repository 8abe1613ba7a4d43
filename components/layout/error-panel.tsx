import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** What a failed page shows: what happened, a retry, the way back, and the reference to quote. */
export function ErrorPanel(props: { title: string; body: string; retry: string; home: string; reference: string | null; onRetry: () => void }) {
  return (
    <EmptyState
      title={props.title}
      description={
        <>
          {props.body}
          {props.reference ? <span className="mt-2 block font-mono text-xs text-zinc-500">{props.reference}</span> : null}
        </>
      }
      action={
        <div className="flex flex-wrap justify-center gap-2">
          <Button onClick={props.onRetry}>{props.retry}</Button>
          <Link href="/" className={buttonClasses("secondary")}>
            {props.home}
          </Link>
        </div>
      }
    />
  );
}
