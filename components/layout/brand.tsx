import Link from "next/link";

export function Brand({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 font-semibold text-zinc-900">
      <span
        aria-hidden="true"
        className="grid size-7 place-items-center rounded-md bg-rose-600 text-sm text-white"
      >
        口
      </span>
      <span>
        口碑 <span className="font-normal text-zinc-500">Koubei</span>
      </span>
    </Link>
  );
}
