/** One record of the file as read: its 1-based row number as a spreadsheet shows it, and its cells as text. */
export type RawRecord = { row: number; cells: string[] };
