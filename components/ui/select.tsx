import clsx from "clsx";
import type { SelectHTMLAttributes } from "react";
import { controlClasses } from "./input";

export type SelectOption = { value: string; label: string };

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  /** Fill the row (forms); off for compact selects inside tables. */
  fullWidth?: boolean;
  options: readonly SelectOption[];
  /** A first, empty choice (e.g. "all categories" or "choose…"). */
  placeholder?: string;
};

export function Select({
  options,
  placeholder,
  fullWidth = true,
  className,
  ...rest
}: SelectProps) {
  return (
    <select className={clsx(controlClasses, "pr-8", fullWidth && "w-full", className)} {...rest}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
