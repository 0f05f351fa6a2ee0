/**
 * Runs `torch_reference.py` (the PyTorch Mamba stack, TSMixer and LSTM) with a preset's shapes,
 * when an interpreter with torch is present (`/usr/bin/python3` here, or FINFUSION_PYTHON).
 */
import type { EpochPreset } from "./epoch.ts";
import { numberField, runPythonReference } from "../python_reference.ts";

export type MixerReference =
  | { secPerEpoch: number; params: number; version: string }
  | { unavailable: string };

const SCRIPT = decodeURIComponent(new URL("./torch_reference.py", import.meta.url).pathname);

export async function runMixerReference(p: EpochPreset, epochs: number): Promise<MixerReference> {
  const d = await runPythonReference(SCRIPT, [
    ...["--model", p.kind, "--samples", `${p.train}`, "--validation", `${p.validation}`],
    ...["--length", `${p.length}`, "--features", `${p.features}`, "--batch", `${p.batch}`],
    ...["--layers", `${p.layers}`, "--epochs", `${epochs}`, "--horizon", "1"],
    ...[{ mamba: "--d-model", tsmixer: "--ff", lstm: "--units" }[p.kind], `${p.width}`],
  ]);
  if ("unavailable" in d) return d as { unavailable: string };
  return {
    secPerEpoch: numberField(d, "sec_per_epoch", SCRIPT),
    params: numberField(d, "params", SCRIPT),
    version: String(d.torch),
  };
}
