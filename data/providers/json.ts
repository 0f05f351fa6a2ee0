/** JSON parsing that tells a cut-off download ("truncated") from other broken JSON. */
import { DataError } from "../errors.ts";
import type { CsvWhere } from "../csv.ts";

export function parseJson(text: string, where: CsvWhere): unknown {
  if (text.trim() === "") {
    throw new DataError({ ...where, code: "empty", problem: "the response body is empty" });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const atEnd = /end of JSON input/i.test(message) || position >= text.trimEnd().length;
    throw new DataError({
      ...where,
      code: atEnd ? "truncated" : "malformed",
      problem: atEnd
        ? `the JSON response ends early (${text.length} bytes: ${message}); fetch it again`
        : `the response is not valid JSON (${message})`,
    });
  }
}
