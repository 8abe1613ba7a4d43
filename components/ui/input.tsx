import clsx from "clsx";
import type { InputHTMLAttributes } from "react";

export const controlClasses =
  "block rounded-md border border-zinc-300 bg-white px-3 py-2 text-base text-zinc-900 shadow-xs placeholder:text-zinc-400 focus:border-rose-500 focus:outline-2 focus:outline-rose-500/30 disabled:bg-zinc-100 aria-invalid:border-red-500 sm:text-sm";

export function Input({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={clsx(controlClasses, "w-full", className)} {...rest} />;
}
