/**
 * Which `tf.profile` entries are kernels. The profile also lists ops (`…__op`) and
 * custom-gradient scopes ("forward", "unnamed scope", a tidy's name…) around kernels it lists
 * too; counting those would count their kernels twice. The bench's kernel profiles keep only
 * the entries registered as kernels of the active backend.
 */
import * as tf from "@tensorflow/tfjs";

export function isKernel(entry: { name: string }): boolean {
  return tf.getKernel(entry.name, tf.getBackend()) !== undefined;
}
