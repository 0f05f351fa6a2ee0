/** `cache gc`: removes unreachable store entries and prints how much it freed. */
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { collectGarbage } from "../store/gc.ts";
import { formatBytes } from "./format.ts";
import {
  backendOption,
  type CliHost,
  dataDirFrom,
  dataOption,
  lockTimeoutMsFrom,
  lockTimeoutOption,
  offlineOption,
  outOption,
  positiveInt,
  projectFrom,
  rootOption,
  stateOption,
  storeOption,
  verboseOption,
} from "./options.ts";

export function cacheCommand(host: CliHost) {
  const cache = new Command("cache").description("manage the content-addressed store");
  cache.command("gc")
    .description(
      "remove entries unreachable from the current pipelines and the runs kept in the ledger",
    )
    .addOption(
      new Option("--keep-runs <n>", "keep artifacts of only the last N runs of each pipeline")
        .argParser(positiveInt),
    )
    .option("--dry-run", "report what would be removed, remove nothing")
    .addOption(
      new Option(
        "--grace <minutes>",
        "with --store: keep remote entries younger than this (a run elsewhere may be writing)",
      ).argParser(minutes).default(60),
    )
    .addOption(lockTimeoutOption())
    // Runs key fetch nodes on the data folder and training nodes on the backend: plan alike.
    .addOption(dataOption())
    .addOption(offlineOption())
    .addOption(backendOption(host))
    .addOption(verboseOption())
    .addOption(rootOption())
    .addOption(stateOption())
    .addOption(storeOption())
    .addOption(outOption())
    .action(async (options) => {
      const project = projectFrom(options);
      const summary = await collectGarbage(project, {
        dataDir: dataDirFrom(options.data, project),
        offline: options.offline ?? false,
        backend: options.backend,
        resolveBackend: host.resolveBackend,
        keepRuns: options.keepRuns ?? null,
        dryRun: options.dryRun ?? false,
        remoteGraceMs: options.grace * 60_000,
        lockTimeoutMs: lockTimeoutMsFrom(options),
        onInfo: (message) => console.error(message),
      });
      const verb = options.dryRun ? "would free" : "freed";
      console.log(
        `cache gc: ${verb} ${formatBytes(summary.freedBytes)} (${summary.removedObjects} ` +
          `objects, ${summary.removedKeys} keys, ${summary.removedTemp} temp files or ` +
          `folders); kept ${summary.keptObjects} objects and ${summary.keptKeys} keys ` +
          `(${formatBytes(summary.keptBytes)})`,
      );
      const remote = summary.remote;
      if (remote) {
        for (const problem of remote.problems) console.error(`warning: ${problem}`);
        console.log(
          `cache gc: remote store ${options.store}: ${verb} ${formatBytes(remote.freedBytes)} ` +
            `(${remote.removedObjects} objects, ${remote.removedKeys} keys); kept ` +
            `${remote.keptObjects} objects and ${remote.keptKeys} keys ` +
            `(${formatBytes(remote.keptBytes)})`,
        );
      }
    });
  return cache;
}

function minutes(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    throw new InvalidArgumentError("expected a number of minutes (0 or more)");
  }
  return number;
}
