/** Small formatting helpers shared by the CLI displays. */

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  // Round once, then split: 119.6 s is 2m00s, not 1m60s.
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, "0")}s`;
  const wholeMinutes = Math.round(seconds / 60);
  return `${Math.floor(wholeMinutes / 60)}h${String(wholeMinutes % 60).padStart(2, "0")}m`;
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Left-aligned text table with a header row. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length))
  );
  const line = (row: string[]) =>
    row.map((cell, column) => (cell ?? "").padEnd(widths[column])).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** Estimated time left from the fraction done and the time spent so far. */
export function etaMs(fraction: number | undefined, elapsedMs: number): number | null {
  if (fraction === undefined || fraction <= 0 || fraction > 1) return null;
  return (elapsedMs * (1 - fraction)) / fraction;
}
