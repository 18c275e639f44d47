/**
 * The small HTML pages the OAuth callback answers with. They may hold nothing secret: the callback
 * URL (with its code) is in the browser history, so pages are no-store and send no referrer.
 */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
// JSON inside <script>: `<` escaped so no value can close the script element.
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c')

const page = (title: string, body: string, script = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;background:#1e1e1e;color:#f5f5f5;max-width:36rem;margin:4rem auto;padding:0 1rem}
h1{font-size:1.3rem}.warn{color:#f3c969}a{color:#7cb7ff}</style></head>
<body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`

export function errorPage(message: string, installUrl: string): string {
  return page(
    'Bindery could not be installed',
    `<h1>Bindery could not be installed</h1><p data-bindery-error>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(installUrl)}">Start the install again</a></p>`,
  )
}

export function successPage(o: {
  sites: { id: string; displayName: string }[]
  origins: string[]
  webhooksOk: boolean
}): string {
  const names = o.sites.map((s) => escapeHtml(s.displayName)).join(', ') || 'no sites yet'
  const warn = o.webhooksOk
    ? ''
    : `<p class="warn">Some webhooks could not be registered yet; Bindery retries on its own within 15 minutes.</p>`
  // postMessage to an origin the opener does not have is dropped by the browser, so trying each
  // allowed origin tells the panel and nobody else.
  const script = `(function(){var m=${scriptJson({ type: 'bindery:installed', siteIds: o.sites.map((s) => s.id) })};
var origins=${scriptJson(o.origins)};
if(window.opener){for(var i=0;i<origins.length;i++){try{window.opener.postMessage(m,origins[i])}catch(e){}}window.close()}})()`
  return page(
    'Bindery is installed',
    `<h1 data-bindery-installed>Bindery is installed on ${names}</h1>${warn}<p>You can close this window.</p>`,
    script,
  )
}
