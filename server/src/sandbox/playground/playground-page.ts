const shell = (body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bindery playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/playground/assets/playground.css">
</head>
<body>
${body}
</body>
</html>`

/** The playground: a slice of the Designer on the left, the real panel in an iframe on the right. */
export function playgroundPage(): string {
  return shell(`<header class="topbar">
  <strong>Bindery playground</strong>
  <span class="muted">sandbox mode: a stand-in for the Webflow Designer, against the built-in simulator</span>
</header>
<div class="layout">
  <aside class="designer" aria-label="Designer">
    <section>
      <h2>Site</h2>
      <p><span id="site-name" data-testid="site-name">Loading…</span> <span id="site-short" class="muted"></span></p>
      <p id="context-error" class="error" role="alert" hidden></p>
    </section>
    <section>
      <h2><label for="item-picker">Page on the canvas</label></h2>
      <select id="item-picker" disabled>
        <option value="">Static page (no CMS item)</option>
      </select>
      <p class="muted">Choosing an item plays the Designer opening that CMS item page (<code>currentcmsitem</code>).</p>
      <label class="control"><span>Locale on the canvas</span>
        <select id="locale-picker" data-testid="locale-picker"></select></label>
    </section>
    <section>
      <h2>Edit in Webflow</h2>
      <label class="control"><span>Name of the open item</span>
        <input id="edit-name" type="text" autocomplete="off" disabled></label>
      <div class="row">
        <button id="save-in-webflow" type="button" disabled>Save in Webflow</button>
        <button id="publish-in-webflow" type="button" disabled>Publish item</button>
        <button id="delete-in-webflow" type="button" disabled>Delete item</button>
      </div>
      <p class="muted">Edits go through the simulator as a Designer user, so Webflow sends its webhooks.</p>
    </section>
    <section>
      <h2>Designer</h2>
      <label class="control"><span>Panel size</span>
        <select id="panel-size">
          <option value="default">default 240 × 360</option>
          <option value="comfortable" selected>comfortable 320 × 460</option>
          <option value="large">large 800 × 600</option>
        </select></label>
      <label class="check"><input id="can-edit" type="checkbox" checked> User can edit CMS content</label>
      <button id="reload-panel" type="button">Reload the panel</button>
    </section>
  </aside>
  <main class="canvas">
    <div class="panel-frame" id="panel-frame">
      <div class="panel-title">Bindery</div>
      <iframe id="panel" title="Bindery panel" width="320" height="460"></iframe>
    </div>
  </main>
</div>
<div id="toasts" class="toasts" aria-live="polite"></div>
<script src="/playground/assets/playground.js"></script>`)
}

/** What `/playground` says before `npm run build` has produced the extension. */
export function notBuiltPage(): string {
  return shell(`<main class="not-built">
  <h1>The extension is not built yet</h1>
  <p>Run <code>npm run build</code> in the repository, then reload this page.</p>
</main>`)
}
