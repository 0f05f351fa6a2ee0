/**
 * A run's resolved configuration, readable: each node group's parameters as `path=value`
 * lines, those shared by every expansion once, then what each expansion sets differently.
 */
import { canonicalJson } from "../keys/canonical.ts";
import type { LedgerNode } from "./ledger.ts";

export interface GroupConfig {
  group: string;
  /** `path=value` lines every expansion of the group shares. */
  common: string[];
  /**
   * Expansions with lines of their own, those with identical lines together (the 9 folds'
   * TFT fits are one entry); none for a single node.
   */
  expansions: Array<{ ids: string[]; own: string[] }>;
}

export function runConfig(nodes: LedgerNode[]): GroupConfig[] {
  const groups = new Map<string, LedgerNode[]>();
  for (const node of nodes) groups.set(node.group, [...groups.get(node.group) ?? [], node]);
  return [...groups].map(([group, members]) => {
    const lines = members.map((node) => flatParams(node.params));
    const common = lines[0].filter((line) => lines.every((own) => own.includes(line)));
    const expansions = new Map<string, { ids: string[]; own: string[] }>();
    if (members.length > 1) {
      members.forEach((node, index) => {
        const own = lines[index].filter((line) => !common.includes(line));
        if (own.length === 0) return;
        const same = expansions.get(own.join("\n")) ?? { ids: [], own };
        same.ids.push(node.id);
        expansions.set(own.join("\n"), same);
      });
    }
    return { group, common, expansions: [...expansions.values()] };
  });
}

/** `{ model: { lr: 0.1 } }` → `["model.lr=0.1"]`; lists and scalars are JSON. */
export function flatParams(value: unknown, path = ""): string[] {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return path ? [`${path}={}`] : [];
    return entries.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
      .flatMap(([key, inner]) => flatParams(inner, path ? `${path}.${key}` : key));
  }
  return [`${path || "params"}=${canonicalJson(value ?? null)}`];
}
