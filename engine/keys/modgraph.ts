/**
 * Source hashes of task modules (and of the implementation modules tasks name for their
 * nodes): each module's closure is the module plus every local module it imports at run
 * time (type-only imports excluded), found with `deno info --json`, and the npm packages
 * (name@version, transitively, as locked) that closure reaches.
 *
 * Resolving the graph on every run would cost a subprocess per task module, so results are
 * cached in a JSON file: a cached closure is reused while each of its files keeps its
 * stamp (size, mtime, ctime and inode: `store/file_stamp.ts`; an edit whose mtime was put
 * back, as `cp -p` does, still changes the ctime), or, when that changed, while its
 * content hash is unchanged. A changed
 * file, `deno.json` or `deno.lock` re-resolves the graph (the imports may have changed).
 */
import { dirname, join, resolve } from "node:path";
import { sha256File } from "./hash.ts";
import { relativeTo } from "../store/paths.ts";
import { readJsonFile, writeFileAtomic } from "../store/atomic.ts";
import { fileStamp, stampOf } from "../store/file_stamp.ts";
import type { Project } from "../store/project.ts";

export interface ModuleClosure {
  /** Project-relative path → SHA-256 of the file, sorted by path. */
  files: Record<string, string>;
  /** npm packages as name@version, sorted. */
  npm: string[];
}

interface FileEntry {
  /** Null while the file is too recent to trust its stamp: its content is hashed each time. */
  stamp: string | null;
  hash: string;
}

interface GraphEntry {
  locals: string[];
  npm: string[];
}

interface CacheFile {
  version: 2;
  config: string;
  files: Record<string, FileEntry>;
  graphs: Record<string, GraphEntry>;
}

export interface SourceHasherOptions {
  /** Project root: closure paths are relative to it, so keys survive moving the checkout. */
  root: string;
  /** Where the resolved graphs are cached. */
  cacheFile: string;
  /** deno.json used to resolve bare imports (its deno.lock sits beside it). */
  configFile: string;
}

/** The project's hasher; runs and reports share its cache, `<stateDir>/cache/modgraph.json`. */
export function sourceHasherFor(project: Project): SourceHasher {
  return new SourceHasher({
    root: project.root,
    cacheFile: join(project.stateDir, "cache", "modgraph.json"),
    configFile: project.configFile,
  });
}

export class SourceHasher {
  #options: SourceHasherOptions;
  #cache: CacheFile;
  #dirty = false;

  constructor(options: SourceHasherOptions) {
    this.#options = options;
    const config = configStamp(options.configFile);
    const cached = readJsonFile<CacheFile>(options.cacheFile);
    this.#cache = cached?.version === 2 && cached.config === config
      ? cached
      : { version: 2, config, files: {}, graphs: {} };
    if (cached?.config !== config) this.#dirty = true;
  }

  /** Closures of the given module URLs (file: URLs of task modules). */
  async closures(moduleUrls: string[]): Promise<Map<string, ModuleClosure>> {
    const unique = [...new Set(moduleUrls)];
    const stale = unique.filter((url) => !this.#isCurrent(url));
    await Promise.all(stale.map(async (url) => {
      this.#cache.graphs[url] = await resolveGraph(url, this.#options.configFile);
      this.#dirty = true;
    }));
    const result = new Map<string, ModuleClosure>();
    for (const url of unique) {
      const graph = this.#cache.graphs[url];
      const files: Record<string, string> = {};
      for (const local of [...graph.locals].sort()) {
        files[relativeTo(this.#options.root, local)] = this.#fileHash(local)!;
      }
      result.set(url, { files, npm: graph.npm });
    }
    if (this.#dirty) {
      writeFileAtomic(this.#options.cacheFile, JSON.stringify(this.#cache));
      this.#dirty = false;
    }
    return result;
  }

  #isCurrent(url: string): boolean {
    const graph = this.#cache.graphs[url];
    if (!graph) return false;
    return graph.locals.every((local) => {
      const before = this.#cache.files[local]?.hash;
      return before !== undefined && this.#fileHash(local) === before;
    });
  }

  /** Content hash of a file, trusting the cached hash while its stamp is unchanged. */
  #fileHash(path: string): string | null {
    let stamp: string | null;
    try {
      stamp = fileStamp(Deno.statSync(path));
    } catch {
      return null;
    }
    const cached = this.#cache.files[path];
    if (stamp !== null && cached?.stamp === stamp) return cached.hash;
    const hash = sha256File(path);
    if (cached?.stamp !== stamp || cached?.hash !== hash) {
      this.#cache.files[path] = { stamp, hash };
      this.#dirty = true;
    }
    return hash;
  }
}

/** deno.json and deno.lock; a file too recent to stamp never matches (the graphs are re-read). */
function configStamp(configFile: string): string {
  return [configFile, resolve(dirname(configFile), "deno.lock")].map((path) => {
    try {
      Deno.statSync(path);
    } catch {
      return `${path}:absent`;
    }
    return `${path}:${stampOf(path) ?? `unsettled-${crypto.randomUUID()}`}`;
  }).join("|");
}

interface InfoModule {
  specifier: string;
  kind?: string;
  local?: string;
  npmPackage?: string;
  error?: string;
  dependencies?: Array<{ code?: { specifier?: string } }>;
}

interface InfoOutput {
  modules: InfoModule[];
  redirects: Record<string, string>;
  npmPackages: Record<string, { name: string; version: string; dependencies?: string[] }>;
}

async function resolveGraph(url: string, configFile: string): Promise<GraphEntry> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--config", configFile, url],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    throw new Error(
      `deno info failed for ${url}: ${new TextDecoder().decode(output.stderr).trim()}`,
    );
  }
  const info = JSON.parse(new TextDecoder().decode(output.stdout)) as InfoOutput;
  const modules = new Map(info.modules.map((module) => [module.specifier, module]));
  const locals = new Set<string>();
  const packages = new Set<string>();
  const seen = new Set<string>();
  const stack = [url];
  while (stack.length) {
    let specifier = stack.pop()!;
    specifier = info.redirects[specifier] ?? specifier;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    const module = modules.get(specifier);
    if (!module) continue;
    if (module.error) throw new Error(`cannot hash ${url}: ${module.error}`);
    if (module.npmPackage) collectPackages(module.npmPackage, info, packages);
    else if (module.local) locals.add(module.local);
    else if (!specifier.startsWith("node:")) packages.add(specifier);
    for (const dependency of module.dependencies ?? []) {
      if (dependency.code?.specifier) stack.push(dependency.code.specifier);
    }
  }
  return { locals: [...locals].sort(), npm: [...packages].sort() };
}

function collectPackages(id: string, info: InfoOutput, into: Set<string>): void {
  const stack = [id];
  const seen = new Set<string>();
  while (stack.length) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    const entry = info.npmPackages[current];
    if (!entry) continue;
    into.add(`${entry.name}@${entry.version}`);
    stack.push(...entry.dependencies ?? []);
  }
}
