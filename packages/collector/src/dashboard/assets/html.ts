/** The dashboard page: a shell the bundle fills. Script and styles are files, so a strict CSP applies. */
export const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lifeboat fleet</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/uplot.css">
<link rel="stylesheet" href="/dashboard/app.css">
<script src="/dashboard/dashboard.js" defer></script>
</head>
<body>
<div id="root"><p class="loading">Loading the dashboard…</p></div>
<noscript><p>The Lifeboat dashboard needs JavaScript.</p></noscript>
</body>
</html>
`;
