import type { DayRange } from "@/lib/contracts/common";
import { todayInShanghai, type Day } from "@/server/lib/time";
import { getRuleSetView } from "./rule-sets";
import { windowBounds } from "./window";

/**
 * Days of facts set against the rule set's main window as of today (scoring.md §1): facts that all
 * lie before it cannot count for today's score, so the page offers the score as of their last day.
 */
export function coverageAgainstToday(ruleSetName: string, range: DayRange, today: Day = todayInShanghai()) {
  const todayWindow = windowBounds(today, getRuleSetView(ruleSetName).windows.main);
  return { ...range, todayWindow, beforeTodayWindow: range.last < todayWindow.first };
}

export type Coverage = ReturnType<typeof coverageAgainstToday>;
