/** `worker --queue redis://… --store s3://…`: takes nodes from a pipeline's job queue. */
import { Command, Option } from "@commander-js/extra-typings";
import { interruptOnSignals } from "../run/interrupt.ts";
import { runWorker } from "../queue/worker.ts";
import {
  dataDirFrom,
  positiveInt,
  projectFrom,
  rootOption,
  seconds,
  stateOption,
} from "./options.ts";
import { UserError } from "../declare/errors.ts";

export function workerCommand(exit: (code: number) => void) {
  return new Command("worker")
    .description(
      "take nodes from the job queue of a shared store and compute them (planners enqueue them " +
        "with `pipeline <name> --queue … --store …`)",
    )
    .requiredOption("--queue <url>", "the job queue: redis://host:port[/db]")
    .requiredOption(
      "--store <url>",
      "the shared store the planners use: s3://bucket/prefix (endpoint and credentials from " +
        "AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION)",
    )
    .addOption(
      new Option("-j, --jobs <n>", "jobs to run at once, each in its own subprocess")
        .argParser(positiveInt).default(1),
    )
    .addOption(
      new Option(
        "--lock <seconds>",
        "how long a job stays claimed without a heartbeat; a dead worker's job returns to the " +
          "queue after this long",
      ).argParser(seconds).default(30),
    )
    .option("--data <dir>", "offline data mirror (default: $FINFUSION_DATA, else ../shared/data)")
    .addOption(rootOption())
    .addOption(stateOption())
    .action(async (options) => {
      if (options.lock < 1) throw new UserError("--lock must be at least 1 second");
      const project = projectFrom(options);
      const interrupts = interruptOnSignals(() => {});
      try {
        await runWorker({
          queue: options.queue,
          store: options.store,
          root: project.root,
          stateDir: project.stateDir,
          configFile: project.configFile,
          dataDir: dataDirFrom(options.data, project),
          jobs: options.jobs,
          lockMs: options.lock * 1000,
          signal: interrupts.signal,
          log: (message) => console.error(`[${new Date().toISOString()}] ${message}`),
        });
        exit(0);
      } finally {
        interrupts.dispose();
      }
    });
}
