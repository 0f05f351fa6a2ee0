/**
 * The setup script as the test task runs it. It has run before this suite, so the machine
 * has what it needs: a second run must be silent; without the reference data it must stop
 * before installing anything and say where the data goes.
 */
import assert from "node:assert/strict";

const SCRIPT = new URL("./main.ts", import.meta.url).pathname;

async function setup(env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-run", "--allow-sys=uid", "--allow-env", SCRIPT],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("test setup on a machine that has everything says nothing and exits 0", async () => {
  const result = await setup({});
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr + result.stdout, "");
});

Deno.test("test setup without the reference data exits 1 before installing anything", async () => {
  const result = await setup({ FINFUSION_DATA: "/nonexistent/finfusion-data" });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /the reference data: .*set FINFUSION_DATA=DIR/);
  assert.doesNotMatch(result.stderr, /installing|apt-get update/);
});
