/**
 * The context a task runs with, inline or in a Worker. A task not declared `seeded` has no
 * seed in its cache key, so its `ctx.seed` throws instead of letting a random draw hide
 * from the key.
 */
import type { TaskContext } from "../task.ts";
import type { AnyTask } from "../task.ts";
import type { ContextData } from "./worker_protocol.ts";

export function taskContext(
  task: Pick<AnyTask, "name" | "seeded">,
  data: ContextData,
  callbacks: Pick<TaskContext, "progress" | "warn" | "metric" | "signal">,
): TaskContext {
  const context: TaskContext = { ...data, ...callbacks };
  if (task.seeded) return context;
  return Object.defineProperty(context, "seed", {
    enumerable: true,
    get(): number {
      throw new Error(
        `task "${task.name}" reads ctx.seed but is not declared seeded: add \`seeded: true\` ` +
          "to its defineTask so that the seed joins its nodes' cache keys",
      );
    },
  });
}
