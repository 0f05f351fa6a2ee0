/**
 * Nodes of the "million models" search (claims audit, claim 3): a split node that builds
 * the leak-free daily design, a train node swept over chunk indices (each chunk a seeded
 * batch of cheap models, its own cache entry, so a search grows or resumes chunk by chunk),
 * and an evaluate node that gathers every chunk and runs the data-snooping tests. Its output
 * is an evaluation that the report node renders with the "model-search" section.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import type { FeatureFrame } from "../data/frame.ts";
import { buildSearchDesign, type SearchDesign } from "../models/search/design.ts";
import { type ChunkResult, runChunk } from "../models/search/chunk.ts";
import { drawChunk } from "../models/search/spec.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const searchDesignParams = z.object({
  /** First target day of the training window (fits and scalers read only this window). */
  trainStart: isoDate.default("2000-01-01"),
  /** First target day of the validation window (the in-sample selection score). */
  validationStart: isoDate.default("2011-01-01"),
  /** First target day of the test window (out of sample). */
  testStart: isoDate.default("2015-01-01"),
  /** Last target day of the test window; null: as far as the data goes. */
  testEnd: isoDate.nullable().default(null),
}).strict();

export const searchDesign = defineTask({
  name: "split.search-design",
  kind: "split",
  module: import.meta.url,
  params: searchDesignParams,
  inputs: { features: "required" },
  run: ({ features }: { features: FeatureFrame }, params, ctx): SearchDesign => {
    const design = buildSearchDesign(features, params);
    const span = (r: { from: number; to: number }) =>
      `${design.dates[r.from]}..${design.dates[r.to - 1]} (${r.to - r.from} days)`;
    ctx.progress({
      message: `train ${span(design.train)}, validation ${span(design.validation)}, ` +
        `test ${span(design.test)}, ${design.featureNames.length} inputs`,
      fraction: 1,
    });
    return design;
  },
});

export const searchChunkParams = z.object({
  /** Chunk index: each chunk draws its own seeded batch (sweep it: `sweep([0, 1, …])`). */
  chunk: z.number().int().min(0),
  /** Models per chunk. */
  models: z.number().int().min(1).max(5000).default(250),
  /** Relative weight of each model family in the draw. */
  weights: z.object({
    tree: z.number().min(0).default(1),
    ridge: z.number().min(0).default(1),
    knn: z.number().min(0).default(1),
    rule: z.number().min(0).default(1),
  }).strict().prefault({}),
}).strict();

function checkDesign(design: SearchDesign, nodeId: string): void {
  if (design?.kind !== "search-design") {
    throw new Error(
      `${nodeId}: input "design" is not a search design; connect it to a ` +
        "`p.split(..., searchDesign, ...)` node",
    );
  }
}

export const searchChunk = defineTask({
  name: "train.search-chunk",
  kind: "train",
  module: import.meta.url,
  seeded: true,
  worker: true,
  params: searchChunkParams,
  inputs: { design: "required" },
  run: ({ design }: { design: SearchDesign }, params, ctx): ChunkResult => {
    checkDesign(design, ctx.nodeId);
    const specs = drawChunk({
      seed: ctx.seed,
      chunk: params.chunk,
      count: params.models,
      names: design.featureNames,
      weights: params.weights,
    });
    return runChunk(design, {
      chunk: params.chunk,
      specs,
      onModel: (done) => {
        if (done % 25 === 0 || done === specs.length) {
          ctx.progress({
            message: `${done}/${specs.length} models`,
            fraction: done / specs.length,
          });
        }
      },
    });
  },
});
