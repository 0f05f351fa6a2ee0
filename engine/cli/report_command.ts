/** `report <hash>`: re-renders a report from cached artifacts, byte-identical. */
import { Command } from "@commander-js/extra-typings";
import { rerenderReport } from "../run/rerender.ts";
import {
  lockTimeoutMsFrom,
  lockTimeoutOption,
  outOption,
  projectFrom,
  rootOption,
  stateOption,
  verboseOption,
} from "./options.ts";

export function reportCommand() {
  return new Command("report")
    .description("re-render a report from its cached inputs (key or unique key prefix)")
    .argument("<hash>", "the report's key, or its first digits (the report folder's name)")
    .addOption(lockTimeoutOption())
    .addOption(verboseOption())
    .addOption(rootOption())
    .addOption(stateOption())
    .addOption(outOption())
    .action(async (hash, options) => {
      const { folder, record } = await rerenderReport(projectFrom(options), hash, {
        lockTimeoutMs: lockTimeoutMsFrom(options),
        onInfo: (message) => console.error(message),
      });
      console.log(
        `re-rendered ${record.pipeline}/${record.nodeId} (key ${record.key.slice(0, 12)})`,
      );
      console.log(`report: ${folder}`);
    });
}
