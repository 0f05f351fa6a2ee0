/** Load-time errors: each names the DAG file, the node and the field, and nothing runs. */

export interface DeclarationIssue {
  /** Node (group or expansion) id, or null for file-level problems. */
  node: string | null;
  /** Dotted field path, e.g. "params.lr" or "inputs.fold"; null when it is the whole node. */
  field: string | null;
  message: string;
}

function formatIssue(issue: DeclarationIssue, expansions: string[] = []): string {
  const node = expansions.length > 1
    ? `node "${groupOf(issue.node!)}" in ${expansions.length} expansions ` +
      `(${expansions[0]} … ${expansions[expansions.length - 1]})`
    : issue.node === null
    ? null
    : `node "${issue.node}"`;
  const where = [node, issue.field === null ? null : `field "${issue.field}"`]
    .filter((part) => part !== null).join(" ");
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** One line per problem: the same problem in several expansions of a node is one line. */
function formatIssues(issues: DeclarationIssue[]): string[] {
  const merged = new Map<string, { issue: DeclarationIssue; nodes: string[] }>();
  for (const issue of issues) {
    const node = issue.node?.includes("[") ? `${groupOf(issue.node)}[` : issue.node;
    const key = JSON.stringify([node, issue.field, issue.message]);
    const bucket = merged.get(key) ?? { issue, nodes: [] };
    if (issue.node !== null) bucket.nodes.push(issue.node);
    merged.set(key, bucket);
  }
  return [...merged.values()].map(({ issue, nodes }) => formatIssue(issue, nodes));
}

/** `fit[testYear=2016,model=tft]` → `fit` (node ids cannot contain "["). */
function groupOf(node: string): string {
  const bracket = node.indexOf("[");
  return bracket < 0 ? node : node.slice(0, bracket);
}

export class PipelineDeclarationError extends Error {
  constructor(readonly file: string, readonly issues: DeclarationIssue[]) {
    const lines = formatIssues(issues);
    super(
      lines.length === 1
        ? `${file}: ${lines[0]}. Nothing ran.`
        : `${file}: ${lines.length} invalid declarations; nothing ran.\n  ${lines.join("\n  ")}`,
    );
    this.name = "PipelineDeclarationError";
  }
}

/** A user-facing error whose message is complete; the CLI prints it without a stack. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}
