/**
 * Benchmark results. A benchmark module exports `bench(): Promise<BenchResult[]>` and is
 * listed in `engine/cli/bench.ts`; `deno task bench` prints them as a Markdown table and
 * writes `out/bench/latest.json`.
 */
export interface BenchResult {
  name: string;
  value: number;
  /** "ms", "s", "nodes/s", "x"… */
  unit: string;
  /** The bound the value should stay within (below it unless `higherIsBetter`). */
  target?: number;
  higherIsBetter?: boolean;
  notes?: string;
}

export type BenchModule = { bench(): Promise<BenchResult[]> };

export function meetsTarget(result: BenchResult): boolean | null {
  if (result.target === undefined) return null;
  return result.higherIsBetter ? result.value >= result.target : result.value < result.target;
}

export function benchTable(results: BenchResult[]): string {
  const rows = results.map((result) => {
    const met = meetsTarget(result);
    const target = result.target === undefined
      ? ""
      : `${result.higherIsBetter ? "≥" : "<"} ${
        Number(result.target.toPrecision(4))
      } ${result.unit}`;
    return [
      result.name,
      `${Number(result.value.toPrecision(4))} ${result.unit}`,
      target,
      met === null ? "" : met ? "yes" : "**no**",
      result.notes ?? "",
    ];
  });
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [
    line(["benchmark", "value", "target", "met", "notes"]),
    "|---|---:|---|---|---|",
    ...rows.map(line),
  ].join("\n");
}

/** Median of a few timings: robust to one noisy repetition on a shared machine. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Wall time in ms of `deno <args>` as a subprocess, so Deno's own start is counted as a
 * user meets it. Throws with the last 30 lines of its stderr when it fails.
 */
export async function timeDeno(args: string[], cwd?: string): Promise<number> {
  const started = performance.now();
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const elapsed = performance.now() - started;
  if (!output.success) {
    const log = new TextDecoder().decode(output.stderr).split("\n").slice(-30).join("\n");
    throw new Error(`deno ${args.join(" ")} failed:\n${log}`);
  }
  return elapsed;
}
