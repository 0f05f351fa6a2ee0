/**
 * The sandbox of the deno.json tasks (tools/permissions.ts): each task runs with its own
 * permission set rather than -A, and a pipeline that writes outside the project's state and
 * report folders is refused.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { FRED_GRAPH_BASE } from "../../data/providers/fred.ts";
import { YAHOO_CHART_BASE } from "../../data/providers/yahoo.ts";
import { fromFileUrl } from "../../engine/store/paths.ts";
import {
  permissionFlags,
  queueHost,
  storeHost,
  taskPermissions,
  TASKS,
} from "../../tools/permissions.ts";

const REPO = fromFileUrl(new URL("../../", import.meta.url).href);
const CONFIG = join(REPO, "deno.json");
const context = { deno: "/opt/deno/bin/deno" };

Deno.test("a pipeline may write only the state and report folders and reach only the data hosts", () => {
  const pipeline = taskPermissions("pipeline", context);
  assert.deepEqual(pipeline.write, [".finfusion", "out"]);
  assert.deepEqual(pipeline.read, [".", "../shared"]);
  assert.deepEqual(pipeline.net, [
    new URL(YAHOO_CHART_BASE).host,
    new URL(FRED_GRAPH_BASE).host,
  ]);
  assert.deepEqual(pipeline.run, ["git", "/opt/deno/bin/deno"]);
  assert.deepEqual(taskPermissions("pipeline", { ...context, dataDir: "/data/mirror" }).read, [
    ".",
    "/data/mirror",
  ]);
  assert.equal(taskPermissions("report", context).net, undefined);
  assert.deepEqual(taskPermissions("runs", context), { read: ["."], env: [] });
  assert.deepEqual(taskPermissions("bench", { ...context, tmpDir: "/scratch" }).write, [
    "out",
    "/scratch",
  ]);
  assert.throws(() => taskPermissions("deploy", context), /no permission set for task "deploy"/);
});

Deno.test("with an S3 endpoint or region in the environment, runs may reach the remote store", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  assert.equal(storeHost(env({})), undefined);
  assert.equal(storeHost(env({ AWS_ENDPOINT_URL: "http://127.0.0.1:9000" })), "127.0.0.1:9000");
  assert.equal(
    storeHost(env({ AWS_ENDPOINT_URL: "http://a:1", AWS_ENDPOINT_URL_S3: "https://s3.lab" })),
    "s3.lab",
  );
  assert.equal(storeHost(env({ AWS_REGION: "eu-west-1" })), "s3.eu-west-1.amazonaws.com");
  const pipeline = taskPermissions("pipeline", { ...context, storeHost: "s3.lab" });
  assert.deepEqual(pipeline.net, [
    new URL(YAHOO_CHART_BASE).host,
    new URL(FRED_GRAPH_BASE).host,
    "s3.lab",
  ]);
  assert.equal(taskPermissions("report", { ...context, storeHost: "s3.lab" }).net, undefined);
});

Deno.test("a queued run may reach the Redis in FINFUSION_QUEUE; a worker any host", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  assert.equal(queueHost(env({})), undefined);
  assert.equal(queueHost(env({ FINFUSION_QUEUE: "redis://10.0.0.5:6380/2" })), "10.0.0.5:6380");
  assert.equal(queueHost(env({ FINFUSION_QUEUE: "redis://redis.lab" })), "redis.lab:6379");
  const pipeline = taskPermissions("pipeline", { ...context, queueHost: "redis.lab:6379" });
  assert.deepEqual(pipeline.net, [
    new URL(YAHOO_CHART_BASE).host,
    new URL(FRED_GRAPH_BASE).host,
    "redis.lab:6379",
  ]);
  const worker = taskPermissions("worker", context);
  assert.deepEqual(worker.net, []);
  assert.deepEqual(worker.write, [".finfusion", "out"]);
});

Deno.test("permission flags list each permission once and refuse paths the task shell would split", () => {
  assert.deepEqual(permissionFlags({ read: [".", "/d"], env: [], net: undefined }), [
    "--allow-read=.,/d",
    "--allow-env",
  ]);
  assert.throws(
    () => permissionFlags(taskPermissions("pipeline", { ...context, dataDir: "/my data" })),
    /"\/my data" contains white space/,
  );
});

Deno.test("every deno.json task but test and check runs with its own permission set", () => {
  const tasks = JSON.parse(Deno.readTextFileSync(CONFIG)).tasks as Record<string, string>;
  for (const [name, command] of Object.entries(tasks)) {
    if (name === "check") continue;
    if (name === "test") {
      // Tests spawn Deno with -A themselves (the CLI end to end), Chromium and temp projects:
      // allowing them to run Deno is already everything, so narrower flags would mean nothing.
      assert.match(command, /deno test -A /);
      continue;
    }
    assert.ok(TASKS.includes(name), `task "${name}" has no permission set in tools/permissions.ts`);
    assert.ok(command.includes(`tools/permissions.ts ${name})`), `task "${name}": ${command}`);
    assert.doesNotMatch(command, /\s-A\s|--allow-all/, `task "${name}" runs with -A`);
  }
});

const ESCAPE_TASK = `
import { z } from "zod";
import { defineTask } from "${new URL("../../engine/task.ts", import.meta.url).href}";
export const writeFile = defineTask({
  name: "fetch.write-file",
  kind: "fetch",
  module: import.meta.url,
  params: z.object({ path: z.string() }).strict(),
  run: (_inputs, params) => {
    Deno.writeTextFileSync(params.path, "escaped");
    return { wrote: params.path };
  },
});
`;

const ESCAPE_PIPELINE = `
import { pipeline } from "${new URL("../../engine/mod.ts", import.meta.url).href}";
import { writeFile } from "../tasks/write_file.ts";
export default pipeline({ name: "escape", seed: 1 }, (p) => {
  p.fetch("write", writeFile, { path: "out/inside.txt" });
});
`;

/** Runs the CLI as `deno task <task>` would, from inside the temp project at `root`. */
async function sandboxed(task: string, root: string, args: string[]) {
  const permissions = taskPermissions(task, { deno: Deno.execPath() });
  // The project lives outside the checkout whose engine it runs, so it may read that too.
  permissions.read = [...permissions.read!, REPO];
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...permissionFlags(permissions),
      "--config",
      CONFIG,
      join(REPO, "cli.ts"),
      task,
      ...args,
      "--root",
      root,
    ],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, text: decode(output.stdout) + decode(output.stderr) };
}

