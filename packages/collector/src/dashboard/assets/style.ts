export const css = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9; }
header { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: center; padding: 12px 20px; background: #12324a; color: #fff; }
header h1 { font-size: 18px; margin: 0 12px 0 0; }
header input, header select { margin-left: 4px; }
main { padding: 0 20px 40px; }
section { margin-top: 20px; background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 12px 16px; }
h2 { font-size: 15px; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eceff2; font-variant-numeric: tabular-nums; }
.muted { color: #6b7685; }
header .muted { color: #b9c7d3; }
#message { margin: 8px 20px 0; min-height: 1.4em; }
#message.error { color: #b00020; }
.mode-open { color: #b00020; font-weight: 600; }
.mode-closed { color: #0a6b2e; font-weight: 600; }
form#switch { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
#charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
.chart h3 { font-size: 14px; margin: 4px 0; }
`;
