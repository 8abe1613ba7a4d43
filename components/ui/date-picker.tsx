"use client";

import * as Popover from "@radix-ui/react-popover";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { DayPicker } from "react-day-picker";
import { enUS, zhCN } from "react-day-picker/locale";
import { buttonClasses } from "./button";

/** A calendar day as the app passes it around: "2026-05-20" (Asia/Shanghai business day). */
export type IsoDay = string;

function toDate(day: IsoDay): Date {
  const [y = 1970, m = 1, d = 1] = day.split("-").map(Number);
  return new Date(y, m - 1, d);
}

function toIsoDay(date: Date): IsoDay {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export type DatePickerProps = {
  /** The chosen day, or null for "today / latest". */
  value: IsoDay | null;
  onChange: (day: IsoDay | null) => void;
  /** Shown on the trigger while `value` is null. */
  placeholder: string;
  /** Accessible name of the trigger, e.g. "查看日期 As of". */
  label: string;
  min?: IsoDay;
  max?: IsoDay;
  testId?: string;
};

/**
 * A day picker in a Radix popover (focus trap, Esc, outside click). The calendar speaks the UI's
 * language; "latest" clears the choice so pages return to their default day.
 */
export function DatePicker({ value, onChange, placeholder, label, min, max, testId }: DatePickerProps) {
  const t = useTranslations("datePicker");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const selected = value ? toDate(value) : undefined;
  const disabled = [
    ...(min ? [{ before: toDate(min) }] : []),
    ...(max ? [{ after: toDate(max) }] : []),
  ];
  const shown = value
    ? new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" }).format(toDate(value))
    : placeholder;

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger className={buttonClasses("secondary", "sm", "tabular-nums")} aria-label={`${label}: ${shown}`} data-testid={testId}>
        <span aria-hidden>📅</span>
        {shown}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={4}
          className="z-50 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg"
          data-testid={testId ? `${testId}-popover` : undefined}
        >
          <DayPicker
            mode="single"
            locale={locale.startsWith("zh") ? zhCN : enUS}
            selected={selected}
            defaultMonth={selected ?? (max ? toDate(max) : undefined)}
            disabled={disabled}
            captionLayout="dropdown"
            startMonth={min ? toDate(min) : new Date(2020, 0)}
            endMonth={max ? toDate(max) : undefined}
            onSelect={(date) => {
              if (!date) return;
              onChange(toIsoDay(date));
              setOpen(false);
            }}
          />
          <div className="mt-2 flex justify-end border-t border-zinc-100 pt-2">
            <button
              type="button"
              className={buttonClasses("ghost", "sm")}
              data-testid={testId ? `${testId}-latest` : undefined}
              onClick={() => {
                onChange(null);
                setOpen(false);
              }}
            >
              {t("latest")}
            </button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
