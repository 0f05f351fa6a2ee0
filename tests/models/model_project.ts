/**
 * Test helper: a temp project holding a copy of this checkout's `models/`, the train task
 * (`tasks/train.ts` and the modules beside it, `engine/task.ts`, the codec) and a fixture split task that
 * builds a small weekly fold per test year, so tests can edit a model file or register a
 * fixture kind and run the real CLI (`FixtureProject`) on the copy.
 */
import { dirname, join } from "node:path";
import { FixtureProject, REPO } from "../engine/fixture_project.ts";

export const ENGINE_MOD = new URL("../../engine/mod.ts", import.meta.url).href;

/** A split task: `fold-<testYear>`, 120 weekly rows; origins 4–79 train, 80–94 validation, 95–118 test. */
const FOLD_TASK = `
import { z } from "zod";
import { defineTask } from "../engine/task.ts";

const N = 120;
const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

export const fixtureFold = defineTask({
  name: "fixture.fold",
  kind: "split",
  module: import.meta.url,
  params: z.object({ testYear: z.number().int(), testShift: z.number().default(0) }).strict(),
  run: (_inputs: Record<string, never>, { testYear, testShift }) => {
    const start = Date.UTC(2000 + testYear, 0, 7);
    const dates = Array.from({ length: N }, (_, t) => new Date(start + t * 7 * 864e5).toISOString().slice(0, 10));
    // testShift revises the test period's rows only (targets after the last fitted one, row 95).
    const target = Float32Array.from({ length: N }, (_, t) => 0.01 * Math.sin(0.9 * t + testYear) + 0.002 + (t > 95 ? testShift : 0));
    const empty = { rows: N, cols: 0, values: new Float32Array(0) };
    return {
      id: "fold-" + testYear, testYear, frequency: "weekly", encoderLength: 4, horizon: 1, dates, target,
      past: { rows: N, cols: 1, values: Float32Array.from(target, (v) => 100 * v) }, pastNames: ["a"],
      known: empty, knownNames: [], static: empty, staticNames: [],
      regime: dates.map(() => "calm"),
      splits: { train: range(4, 80), validation: range(80, 95), test: range(95, N - 1) },
      scaler: { names: ["a"], mean: [0], std: [1] },
    };
  },
});
`;

/** Copies what the train task needs into a fresh temp project. */
export async function modelProject(): Promise<FixtureProject> {
  const root = await Deno.makeTempDir({ prefix: "finfusion-model-project-" });
  copyTree(join(REPO, "models"), join(root, "models"));
  const files = ["train", "upstream", "fit_steps", "predict", "reselect", "training_view"].map((
    name,
  ) => `tasks/${name}.ts`);
  for (const file of [...files, "engine/task.ts", "engine/store/codec.ts"]) {
    Deno.mkdirSync(dirname(join(root, file)), { recursive: true });
    Deno.copyFileSync(join(REPO, file), join(root, file));
  }
  Deno.writeTextFileSync(join(root, "tasks", "fixture_fold.ts"), FOLD_TASK);
  Deno.mkdirSync(join(root, "pipelines"));
  return new FixtureProject(root);
}

/** Adds a registration line to the copy's list of kinds (a fixture kind). */
export function register(project: FixtureProject, line: string): void {
  project.edit("models/kinds.ts", (text) => text.replace(/\n\];\n/, `\n  ${line},\n];\n`));
}

function copyTree(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const entry of Deno.readDirSync(from)) {
    if (entry.isDirectory) copyTree(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile) Deno.copyFileSync(join(from, entry.name), join(to, entry.name));
  }
}
