/**
 * The dashboard's browser script (plain ES2017, no build step). It only uses textContent to put
 * data on the page, and binds events with addEventListener: no inline handlers, CSP-friendly.
 * The token lives in sessionStorage, so it is gone when the tab closes.
 */
export const script = String.raw`
(function () {
  'use strict';
  var TOKEN_KEY = 'lifeboat.dashboard.token';
  var $ = function (id) { return document.getElementById(id); };
  var charts = {};
  var timer = null;
  var loadFailed = false;

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }
  function say(text, isError) { var m = $('message'); m.textContent = text || ''; m.className = isError ? 'error' : ''; }
  function fmtTime(t) { return t ? new Date(t).toLocaleString() : ''; }
  function pct(x) { return x === null || x === undefined ? '' : (Math.round(x * 1000) / 10) + '%'; }

  function api(path, init) {
    init = init || {};
    var headers = init.headers || {};
    headers['authorization'] = 'Bearer ' + token();
    init.headers = headers;
    return fetch(path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) throw new Error((body && body.message) || ('HTTP ' + res.status));
        return body;
      });
    });
  }

  function cell(tr, text, cls) { var td = document.createElement('td'); td.textContent = text === null || text === undefined ? '' : String(text); if (cls) td.className = cls; tr.appendChild(td); }
  function fill(tableId, rows, toCells) {
    var tbody = $(tableId).querySelector('tbody');
    tbody.textContent = '';
    rows.forEach(function (r) { var tr = document.createElement('tr'); toCells(tr, r); tbody.appendChild(tr); });
    if (!rows.length) { var tr = document.createElement('tr'); cell(tr, 'none', 'muted'); tbody.appendChild(tr); }
  }

  function loadApps() {
    return api('/v1/apps').then(function (body) {
      var sel = $('app'); var keep = sel.value; sel.textContent = '';
      body.apps.forEach(function (a) { var o = document.createElement('option'); o.value = a.app; o.textContent = a.app + (a.openIncidents ? ' (' + a.openIncidents + ' open)' : ''); sel.appendChild(o); });
      if (keep) sel.value = keep;
      var list = $('guard-list'); list.textContent = '';
      var current = body.apps.filter(function (a) { return a.app === sel.value; })[0];
      (current ? current.guards : []).forEach(function (g) { var o = document.createElement('option'); o.value = g; list.appendChild(o); });
    });
  }

  function drawChart(series) {
    var el = charts[series.guard];
    var xs = series.points.map(function (p) { return p.t / 1000; });
    var share = series.points.map(function (p) { return p.failureShare === null ? null : p.failureShare * 100; });
    var calls = series.points.map(function (p) { return p.calls; });
    var data = [xs, share, calls];
    if (el && el.plot) { el.plot.setData(data); return; }
    var box = document.createElement('div'); box.className = 'chart';
    var h = document.createElement('h3'); h.textContent = series.guard; box.appendChild(h);
    $('charts').appendChild(box);
    var plot = new uPlot({
      width: 520, height: 220,
      scales: { share: { range: [0, 100] }, calls: {} },
      series: [{}, { label: 'failure %', scale: 'share', stroke: '#b00020', width: 2 }, { label: 'calls', scale: 'calls', stroke: '#1f6feb', width: 1 }],
      axes: [{}, { scale: 'share', label: 'failure %' }, { scale: 'calls', side: 1, label: 'calls', grid: { show: false } }],
    }, data, box);
    charts[series.guard] = { plot: plot, box: box };
  }

  function refresh() {
    var app = $('app').value;
    if (!app || !token()) return Promise.resolve();
    var range = Number($('range').value);
    var to = Date.now(); var from = to - range;
    var base = '/v1/apps/' + encodeURIComponent(app);
    return Promise.all([
      api(base + '/health?from=' + from + '&to=' + to),
      api(base + '/incidents?state=open'),
      api(base + '/modes'),
    ]).then(function (r) {
      var seen = {};
      r[0].series.forEach(function (s) { seen[s.guard] = true; drawChart(s); });
      Object.keys(charts).forEach(function (g) { if (!seen[g]) { charts[g].plot.destroy(); charts[g].box.remove(); delete charts[g]; } });
      fill('incidents', r[1].incidents, function (tr, i) {
        cell(tr, i.guard); cell(tr, i.id); cell(tr, fmtTime(i.openedAt)); cell(tr, i.cause); cell(tr, pct(i.lastShare)); cell(tr, pct(i.peakShare)); cell(tr, i.peakShops);
      });
      var guards = r[2].status.guards;
      fill('modes', r[2].modes.filter(function (m) { return guards[m.guard]; }), function (tr, m) {
        var g = guards[m.guard];
        cell(tr, m.guard); cell(tr, g.mode, 'mode-' + g.mode); cell(tr, g.probe); cell(tr, g.reason); cell(tr, g.banner); cell(tr, m.setBy); cell(tr, fmtTime(m.updatedAt));
      });
      $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
      // A load error clears itself once loading works again; other messages stay.
      if (loadFailed) say('');
      loadFailed = false;
    }).catch(function (e) { loadFailed = true; say(e.message, true); });
  }

  function start() {
    if (timer) clearInterval(timer);
    if (!token()) { say('Enter a read or admin token to load the fleet.'); return; }
    loadApps().then(refresh).catch(function (e) { say(e.message, true); });
    timer = setInterval(refresh, 15000);
  }

  $('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
    $('token').value = '';
    start();
  });
  $('forget').addEventListener('click', function () { sessionStorage.removeItem(TOKEN_KEY); say('Token forgotten.'); });
  $('app').addEventListener('change', function () { Object.keys(charts).forEach(function (g) { charts[g].plot.destroy(); charts[g].box.remove(); }); charts = {}; refresh(); });
  $('range').addEventListener('change', refresh);
  $('switch').addEventListener('submit', function (e) {
    e.preventDefault();
    var body = { mode: $('sw-mode').value };
    if ($('sw-reason').value) body.reason = $('sw-reason').value;
    if ($('sw-banner').value) body.banner = $('sw-banner').value;
    if ($('sw-probe').value !== '') body.probe = Number($('sw-probe').value);
    var path = '/v1/admin/apps/' + encodeURIComponent($('app').value) + '/guards/' + encodeURIComponent($('sw-guard').value) + '/mode';
    api(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { say('Mode of ' + r.guard + ' is now ' + r.after.mode + '.'); return refresh(); })
      .catch(function (err) { say(err.message, true); });
  });
  start();
})();
`;
