/**
 * Runs the PyTorch reference (`../shared/bench/torch_tft_reference.py`) on the same
 * configuration as finfusion's TFT benchmark, when an interpreter with torch is present
 * (`/usr/bin/python3` here, or FINFUSION_PYTHON; the script path can be overridden with
 * FINFUSION_TORCH_REFERENCE).
 */
import type { BenchPreset } from "./data.ts";
import { numberField, runPythonReference } from "../python_reference.ts";

export interface TorchFigures {
  secPerEpoch: number;
  msPerStep: number;
  inferMsPerBatch: number;
  cpuSecPerEpoch: number;
  loadavg: number[];
  params: number;
  torch: string;
}

export type TorchRun = { figures: TorchFigures } | { unavailable: string };

const SCRIPT = new URL("../../../shared/bench/torch_tft_reference.py", import.meta.url);

function scriptPath(): string {
  return Deno.env.get("FINFUSION_TORCH_REFERENCE") ?? decodeURIComponent(SCRIPT.pathname);
}

export async function runTorchReference(
  preset: BenchPreset,
  vsn: "loop" | "batched",
  epochs: number,
): Promise<TorchRun> {
  const script = scriptPath();
  const d = await runPythonReference(script, [
    ...["--preset", preset.name, "--no-daily", "--vsn", vsn, "--epochs", `${epochs}`],
  ]);
  if ("unavailable" in d) return d as { unavailable: string };
  const loadavg = d.loadavg_1m;
  return {
    figures: {
      secPerEpoch: numberField(d, "sec_per_epoch", script),
      msPerStep: numberField(d, "ms_per_train_step", script),
      inferMsPerBatch: numberField(d, "infer_ms_per_batch", script),
      cpuSecPerEpoch: numberField(d, "cpu_sec_per_epoch", script),
      loadavg: Array.isArray(loadavg) ? loadavg.map(Number) : [Number(loadavg)],
      params: numberField(d, "params", script),
      torch: String(d.torch),
    },
  };
}
