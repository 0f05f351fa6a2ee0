/** Renders the fixture report in a separate process and prints SHA-256 digests of its files. */
import { renderReportFiles } from "../../reports/render_report.ts";
import { fileDigests, fixtureReport } from "./report_fixture.ts";

const { metrics, title } = fixtureReport();
const { files } = await renderReportFiles(metrics, { title });
console.log(JSON.stringify(fileDigests(files)));
