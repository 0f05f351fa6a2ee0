/** Finds a task by name among a module's exports (Workers and `report <hash>` use this). */
import type { AnyTask } from "../task.ts";

export async function findTaskExport(moduleUrl: string, name: string): Promise<AnyTask | null> {
  const module = await import(moduleUrl);
  for (const value of Object.values(module)) {
    if (
      typeof value === "object" && value !== null && (value as AnyTask).name === name &&
      typeof (value as AnyTask).run === "function"
    ) return value as AnyTask;
  }
  return null;
}

/** Like {@link findTaskExport} but throws a message naming the module and the task. */
export async function requireTaskExport(moduleUrl: string, name: string): Promise<AnyTask> {
  const task = await findTaskExport(moduleUrl, name);
  if (!task) throw new Error(`task "${name}" is not exported from ${moduleUrl}`);
  return task;
}
