/** The dashboard's styles: readable at 1280 px and on a phone (390 px), contrast AA. */
export const css = `
*, *::before, *::after { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2430; background: #f4f5f7; }
a { color: #0b57c2; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.loading { padding: 20px; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 20px; background: #12324a; color: #fff; }
header.top a { color: #fff; }
.brand { font-weight: 700; font-size: 17px; margin: 0; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 0; padding: 0; }
nav a { text-decoration: none; padding: 4px 2px; border-bottom: 2px solid transparent; }
nav a[aria-current="page"] { border-bottom-color: #fff; font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; }
.controls .custom { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; }
.controls .custom[hidden] { display: none; }
.who { margin: 0 0 0 auto; display: flex; align-items: center; gap: 10px; }
.role { padding: 2px 8px; border-radius: 10px; background: #e6edf3; color: #12324a; font-weight: 600; font-size: 13px; }
.role-admin { background: #ffebe9; color: #82071e; }
select, input, button { font: inherit; }
input, select { padding: 4px 6px; border: 1px solid #8a94a3; border-radius: 4px; background: #fff; color: #1d2430; max-width: 100%; }
button { padding: 5px 12px; border: 1px solid #12324a; border-radius: 4px; background: #12324a; color: #fff; cursor: pointer; }
button:disabled { opacity: 0.6; cursor: default; }
button.danger { background: #b00020; border-color: #b00020; }
header button { background: #fff; color: #12324a; }
.bar { display: flex; flex-wrap: wrap; gap: 4px 20px; padding: 6px 0 0; min-height: 2em; }
.live { margin: 0; color: #4a5361; font-size: 13px; }
.live.stale { color: #82071e; }
#message { margin: 0; font-size: 14px; }
#message.error, .error { color: #b00020; }
#message.ok { color: #0a6b2e; }
main { padding: 0 20px 40px; max-width: 1400px; }
.view-title { font-size: 20px; margin: 12px 0 4px; }
.card { margin-top: 14px; background: #fff; border: 1px solid #d5dae0; border-radius: 6px; padding: 12px 16px; }
.card h2 { font-size: 16px; margin: 0 0 8px; }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px 16px; margin: 0 0 10px; }
.stat dt { font-size: 12px; color: #4a5361; }
.stat dd { margin: 0; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px 20px; }
figure.chart { margin: 0; min-width: 0; }
figure.chart figcaption { font-size: 13px; font-weight: 600; margin-bottom: 2px; }
.plot { width: 100%; overflow: hidden; }
.key, .marks { list-style: none; padding: 0; margin: 2px 0 0; display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 12px; color: #3d4654; }
.marks li.mark-incident { color: #82071e; }
.marks li.mark-mode { color: #4b2a8a; }
.swatch { display: inline-block; width: 14px; height: 3px; margin-right: 5px; vertical-align: middle; }
.swatch.band { height: 10px; background: rgba(176, 0, 32, 0.15); border-left: 2px solid #b00020; }
.swatch.mode { height: 10px; border-left: 2px dashed #6639ba; width: 4px; }
.swatch.expected { height: 10px; border-left: 2px dotted #57606a; width: 4px; }
.marks li.mark-expected { color: #3d4654; }
.marked { margin-top: 8px; }
.marked h3 { font-size: 13px; margin: 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e3e7eb; font-variant-numeric: tabular-nums; vertical-align: top; }
th { font-size: 13px; color: #3d4654; }
td { overflow-wrap: break-word; }
.muted { color: #4a5361; }
.mode-open { color: #b00020; font-weight: 600; }
.mode-closed { color: #0a6b2e; font-weight: 600; }
fieldset { border: 0; padding: 0; margin: 0; }
fieldset legend { font-weight: 600; padding: 0; margin-bottom: 6px; }
fieldset.modes { margin: 8px 0; }
.radio { margin: 3px 0; }
.field { display: flex; flex-direction: column; gap: 2px; margin: 8px 0; max-width: 480px; }
.confirm { margin-top: 12px; padding: 12px; border: 2px solid #b00020; border-radius: 6px; background: #fff5f5; }
.confirm[hidden] { display: none; }
.confirm h2 { margin-top: 0; }
.buttons { display: flex; gap: 10px; flex-wrap: wrap; }
.buttons button:not(.danger) { background: #fff; color: #12324a; }
.rollout { border-top: 1px solid #e3e7eb; padding-top: 8px; margin-top: 8px; }
.rollout h3 { font-size: 14px; margin: 0 0 4px; }
.rollout-figure { font-weight: 600; }
.timeline { padding-left: 20px; }
.timeline li { margin: 4px 0; }
.timeline time { font-variant-numeric: tabular-nums; color: #3d4654; }
.signin { max-width: 460px; margin: 40px auto; }
.signin h1 { font-size: 20px; margin-top: 0; }
.signin input { width: 100%; }
@media (max-width: 800px) {
  header.top { padding: 8px 12px; gap: 6px 14px; }
  .who { margin-left: 0; }
  main { padding: 0 10px 30px; }
  .bar { padding: 6px 12px 0; }
  .charts { grid-template-columns: minmax(0, 1fr); }
  .card { padding: 10px; }
  .stats { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  /* Tables become one block per row: "label  value" lines, nothing squeezed letter by letter. */
  .scroll thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .scroll table, .scroll tbody, .scroll tr, .scroll td { display: block; width: 100%; }
  .scroll tr { border-bottom: 1px solid #d5dae0; padding: 6px 0; }
  .scroll td { display: grid; grid-template-columns: minmax(90px, 35%) 1fr; gap: 8px; border: 0; padding: 2px 0; overflow-wrap: anywhere; }
  .scroll td::before { content: attr(data-label); font-size: 12px; color: #4a5361; }
}
`;
