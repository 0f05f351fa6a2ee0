/** The page's inline stylesheet: readable type, quiet tables, responsive charts. */
export const STYLE = `
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #e3e3e3; --accent: #1f5fa8; --bad: #b3261e;
  --bad-bg: #fdecea; --good: #1e7b34; --good-bg: #e8f5e9; --panel: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 64px; }
header h1 { font-size: 28px; margin: 0 0 6px; letter-spacing: -0.01em; }
.lede { color: var(--muted); margin: 0 0 6px; }
.run-line { color: var(--muted); font-size: 13px; margin: 0 0 18px; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: var(--panel); padding: 1px 4px; border-radius: 3px; }
details.config { margin: 4px 0; font-size: 13px; }
details.config pre { background: var(--panel); padding: 8px 12px; overflow-x: auto;
  font-size: 12px; max-height: 360px; }
nav { display: flex; flex-wrap: wrap; gap: 6px 14px; padding: 10px 0 14px;
  border-bottom: 1px solid var(--rule); margin-bottom: 8px; font-size: 14px; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
h2 { font-size: 21px; margin: 38px 0 10px; padding-top: 8px; border-top: 1px solid var(--rule); }
section:first-of-type h2 { border-top: none; margin-top: 18px; }
h3 { font-size: 16px; margin: 22px 0 8px; }
p { margin: 8px 0; }
.conclusion { background: var(--panel); border-left: 4px solid var(--accent); padding: 10px 16px;
  margin: 14px 0; }
.conclusion p:first-child { font-weight: 600; font-size: 16px; }
.warnings { background: var(--bad-bg); border-left: 4px solid var(--bad); padding: 8px 16px; }
.warnings li { margin: 2px 0; }
.table-wrap { overflow-x: auto; margin: 10px 0 16px; }
table { border-collapse: collapse; font-size: 13px; min-width: 50%; }
.table-note { color: var(--muted); font-size: 13px; margin: 14px 0 -4px; max-width: 820px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--rule); text-align: left;
  white-space: nowrap; vertical-align: top; }
th { font-weight: 600; background: var(--panel); border-bottom: 2px solid #d5d5d5;
  white-space: normal; vertical-align: bottom; }
td.bad:not(.num), td.good:not(.num) { white-space: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.bad { color: var(--bad); background: var(--bad-bg); font-weight: 600; }
td.good { color: var(--good); background: var(--good-bg); font-weight: 600; }
td.muted { color: var(--muted); }
td .detail { color: var(--muted); font-size: 11.5px; font-weight: normal; }
figure.chart { margin: 18px 0 26px; }
figure.chart figcaption { font-size: 13.5px; color: var(--muted); margin-bottom: 6px; max-width: 820px; }
figure.chart figcaption strong { display: block; color: var(--ink); font-size: 15px; }
figure.chart .svg { overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
ul.method { padding-left: 20px; font-size: 14px; color: #333; }
ul.method li { margin: 4px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; border-top: 1px solid var(--rule);
  padding-top: 10px; }
@media print { nav { display: none; } h2 { break-before: auto; } figure { break-inside: avoid; } }
`;
