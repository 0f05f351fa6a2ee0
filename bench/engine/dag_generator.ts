/**
 * Writes a generated 500-node pipeline into a project folder: one source, 98 feature
 * nodes with fan-in, a split swept over 50 years, a train node swept over 6 models
 * (300 expansions), an evaluate node per year gathering the models, and a report.
 */
import { join } from "node:path";

export const GENERATED_NODES = 500;

export function writeGeneratedPipeline(root: string, name = "gen500"): string {
  const tasks = new URL("./dag_tasks.ts", import.meta.url).href;
  const engine = new URL("../../engine/mod.ts", import.meta.url).href;
  const lines = [
    `import { pipeline, sweep } from "${engine}";`,
    `import { benchCombine, benchEvaluate, benchFit, benchReport, benchSource, benchSplit } from "${tasks}";`,
    `export default pipeline({ name: "${name}", seed: 1 }, (p) => {`,
    `  const f0 = p.fetch("f0", benchSource, { n: 64 });`,
  ];
  for (let i = 1; i <= 98; i++) {
    const inputs = [i - 1, Math.floor(i / 2), Math.floor(i / 3)]
      .filter((value, index, all) => all.indexOf(value) === index)
      .map((value, index) => `in${index}: f${value}`);
    lines.push(
      `  const f${i} = p.feature("f${i}", benchCombine, { weight: ${i % 7} }, { ${
        inputs.join(", ")
      } });`,
    );
  }
  const years = Array.from({ length: 50 }, (_, i) => 1970 + i).join(", ");
  const models = Array.from({ length: 6 }, (_, i) => `m${i}: { scale: ${i + 1} }`).join(", ");
  lines.push(
    `  const fold = p.split("fold", benchSplit, { year: sweep([${years}]) }, { values: f98 });`,
    `  const fit = p.train("fit", benchFit, { model: sweep({ ${models} }) }, { fold });`,
    `  const evals = p.evaluate("eval", benchEvaluate, {}, { fits: fit.gather("model") });`,
    `  p.report("report", benchReport, {}, { evals: evals.gather() });`,
    `});`,
    "",
  );
  Deno.mkdirSync(join(root, "pipelines"), { recursive: true });
  const file = join(root, "pipelines", `${name}.ts`);
  Deno.writeTextFileSync(file, lines.join("\n"));
  return file;
}