Deno.test("a pipeline run with the pipeline task's flags cannot write outside the project", async () => {
  const root = await Deno.makeTempDir({ prefix: "finfusion-sandbox-" });
  const outside = await Deno.makeTempDir({ prefix: "finfusion-outside-" });
  try {
    for (const folder of ["pipelines", "tasks", "out"]) Deno.mkdirSync(join(root, folder));
    Deno.writeTextFileSync(join(root, "tasks", "write_file.ts"), ESCAPE_TASK);
    Deno.writeTextFileSync(join(root, "pipelines", "escape.ts"), ESCAPE_PIPELINE);
    const run = (path: string) =>
      sandboxed("pipeline", root, ["escape", "--plain", "--set", `write.path=${path}`]);
    const inside = await run("out/inside.txt");
    assert.equal(inside.code, 0, inside.text);
    assert.equal(Deno.readTextFileSync(join(root, "out", "inside.txt")), "escaped");
    assert.ok(Deno.statSync(join(root, ".finfusion", "ledger.jsonl")).isFile);
    const escaped = join(outside, "escaped.txt");
    const refused = await run(escaped);
    assert.equal(refused.code, 1, refused.text);
    assert.match(refused.text, /Requires write access to ".*escaped\.txt"/);
    assert.throws(() => Deno.statSync(escaped), Deno.errors.NotFound);
    const intoCode = await run("tasks/write_file.ts");
    assert.equal(intoCode.code, 1, intoCode.text);
    assert.match(intoCode.text, /Requires write access/);
    // The other commands work within their own, narrower sets.
    const status = await sandboxed("status", root, [
      "escape",
      "--set",
      "write.path=out/inside.txt",
    ]);
    assert.equal(status.code, 0, status.text);
    assert.match(status.text, /FRESH\s+write/);
    const runs = await sandboxed("runs", root, ["--pipeline", "escape"]);
    assert.equal(runs.code, 0, runs.text);
    assert.match(runs.text, /escape/);
    const gc = await sandboxed("cache", root, ["gc", "--dry-run"]);
    assert.equal(gc.code, 0, gc.text);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});
