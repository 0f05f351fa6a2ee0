/** `status <name>`: every node FRESH / STALE / MISSING with its cause and root cause. */
import { formatStatus, pipelineStatus, statusRows } from "../run/status.ts";
import {
  type CliHost,
  outOption,
  planningCommand,
  planOptionsFrom,
  projectFrom,
  rootOption,
  stateOption,
  storeOption,
  verboseOption,
} from "./options.ts";

export function statusCommand(host: CliHost) {
  return planningCommand("status", "show which nodes are fresh, stale or missing, and why", host)
    .option("--json", "print one JSON object per node")
    .addOption(verboseOption())
    .addOption(rootOption())
    .addOption(stateOption())
    .addOption(storeOption())
    .addOption(outOption())
    .action(async (name, options) => {
      const project = projectFrom(options);
      const result = await pipelineStatus(project, planOptionsFrom(name, options, project, host));
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
