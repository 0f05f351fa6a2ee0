/**
 * The code examples of the project's Markdown files. A fenced block's info string says what
 * the block is:
 *
 * - ```` ```ts ```` (or `typescript`): a complete module that runs. A DAG file (default export
 *   `pipeline(…)`) runs as a pipeline; the words after `ts` are extra command-line arguments for
 *   that run, e.g. ```` ```ts --set 'fold.testYear=[2018]' ```` to run a tiny slice.
 * - ```` ```ts ignore ````: an excerpt of a larger file, shown for reading; it is not run
 *   (Deno's own marker: `deno check --doc-only` and `deno test --doc` skip it too).
 * - ```` ```sh ````: shell commands; `deno task <name>` must name a task of deno.json.
 *
 * Relative imports in an example resolve against the Markdown file's own folder, as its
 * links do.
 */
import { join, relative } from "node:path";

/** One fenced code block. */
export interface DocBlock {
  /** The Markdown file, relative to the repository. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The info string's first word ("ts", "sh", …; "" when none). */
  lang: string;
  /** The info string's other words, shell-split. */
  words: string[];
  code: string;
}

export const TYPESCRIPT = ["ts", "typescript"];
export const SHELLS = ["sh", "bash", "shell", "console"];
/** Blocks shown as they are: no language, or plain text (trees, folder layouts, output). */
export const PLAIN = ["", "text"];
export const FRAGMENT = "ignore";

/** Folders that hold no documentation of the project. */
const SKIPPED_FOLDERS = new Set([".git", "node_modules", ".finfusion", "out"]);

/** Every Markdown file under `root`, relative to it, sorted. */
export function markdownFiles(root: string, folder = ""): string[] {
  const files: string[] = [];
  for (const entry of Deno.readDirSync(join(root, folder))) {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory && !SKIPPED_FOLDERS.has(entry.name)) {
      files.push(...markdownFiles(root, path));
    } else if (entry.isFile && entry.name.endsWith(".md")) {
      files.push(path);
    }
  }
  return files.sort();
}

/** Splits an info string's words as a shell would: single and double quotes group. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"([^"]*)"|([^\s'"]+)/g;
  let current: string | null = null;
  let end = -1;
  for (const match of text.matchAll(pattern)) {
    const part = match[1] ?? match[2] ?? match[3];
    if (current !== null && match.index === end) current += part;
    else {
      if (current !== null) words.push(current);
      current = part;
    }
    end = match.index + match[0].length;
  }
  if (current !== null) words.push(current);
  return words;
}

/** The fenced blocks of one Markdown text (``` or ~~~ fences, not indented code). */
export function fencedBlocks(markdown: string, file: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(\s*)(`{3,}|~{3,})\s*(.*)$/);
    if (!open) continue;
    const fence = open[2];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) body.push(lines[j++]);
    if (j === lines.length) {
      throw new Error(`${file}:${i + 1}: the code block opened here is never closed`);
    }
    const [lang = "", ...words] = shellWords(open[3]);
    blocks.push({ file, line: i + 1, lang, words, code: body.join("\n") + "\n" });
    i = j;
  }
  return blocks;
}

/** Every fenced block of every Markdown file of the repository at `root`. */
export function docBlocks(root: string): DocBlock[] {
  return markdownFiles(root).flatMap((file) =>
    fencedBlocks(Deno.readTextFileSync(join(root, file)), relative(root, join(root, file)))
  );
}

/** Whether a TypeScript block is marked as an excerpt rather than a runnable module. */
export function isFragment(block: DocBlock): boolean {
  return block.words[0] === FRAGMENT;
}

/** The block's code with relative import specifiers made absolute against `base`. */
export function absoluteImports(code: string, base: URL): string {
  return code.replace(
    /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"']+)\2/g,
    (_all, keyword: string, quote: string, specifier: string) =>
      `${keyword}${quote}${new URL(specifier, base).href}${quote}`,
  );
}
