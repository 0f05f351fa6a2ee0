/** `status <name>`: every node FRESH / STALE / MISSING with its cause and root cause. */
import { Command } from "@commander-js/extra-typings";
import { formatStatus, pipelineStatus, statusRows } from "../status.ts";
import {
  backendOption,
  dataOption,
  forceOption,
  offlineOption,
  onlyOption,
  outOption,
  planOptionsFrom,
  projectFrom,
  rootOption,
  seedOption,
  setOption,
  stateOption,
} from "./options.ts";

export function statusCommand() {
  return new Command("status")
    .description("show which nodes are fresh, stale or missing, and why")
    .argument("<name>", "pipeline name (a file in pipelines/)")
    .addOption(setOption())
    .addOption(forceOption())
    .addOption(onlyOption())
    .addOption(backendOption())
    .addOption(dataOption())
    .addOption(offlineOption())
    .addOption(seedOption())
    .option("--json", "print one JSON object per node")
    .addOption(rootOption())
    .addOption(stateOption())
    .addOption(outOption())
    .action(async (name, options) => {
      const project = projectFrom(options);
      const result = await pipelineStatus(project, planOptionsFrom(name, options, project));
      if (options.json) {
        console.log(JSON.stringify(
          {
            pipeline: result.prepared.graph.name,
            backend: result.prepared.backend,
            seed: result.prepared.graph.seed,
            problems: result.plan.problems,
            nodes: statusRows(result.plan),
          },
          null,
          2,
        ));
      } else {
        console.log(formatStatus(result));
      }
    });
}
