/**
 * Runs the PyTorch reference (`../shared/bench/torch_tft_reference.py`) on the same
 * configuration as finfusion's TFT benchmark, when an interpreter with torch is present
 * (`/usr/bin/python3` here, or FINFUSION_PYTHON; the script path can be overridden with
 * FINFUSION_TORCH_REFERENCE).
 */
import type { BenchPreset } from "./data.ts";

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
  const python = Deno.env.get("FINFUSION_PYTHON") ?? "/usr/bin/python3";
  const script = scriptPath();
  try {
    await Deno.stat(script);
  } catch {
    return { unavailable: `no reference script at ${script}` };
  }
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(python, {
      args: [script, "--preset", preset.name, "--no-daily", "--vsn", vsn, "--epochs", `${epochs}`],
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    return { unavailable: `cannot run ${python}: ${error}` };
  }
  if (!output.success) {
    const err = new TextDecoder().decode(output.stderr).trim().split("\n").at(-1) ?? "";
    return { unavailable: `${python} ${script} failed: ${err}` };
  }
  const line = new TextDecoder().decode(output.stdout).trim().split("\n").at(-1) ?? "{}";
  const d = JSON.parse(line);
  return {
    figures: {
      secPerEpoch: d.sec_per_epoch,
      msPerStep: d.ms_per_train_step,
      inferMsPerBatch: d.infer_ms_per_batch,
      cpuSecPerEpoch: d.cpu_sec_per_epoch,
      loadavg: d.loadavg_1m,
      params: d.params,
      torch: d.torch,
    },
  };
}
