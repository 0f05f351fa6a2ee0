/**
 * `bench/python_reference.ts`: a reference that cannot run is `{ unavailable }` with the
 * reason, and a missing Python module says how to install it; a script's JSON line is read.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runPythonReference } from "../../bench/python_reference.ts";

const dirs: string[] = [];

async function script(body: string): Promise<string> {
  const dir = await Deno.makeTempDir();
  dirs.push(dir);
  const path = join(dir, "reference.py");
  await Deno.writeTextFile(path, body);
  return path;
}

async function removeScripts() {
  for (const dir of dirs.splice(0)) await Deno.remove(dir, { recursive: true });
}

const python = Deno.env.get("FINFUSION_PYTHON") ?? "/usr/bin/python3";
const hasPython = await Deno.stat(python).then(() => true, () => false);

Deno.test({
  name: "a reference whose module is missing is unavailable, naming the module and the fix",
  ignore: !hasPython,
  fn: async () => {
    const path = await script("import finfusion_no_such_module\n");
    const run = await runPythonReference(path, []);
    assert.ok("unavailable" in run);
    assert.match(
      run.unavailable as string,
      /No module named 'finfusion_no_such_module'; install finfusion_no_such_module for .*FINFUSION_PYTHON/,
    );
    const torch = await script("raise ModuleNotFoundError(\"No module named 'torch'\")\n");
    const noTorch = await runPythonReference(torch, []);
    assert.match(
      (noTorch as { unavailable: string }).unavailable,
      /apt-get install -y python3-torch/,
    );
  },
});

Deno.test({
  name: "a reference's last JSON line is its result; a missing script is unavailable",
  ignore: !hasPython,
  fn: async () => {
    const path = await script('print("warming up")\nprint(\'{"sec_per_epoch": 1.5}\')\n');
    assert.deepEqual(await runPythonReference(path, []), { sec_per_epoch: 1.5 });
    const gone = await runPythonReference("/nonexistent/reference.py", []);
    assert.deepEqual(gone, { unavailable: "no reference script at /nonexistent/reference.py" });
    await removeScripts();
  },
});
