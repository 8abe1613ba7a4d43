/**
 * A trend line small enough for a table cell. A plain SVG path: a charting library per row would
 * cost more than the rest of a 50-row page. Gaps (null) break the line instead of bridging it.
 */
export function Sparkline({
  values,
  min,
  max,
  label,
  width = 96,
  height = 24,
  testId,
}: {
  values: readonly (number | null)[];
  /** The axis bounds, e.g. the rule set's score bounds, so lines of one table compare. */
  min: number;
  max: number;
  label: string;
  width?: number;
  height?: number;
  testId?: string;
}) {
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  let path = "";
  let penDown = false;
  values.forEach((value, i) => {
    if (value === null) {
      penDown = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (height - ((Math.min(max, Math.max(min, value)) - min) / span) * height).toFixed(1);
    path += `${penDown ? "L" : "M"}${x} ${y} `;
    penDown = true;
  });
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} data-testid={testId} className="overflow-visible">
      <path d={path.trim()} fill="none" stroke="currentColor" strokeWidth={1.5} className="text-rose-600" />
    </svg>
  );
}
