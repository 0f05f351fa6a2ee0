/**
 * The id of a study's feature node for the features it computes: "features" for the
 * default set, "features-all" for every feature (staleness columns included), else
 * "features-" and a short hash of the sorted names. Two phases that compute the same set
 * share one node (one key) when a program declares them together, and two sets never
 * share an id.
 */
import { ALL_FEATURE_NAMES, type FeatureName } from "../../data/frame.ts";

/** FNV-1a (32 bit) of a string, as 8 hex digits: a short, stable name, not a security hash. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

export function featureNodeId(computed?: readonly FeatureName[]): string {
  if (!computed) return "features";
  const names = [...new Set(computed)].sort();
  const all = [...new Set<string>(ALL_FEATURE_NAMES)].sort();
  if (names.join(",") === all.join(",")) return "features-all";
  return `features-${fnv1a(names.join(","))}`;
}
