/**
 * Runs `torch_reference.py` (the PyTorch Mamba stack and TSMixer) with a preset's shapes,
 * when an interpreter with torch is present (`/usr/bin/python3` here, or FINFUSION_PYTHON).
 */
import type { EpochPreset } from "./epoch.ts";

export type MixerReference =
  | { secPerEpoch: number; params: number; version: string }
  | { unavailable: string };

const SCRIPT = decodeURIComponent(new URL("./torch_reference.py", import.meta.url).pathname);

export async function runMixerReference(p: EpochPreset, epochs: number): Promise<MixerReference> {
  const python = Deno.env.get("FINFUSION_PYTHON") ?? "/usr/bin/python3";
  const args = [
    SCRIPT,
    ...["--model", p.kind, "--samples", `${p.train}`, "--validation", `${p.validation}`],
    ...["--length", `${p.length}`, "--features", `${p.features}`, "--batch", `${p.batch}`],
    ...["--layers", `${p.layers}`, "--epochs", `${epochs}`, "--horizon", "1"],
    ...(p.kind === "mamba" ? ["--d-model", `${p.width}`] : ["--ff", `${p.width}`]),
  ];
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(python, { args, stdout: "piped", stderr: "piped" }).output();
  } catch (error) {
    return { unavailable: `cannot run ${python}: ${error}` };
  }
  if (!output.success) {
    const err = new TextDecoder().decode(output.stderr).trim().split("\n").at(-1) ?? "";
    return { unavailable: `${python} ${SCRIPT} failed: ${err}` };
  }
  const line = new TextDecoder().decode(output.stdout).trim().split("\n").at(-1) ?? "{}";
  const d = JSON.parse(line);
  return { secPerEpoch: d.sec_per_epoch, params: d.params, version: d.torch };
}
