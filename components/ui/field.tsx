import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";

type ControlProps = { id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

export type FieldProps = {
  label: ReactNode;
  /** Messages already in the user's language. */
  errors?: readonly string[];
  hint?: ReactNode;
  children: ReactElement<ControlProps>;
};

/** A label, the control, and its errors wired together with ids so screen readers read them. */
export function Field({ label, errors, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasErrors = Boolean(errors && errors.length > 0);
  const describedBy =
    [hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        "aria-invalid": hasErrors || undefined,
        "aria-describedby": describedBy,
      })
    : children;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {control}
      {hint ? (
        <p id={hintId} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
      {hasErrors ? (
        <p id={errorId} className="text-sm text-red-600">
          {errors?.[0]}
        </p>
      ) : null}
    </div>
  );
}
