/**
 * Runs a PyTorch reference script of the benchmarks (`/usr/bin/python3` here, or
 * FINFUSION_PYTHON) and reads the one JSON object it prints last. A missing interpreter,
 * script or torch is not an error but `{ unavailable }`, so the benchmark still reports
 * finfusion's own figures and says why the reference is absent.
 */

export type Unavailable = { unavailable: string };

/** What to do when the interpreter lacks a module the reference imports (torch, say). */
function missingModuleHint(python: string, stderr: string): string {
  const missing = stderr.match(/No module named '([^']+)'/)?.[1];
  if (!missing) return "";
  const debian = missing === "torch" ? " (Debian: apt-get install -y python3-torch)" : "";
  return `; install ${missing} for ${python}${debian} or set FINFUSION_PYTHON to an interpreter ` +
    "that has it";
}

export async function runPythonReference(
  script: string,
  args: string[],
): Promise<Record<string, unknown> | Unavailable> {
  const python = Deno.env.get("FINFUSION_PYTHON") ?? "/usr/bin/python3";
  try {
    await Deno.stat(script);
  } catch {
    return { unavailable: `no reference script at ${script}` };
  }
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(python, {
      args: [script, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    return { unavailable: `cannot run ${python}: ${error}` };
  }
  if (!output.success) {
    const stderr = new TextDecoder().decode(output.stderr).trim();
    const err = stderr.split("\n").at(-1) ?? "";
    return {
      unavailable: `${python} ${script} failed: ${err}${missingModuleHint(python, stderr)}`,
    };
  }
  const line = new TextDecoder().decode(output.stdout).trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`${script} printed no JSON line; its last line: ${line}`);
  }
}

/** A finite number field of a reference's output, or an error naming the script and field. */
export function numberField(d: Record<string, unknown>, field: string, script: string): number {
  const value = d[field];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${script}: field "${field}" is ${JSON.stringify(value)}, not a number`);
  }
  return value;
}
