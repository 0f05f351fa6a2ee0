/**
 * The DAG declaration API used by files in `pipelines/`:
 *
 * ```ts
 * import { pipeline, sweep } from "../engine/mod.ts";
 * export default pipeline({ name: "weekly-tft", seed: 7 }, (p) => {
 *   const spx = p.fetch("spx", fetchPrices, { symbol: "^GSPC" });
 *   const macro = p.fetch("macro", fetchMacro, {});
 *   const features = p.feature("features", buildFeatures, {}, { spx, macro });
 *   const fold = p.split("fold", rollingFold, { testYear: sweep([2016, 2017]) }, { features });
 *   const fit = p.train("fit", fitModel, { model: sweep({ tft: { kind: "tft" } }) }, { fold });
 *   p.evaluate("metrics", evaluateForecasts, {}, { fits: fit.gather() });
 * });
 * ```
 *
 * Tasks should import `defineTask` from `engine/task.ts` rather than from here: a task's
 * key hashes every local module it imports, and this module pulls in the declaration API.
 */
export { isPipelineDefinition, pipeline } from "./declare/declare.ts";
export type {
  Loose,
  NodeSpec,
  ParamsInput,
  PipelineBuilder,
  PipelineDefinition,
  PipelineMeta,
} from "./declare/declare.ts";
export { sweep } from "./declare/sweep.ts";
export type { Sweep } from "./declare/sweep.ts";
export type { GatherRef, InputRef, InputRefs, NodeRef } from "./declare/refs.ts";
export {
  defineTask,
  hasHeadlineMetrics,
  NODE_KIND_PATTERN,
  NODE_KINDS,
  writesReport,
} from "./task.ts";
export type { Gathered, NodeKind, ProgressUpdate, ReportFiles, Task, TaskContext } from "./task.ts";
