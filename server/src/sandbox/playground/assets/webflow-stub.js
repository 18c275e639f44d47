// Loaded into the panel iframe before the extension: the `webflow` global comes from the
// playground page around it (same origin), and the API is this server.
;(() => {
  window.__BINDERY_API_URL__ = window.location.origin
  const host = window.parent !== window ? window.parent.binderyPlayground : undefined
  if (host) window.webflow = host.webflowFor(window)
})()
