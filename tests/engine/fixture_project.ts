/**
 * Test helper: copies the fixture pipelines and tasks (tests/fixtures/engine) into a temp
 * project, pointing their engine imports at this checkout, and runs the real CLI on it in
 * subprocesses. Each task appends its node id to $FIXTURE_LOG, so tests see what ran.
 */
import { join } from "node:path";
import { fromFileUrl } from "../../engine/store/paths.ts";
import type { LedgerEntry } from "../../engine/ledger/ledger.ts";

export const REPO = fromFileUrl(new URL("../../", import.meta.url).href);
export const CLI = join(REPO, "cli.ts");
export const CONFIG = join(REPO, "deno.json");
const FIXTURES = join(REPO, "tests", "fixtures", "engine");
const ENGINE_URL = new URL("../../engine/", import.meta.url).href;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface StatusNode {
  id: string;
  status: "FRESH" | "STALE" | "MISSING";
  recompute: "will" | "may" | null;
  key: string | null;
  causes: Array<{ kind: string; detail: string }>;
  rootCauses: string[];
}

export class FixtureProject {
  readonly log: string;
  constructor(readonly root: string) {
    this.log = join(root, "ran.log");
  }

  static async create(): Promise<FixtureProject> {
    const root = await Deno.makeTempDir({ prefix: "finfusion-engine-test-" });
    for (const folder of ["pipelines", "tasks"]) {
      copyTree(join(FIXTURES, folder), join(root, folder));
    }
    return new FixtureProject(root);
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  command(args: string[], env: Record<string, string> = {}): Deno.Command {
    return new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", CONFIG, CLI, ...args, "--root", this.root],
      env: { FIXTURE_LOG: this.log, NO_COLOR: "1", ...env },
      stdout: "piped",
      stderr: "piped",
    });
  }

  async cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
    const output = await this.command(args, env).output();
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
  }

  /** Runs the CLI and fails the test with its output when the exit code differs. */
  async expectCli(args: string[], code = 0, env: Record<string, string> = {}): Promise<CliResult> {
    const result = await this.cli(args, env);
    if (result.code !== code) {
      throw new Error(
        `finfusion ${args.join(" ")} exited ${result.code}, expected ${code}\n` +
          `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
      );
    }
    return result;
  }

  async status(args: string[] = []): Promise<Map<string, StatusNode>> {
    const result = await this.expectCli(["status", "fx", "--json", ...args]);
    const nodes = JSON.parse(result.stdout).nodes as StatusNode[];
    return new Map(nodes.map((node) => [node.id, node]));
  }

  /** Node ids the tasks logged since the last call (in the order they ran), then clears. */
  ran(): string[] {
    let text = "";
    try {
      text = Deno.readTextFileSync(this.log);
      Deno.removeSync(this.log);
    } catch {
      // Nothing ran.
    }
    return text.split("\n").filter((line) => line);
  }

  ledger(): LedgerEntry[] {
    try {
      return Deno.readTextFileSync(this.path(".finfusion/ledger.jsonl")).trim().split("\n")
        .map((line) => JSON.parse(line));
    } catch {
      return [];
    }
  }

  lastRun(): LedgerEntry {
    const entries = this.ledger();
    if (!entries.length) throw new Error("no run in the ledger");
    return entries[entries.length - 1];
  }

  edit(relative: string, change: (text: string) => string): void {
    const path = this.path(relative);
    const before = Deno.readTextFileSync(path);
    const after = change(before);
    if (after === before) throw new Error(`edit of ${relative} changed nothing`);
    Deno.writeTextFileSync(path, after);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Deno.remove(this.root, { recursive: true });
  }
}

/** Ids of nodes with a given outcome in a ledger entry, sorted. */
export function outcomes(entry: LedgerEntry, outcome: string): string[] {
  return entry.nodes.filter((node) => node.outcome === outcome).map((node) => node.id).sort();
}

export const ALL_NODES = [
  "fit[year=2016,model=a]",
  "fit[year=2016,model=b]",
  "fit[year=2017,model=a]",
  "fit[year=2017,model=b]",
  "fold[year=2016]",
  "fold[year=2017]",
  "metrics",
  "other",
  "raw",
  "report",
  "scaled",
];

function copyTree(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const entry of Deno.readDirSync(from)) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory) copyTree(source, target);
    else {
      const text = Deno.readTextFileSync(source).replaceAll(
        '"../../../../engine/',
        `"${ENGINE_URL}`,
      );
      Deno.writeTextFileSync(target, text);
    }
  }
}
