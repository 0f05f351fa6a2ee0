/**
 * Where a project keeps things: the root (with `pipelines/`), the state folder
 * (`.finfusion/`: store, ledger, manifests, lock, caches), the output folder (`out/`) and
 * the deno.json used to resolve imports when hashing task modules.
 */
import { join, resolve } from "node:path";
import { exists } from "./paths.ts";
import { ENGINE_CONFIG } from "../ledger/run_info.ts";
import { Store } from "./store.ts";

export interface ProjectOptions {
  root?: string;
  /** State folder; default `<root>/.finfusion`. */
  stateDir?: string;
  /** Output folder; default `<root>/out`. */
  outDir?: string;
  /** Remote store URL (`s3://bucket/prefix`), shared across machines; null or absent: none. */
  store?: string | null;
}

export interface Project {
  root: string;
  stateDir: string;
  outDir: string;
  configFile: string;
  store: Store;
  /** The shared remote store behind the local one (`--store`), or null (the default). */
  remoteUrl: string | null;
}

export function openProject(options: ProjectOptions = {}): Project {
  const root = resolve(options.root ?? Deno.cwd());
  const stateDir = resolve(root, options.stateDir ?? ".finfusion");
  const local = join(root, "deno.json");
  return {
    root,
    stateDir,
    outDir: resolve(root, options.outDir ?? "out"),
    configFile: exists(local) ? local : ENGINE_CONFIG,
    store: new Store(join(stateDir, "store")),
    remoteUrl: options.store ?? null,
  };
}
