/** The dashboard page. Scripts and styles are separate files so a strict CSP applies. */
export const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lifeboat fleet</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/uplot.css">
<link rel="stylesheet" href="/dashboard/app.css">
</head>
<body>
<header>
  <h1>Lifeboat fleet</h1>
  <form id="token-form" autocomplete="off">
    <label>Token <input id="token" type="password" placeholder="read or admin token" size="28"></label>
    <button type="submit">Use</button>
    <button type="button" id="forget">Forget</button>
  </form>
  <label>App <select id="app"></select></label>
  <label>Range <select id="range">
    <option value="3600000">1 hour</option>
    <option value="21600000">6 hours</option>
    <option value="86400000">24 hours</option>
    <option value="604800000">7 days</option>
  </select></label>
  <span id="updated" class="muted"></span>
</header>
<p id="message" role="status"></p>
<main>
  <section>
    <h2>Open incidents</h2>
    <table id="incidents"><thead><tr><th>Guard</th><th>Incident</th><th>Opened</th><th>Cause</th><th>Failure share</th><th>Peak</th><th>Shops</th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>Modes (status document)</h2>
    <table id="modes"><thead><tr><th>Guard</th><th>Mode</th><th>Probe</th><th>Reason</th><th>Banner</th><th>Set by</th><th>Updated</th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>Kill switch</h2>
    <form id="switch" autocomplete="off">
      <label>Guard <input id="sw-guard" required pattern="[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}" list="guard-list"></label>
      <datalist id="guard-list"></datalist>
      <label>Mode <select id="sw-mode"><option>open</option><option>closed</option><option>auto</option></select></label>
      <label>Reason <input id="sw-reason" maxlength="200"></label>
      <label>Banner <input id="sw-banner" maxlength="200"></label>
      <label>Probe <input id="sw-probe" type="number" min="0" max="1" step="0.05"></label>
      <button type="submit">Apply</button>
    </form>
    <p class="muted">Needs an admin token. Every change is recorded in the audit trail.</p>
  </section>
  <section>
    <h2>Guards</h2>
    <div id="charts"></div>
  </section>
</main>
<script src="/dashboard/uplot.js"></script>
<script src="/dashboard/app.js"></script>
</body>
</html>
`;
