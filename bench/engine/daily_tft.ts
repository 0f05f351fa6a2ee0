/**
 * `deno task bench daily_tft` (opt-in: a cold run takes ~7 minutes on this machine): the
 * daily study cold through the real CLI into an empty store, watched (`cold_run.ts`), for
 * issue 18's goal of ≤ 4 minutes on this 2-core machine, with the cores busy while fits
 * remain and the peak RSS.
 */
import type { BenchResult } from "../result.ts";
import { coldRows, coldRun, removeRun } from "./cold_run.ts";

export async function bench(): Promise<BenchResult[]> {
  const cold = await coldRun("daily-tft");
  try {
    return coldRows(cold, 240, "issue 18's goal");
  } finally {
    await removeRun(cold);
  }
}
