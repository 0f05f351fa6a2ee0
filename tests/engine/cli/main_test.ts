import assert from "node:assert/strict";
import { formatCommandError } from "../../../engine/cli/main.ts";
import { CLI, CONFIG, FixtureProject } from "../fixture_project.ts";

async function cli(...args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", CONFIG, CLI, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("the CLI has generated help for every sub-command and clear usage errors", async () => {
  const help = await cli("--help");
  assert.equal(help.code, 0);
  for (const command of ["pipeline", "status", "pipelines", "report", "runs", "cache"]) {
    assert.match(help.stdout, new RegExp(`\\n  ${command}\\b`));
  }
  const pipelineHelp = await cli("pipeline", "--help");
  for (
    const option of [
      "--set",
      "--jobs",
      "--force",
      "--only",
      "--dry-run",
      "--backend",
      "--data",
      "--offline",
      "--seed",
    ]
  ) {
    assert.match(pipelineHelp.stdout, new RegExp(option));
  }
  const badBackend = await cli("pipeline", "fx", "--backend", "tpu");
  assert.equal(badBackend.code, 2);
  assert.match(badBackend.stderr, /Allowed choices are auto, wasm, wasm-fma, webgpu, cpu/);
  const badJobs = await cli("pipeline", "fx", "--jobs", "0");
  assert.equal(badJobs.code, 2);
  assert.match(badJobs.stderr, /expected a positive integer/);
  const noName = await cli("pipeline");
  assert.equal(noName.code, 2);
  assert.match(
    noName.stderr,
    /name a pipeline \(`deno task pipelines` lists them\) or pass --file/,
  );
  const badKeep = await cli("cache", "gc", "--keep-runs", "x");
  assert.match(badKeep.stderr, /\(cache gc --help lists its options\)/);
  const gcHelp = await cli("cache", "gc", "--help");
  assert.match(gcHelp.stdout, /--keep-runs/);
});

Deno.test("--dry-run plans without running or writing anything", async () => {
  await using project = await FixtureProject.create();
  const dry = await project.expectCli(["pipeline", "fx", "--dry-run"]);
  assert.match(dry.stdout, /0 fresh, 0 stale, 11 missing/);
  assert.match(dry.stdout, /MISSING\s+fit\[year=2016,model=a\]\s+never computed/);
  assert.deepEqual(project.ran(), []);
  assert.equal(project.ledger().length, 0);
  const failing = await project.expectCli(["pipeline", "control", "--set", "flaky.fail=true"], 1);
  assert.match(failing.stdout, /^control: FAILED in /m);
  assert.match(failing.stdout, /node flaky failed: flaky failed on purpose/);
  assert.match(failing.stdout, /1 downstream nodes were skipped/);
  // A domain error's message is complete: no stack, unless --verbose asks for it.
  assert.match(failing.stderr, /^FAILED flaky: flaky failed on purpose$/m);
  assert.doesNotMatch(failing.stderr, /^\s+at /m);
  const verbose = await project.expectCli(
    ["pipeline", "control", "--set", "flaky.fail=true", "--verbose"],
    1,
  );
  assert.match(verbose.stderr, /^FAILED flaky: Error: flaky failed on purpose\n\s+at /m);
  // A bug (TypeError) shows its stack; the ledger keeps the message alone.
  const crash = await project.expectCli(["pipeline", "control", "--set", "flaky.crash=true"], 1);
  assert.match(crash.stderr, /^FAILED flaky: TypeError: .*\n\s+at .*control\.ts/m);
  const flaky = project.ledger().at(-1)!.nodes.find((node) => node.id === "flaky")!;
  assert.match(flaky.error!, /^Cannot read properties of undefined/);
  assert.ok(!flaky.error!.includes("\n"));
});

Deno.test("an error outside a node prints its message alone, its stack if a bug or --verbose", async () => {
  const domain = new Deno.errors.NotADirectory("Not a directory (os error 20): mkdir 'x/cache'");
  assert.equal(
    formatCommandError(domain, false),
    "error: Not a directory (os error 20): mkdir 'x/cache'",
  );
  assert.match(formatCommandError(domain, true), /^NotADirectory: Not a directory.*\n\s+at /);
  const bug = new TypeError("Cannot read properties of undefined (reading 'key')");
  assert.match(formatCommandError(bug, false), /^TypeError: Cannot read.*\n\s+at /);
  assert.equal(formatCommandError("thrown text", false), "error: thrown text");

  // A state folder that is a file: the run fails before any node, with the OS's message.
  await using project = await FixtureProject.create();
  Deno.writeTextFileSync(project.path("state-file"), "");
  for (const command of [["pipeline", "fx"], ["status", "fx"], ["cache", "gc"]]) {
    const result = await project.expectCli([...command, "--state", project.path("state-file")], 1);
    assert.match(result.stderr, /^error: (Not a directory|File exists) \(os error \d+\): mkdir /);
    assert.doesNotMatch(result.stderr, /^\s+at /m, `${command.join(" ")}: no stack`);
    const verbose = await project.expectCli(
      [...command, "--state", project.path("state-file"), "--verbose"],
      1,
    );
    assert.match(verbose.stderr, /^(NotADirectory|AlreadyExists): .*\n\s+at /);
  }
});
