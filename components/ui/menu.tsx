"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import clsx from "clsx";
import type { ReactNode } from "react";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button";

export type MenuItem =
  | { kind?: "action"; key: string; label: ReactNode; onSelect: () => void; disabled?: boolean; testId?: string }
  | { kind: "check"; key: string; label: ReactNode; checked: boolean; onCheckedChange: (checked: boolean) => void; testId?: string }
  | { kind: "separator"; key: string }
  | { kind: "label"; key: string; label: ReactNode };

export type MenuProps = {
  /** The trigger button's content. */
  trigger: ReactNode;
  triggerLabel?: string;
  items: readonly MenuItem[];
  variant?: ButtonVariant;
  size?: ButtonSize;
  align?: "start" | "end";
  testId?: string;
};

const itemClasses =
  "relative flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm text-zinc-800 outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-zinc-100";

/**
 * Radix dropdown menu: keyboard navigation, typeahead and focus return come with it. Check items
 * keep the menu open so several columns can be toggled in one go.
 */
export function Menu({ trigger, triggerLabel, items, variant = "secondary", size = "sm", align = "end", testId }: MenuProps) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className={buttonClasses(variant, size)} aria-label={triggerLabel} data-testid={testId}>
        {trigger}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align={align}
          sideOffset={4}
          className="z-50 max-h-[70vh] min-w-44 overflow-y-auto rounded-md border border-zinc-200 bg-white p-1 shadow-lg"
        >
          {items.map((item) => {
            if (item.kind === "separator") return <DropdownMenu.Separator key={item.key} className="my-1 h-px bg-zinc-100" />;
            if (item.kind === "label")
              return (
                <DropdownMenu.Label key={item.key} className="px-2 py-1 text-xs font-medium text-zinc-500">
                  {item.label}
                </DropdownMenu.Label>
              );
            if (item.kind === "check")
              return (
                <DropdownMenu.CheckboxItem
                  key={item.key}
                  checked={item.checked}
                  onCheckedChange={(checked) => item.onCheckedChange(checked === true)}
                  onSelect={(event) => event.preventDefault()}
                  data-testid={item.testId}
                  className={clsx(itemClasses, "pl-7")}
                >
                  <DropdownMenu.ItemIndicator className="absolute left-2 text-rose-600">✓</DropdownMenu.ItemIndicator>
                  {item.label}
                </DropdownMenu.CheckboxItem>
              );
            return (
              <DropdownMenu.Item
                key={item.key}
                disabled={item.disabled}
                onSelect={item.onSelect}
                data-testid={item.testId}
                className={itemClasses}
              >
                {item.label}
              </DropdownMenu.Item>
            );
          })}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
