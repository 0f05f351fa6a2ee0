/**
 * Vega-Lite spec → standalone SVG string, headless: compiled with `vega-lite`, rendered by
 * `vega`'s `View.toSVG()` without a browser or canvas (text widths are estimated, so the
 * output depends only on the spec).
 *
 * Vega numbers clip paths and gradients from a counter shared by the whole process, so
 * the same chart would get different ids on a second render, and two charts inlined in one
 * page could collide. Ids are rewritten to `<chartId>-<n>` in order of appearance.
 */
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** A Vega-Lite specification as plain data (checked by the compiler at render time). */
export type ChartSpec = Record<string, unknown>;

export interface RenderedChart {
  id: string;
  svg: string;
  /** Compiler and runtime warnings: an empty list means the spec was understood as meant. */
  warnings: string[];
}

function collectingLogger(warnings: string[]) {
  let level = 0;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: unknown[]): never {
      throw new Error(args.map(String).join(" "));
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Renames every id in the SVG (and its references) to `<prefix>-<n>`. */
export function namespaceIds(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!names.has(match[1])) names.set(match[1], `${prefix}-${names.size + 1}`);
  }
  if (names.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a, id, b) => a + (names.get(id) ?? id) + b)
    .replace(/url\(#([^)]+)\)/g, (whole, id) => names.has(id) ? `url(#${names.get(id)})` : whole)
    .replace(
      /(href=")#([^"]+)(")/g,
      (whole, a, id, b) => names.has(id) ? `${a}#${names.get(id)}${b}` : whole,
    );
}

/**
 * Rounds numbers with more than two decimals inside attribute values (coordinates, path
 * data) to two: a hundredth of a pixel is invisible, and scatter plots shrink by half.
 */
export function roundCoordinates(svg: string): string {
  return svg.replace(
    /="([^"]*)"/g,
    (_, value: string) =>
      `="${
        value.replace(/-?\d+\.\d{3,}/g, (n) => {
          const rounded = Number(n).toFixed(2).replace(/\.?0+$/, "");
          return rounded === "-0" ? "0" : rounded;
        })
      }"`,
  );
}

export async function renderChart(id: string, spec: ChartSpec): Promise<RenderedChart> {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) {
    throw new Error(`chart id "${id}" must be lower-case kebab-case`);
  }
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  let view: View;
  try {
    const compiled = compile(spec as unknown as TopLevelSpec, { logger }).spec;
    view = new View(parse(compiled), { renderer: "none", logger } as never);
  } catch (error) {
    throw new Error(
      `chart "${id}": the Vega-Lite spec does not compile: ${(error as Error).message}`,
    );
  }
  try {
    const svg = await view.toSVG();
    return { id, svg: roundCoordinates(namespaceIds(svg, id)), warnings };
  } finally {
    view.finalize();
  }
}
