"use client";

import * as RadixTabs from "@radix-ui/react-tabs";
import clsx from "clsx";
import type { ReactNode } from "react";

export type TabItem = {
  value: string;
  label: ReactNode;
  content: ReactNode;
  testId?: string;
};

export type TabsProps = {
  items: readonly TabItem[];
  /** Controlled (e.g. kept in the URL); uncontrolled when omitted. */
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
  label: string;
};

/** Radix tabs: arrow keys move between tabs, only the active panel is mounted. Scrolls sideways at phone width. */
export function Tabs({ items, value, defaultValue, onValueChange, label }: TabsProps) {
  return (
    <RadixTabs.Root
      value={value}
      defaultValue={defaultValue ?? items[0]?.value}
      onValueChange={onValueChange}
      className="space-y-4"
    >
      <RadixTabs.List aria-label={label} className="-mx-1 flex gap-1 overflow-x-auto border-b border-zinc-200 px-1">
        {items.map((item) => (
          <RadixTabs.Trigger
            key={item.value}
            value={item.value}
            data-testid={item.testId ? `${item.testId}-tab` : undefined}
            className={clsx(
              "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-zinc-600",
              "hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-rose-600",
              "data-[state=active]:border-rose-600 data-[state=active]:text-zinc-900",
            )}
          >
            {item.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {items.map((item) => (
        <RadixTabs.Content key={item.value} value={item.value} data-testid={item.testId} className="focus-visible:outline-none">
          {item.content}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}
