/**
 * Runs `torch_reference.py` (the PyTorch CLS Transformer) at a preset's sizes, when an
 * interpreter with torch is present (`/usr/bin/python3` here, or FINFUSION_PYTHON).
 */
import { torchArgs, type TransformerPreset } from "./data.ts";
import { numberField as number, runPythonReference } from "../python_reference.ts";

export interface TorchFigures {
  secPerEpoch: number;
  msPerStep: number;
  inferMsPerBatch: number;
  cpuSecPerEpoch: number;
  loadavg: number;
  params: number;
  torch: string;
}

export type TorchRun = { figures: TorchFigures } | { unavailable: string };

const SCRIPT = decodeURIComponent(new URL("./torch_reference.py", import.meta.url).pathname);

const runScript = (args: string[]) => runPythonReference(SCRIPT, args);
const numberField = (d: Record<string, unknown>, field: string) => number(d, field, SCRIPT);

/** The reference network's parameter count at the preset's sizes (nothing is trained). */
export async function torchParams(
  preset: TransformerPreset,
): Promise<number | { unavailable: string }> {
  const d = await runScript([...torchArgs(preset), "--params-only"]);
  return "unavailable" in d ? d as { unavailable: string } : numberField(d, "params");
}

/** One warm-up epoch, then `epochs` timed ones (median), then inference on a few batches. */
export async function runTorchReference(
  preset: TransformerPreset,
  epochs: number,
): Promise<TorchRun> {
  const d = await runScript([...torchArgs(preset), "--epochs", `${epochs}`]);
  if ("unavailable" in d) return d as { unavailable: string };
  return {
    figures: {
      secPerEpoch: numberField(d, "sec_per_epoch"),
      msPerStep: numberField(d, "ms_per_train_step"),
      inferMsPerBatch: numberField(d, "infer_ms_per_batch"),
      cpuSecPerEpoch: numberField(d, "cpu_sec_per_epoch"),
      loadavg: numberField(d, "loadavg_1m"),
      params: numberField(d, "params"),
      torch: String(d.torch),
    },
  };
}
