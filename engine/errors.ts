/** Load-time errors: each names the DAG file, the node and the field, and nothing runs. */

export interface DeclarationIssue {
  /** Node (group or expansion) id, or null for file-level problems. */
  node: string | null;
  /** Dotted field path, e.g. "params.lr" or "inputs.fold"; null when it is the whole node. */
  field: string | null;
  message: string;
}

export function formatIssue(issue: DeclarationIssue): string {
  const where = [
    issue.node === null ? null : `node "${issue.node}"`,
    issue.field === null ? null : `field "${issue.field}"`,
  ].filter((part) => part !== null).join(" ");
  return where ? `${where}: ${issue.message}` : issue.message;
}

export class PipelineDeclarationError extends Error {
  constructor(readonly file: string, readonly issues: DeclarationIssue[]) {
    const lines = issues.map(formatIssue);
    super(
      issues.length === 1
        ? `${file}: ${lines[0]}. Nothing ran.`
        : `${file}: ${issues.length} invalid declarations; nothing ran.\n  ${lines.join("\n  ")}`,
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
