/**
 * Sweep expansion. A node's axes are the axes it inherits from mapped inputs (in input
 * order) followed by its own sweeps (in parameter order); each combination of labels is
 * one expansion. A mapped input binds the upstream expansion with the same labels on the
 * upstream's axes; a gathered input binds every upstream expansion that agrees on the
 * axes not gathered over.
 */
import type { DeclarationIssue } from "./errors.ts";
import { expansionId } from "./graph.ts";
import { isSweep, type Sweep } from "./sweep.ts";
import type { ValidDeclaration } from "./validate.ts";

export interface Axis {
  name: string;
  labels: string[];
}

export interface Expansion {
  id: string;
  group: string;
  declaration: ValidDeclaration;
  coords: Record<string, string>;
  /** Parameters with each sweep replaced by this expansion's value (before the schema). */
  params: Record<string, unknown>;
  inputs: Record<string, { kind: "one"; node: string } | { kind: "gather"; nodes: string[] }>;
}

interface GroupShape {
  axes: Axis[];
  expansions: Expansion[];
}

/** Expands declarations (topologically ordered) into expansions, or reports issues. */
export function expandDeclarations(
  declarations: ValidDeclaration[],
): { expansions: Expansion[]; issues: DeclarationIssue[] } {
  const shapes = new Map<string, GroupShape>();
  const issues: DeclarationIssue[] = [];
  const expansions: Expansion[] = [];
  // Nodes that could not expand: their downstream nodes are skipped (their issue is upstream).
  const failed = new Set<string>();
  for (const declaration of declarations) {
    const found: DeclarationIssue[] = [];
    const blocked = Object.values(declaration.inputs).some((input) => failed.has(input.id));
    const axes = blocked ? [] : axesOf(declaration, shapes, found);
    if (blocked || found.length) {
      issues.push(...found);
      failed.add(declaration.id);
      shapes.set(declaration.id, { axes: [], expansions: [] });
      continue;
    }
    const shape = { axes, expansions: [] as Expansion[] };
    for (const coords of combinations(axes)) {
      shape.expansions.push(bind(declaration, coords, shapes));
    }
    shapes.set(declaration.id, shape);
    expansions.push(...shape.expansions);
  }
  return { expansions: issues.length ? [] : expansions, issues };
}

function axesOf(
  declaration: ValidDeclaration,
  shapes: Map<string, GroupShape>,
  issues: DeclarationIssue[],
): Axis[] {
  const axes: Axis[] = [];
  const origin = new Map<string, string>();
  for (const [name, input] of Object.entries(declaration.inputs)) {
    const upstream = shapes.get(input.id)!;
    const gathered = input.kind === "gather" ? input.axes : [];
    for (const axis of gathered ?? []) {
      if (!upstream.axes.some((candidate) => candidate.name === axis)) {
        issues.push({
          node: declaration.id,
          field: `inputs.${name}`,
          message: `cannot gather over axis "${axis}": node "${input.id}" has axes ` +
            `[${upstream.axes.map((a) => a.name).join(", ")}]`,
        });
      }
    }
    if (gathered === null) continue;
    for (const axis of upstream.axes.filter((a) => !gathered.includes(a.name))) {
      const existing = axes.find((candidate) => candidate.name === axis.name);
      if (!existing) {
        axes.push(axis);
        origin.set(axis.name, name);
      } else if (existing.labels.join("\u0000") !== axis.labels.join("\u0000")) {
        issues.push({
          node: declaration.id,
          field: `inputs.${name}`,
          message: `axis "${axis.name}" has labels [${axis.labels}] here but ` +
            `[${existing.labels}] in input "${origin.get(axis.name)}"; mapped inputs must agree`,
        });
      }
    }
  }
  for (const [param, value] of Object.entries(declaration.params)) {
    if (!isSweep(value)) continue;
    if (value.problem) {
      issues.push({ node: declaration.id, field: `params.${param}`, message: value.problem });
    } else if (origin.has(param)) {
      issues.push({
        node: declaration.id,
        field: `params.${param}`,
        message: `sweep axis "${param}" is already inherited from input ` +
          `"${origin.get(param)}"; sweep it in one place only`,
      });
    } else {
      axes.push({ name: param, labels: value.entries.map((entry) => entry.label) });
    }
  }
  return axes;
}

function* combinations(axes: Axis[]): Generator<Record<string, string>> {
  if (axes.length === 0) {
    yield {};
    return;
  }
  const [first, ...rest] = axes;
  for (const label of first.labels) {
    for (const tail of combinations(rest)) yield { [first.name]: label, ...tail };
  }
}

function bind(
  declaration: ValidDeclaration,
  coords: Record<string, string>,
  shapes: Map<string, GroupShape>,
): Expansion {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(declaration.params)) {
    params[name] = isSweep(value)
      ? (value as Sweep).entries.find((entry) => entry.label === coords[name])!.value
      : value;
  }
  const inputs: Expansion["inputs"] = {};
  for (const [name, input] of Object.entries(declaration.inputs)) {
    const upstream = shapes.get(input.id)!;
    const gathered = input.kind === "gather" ? input.axes : [];
    const matches = upstream.expansions.filter((candidate) =>
      Object.entries(candidate.coords).every(([axis, label]) =>
        gathered === null || gathered.includes(axis) || coords[axis] === label
      )
    );
    inputs[name] = input.kind === "gather"
      ? { kind: "gather", nodes: matches.map((match) => match.id) }
      : { kind: "one", node: matches[0].id };
  }
  return {
    id: expansionId(declaration.id, coords),
    group: declaration.id,
    declaration,
    coords,
    params,
    inputs,
  };
}
