import { useEffect, useState } from 'react'

// The console's pages are paths under /console; the server answers every one with index.html.
const BASE = '/console'

export function navigate(to: string) {
  window.history.pushState(null, '', `${BASE}${to}`)
  window.dispatchEvent(new PopStateEvent('popstate'))
}

/** The path under /console ("/", "/sites/abc", "/items?q=…") and its query. */
const read = () => ({
  path: window.location.pathname.slice(BASE.length) || '/',
  query: new URLSearchParams(window.location.search),
})

export function useRoute(): { path: string; query: URLSearchParams } {
  const [route, setRoute] = useState(read)
  useEffect(() => {
    const on = () => setRoute(read())
    window.addEventListener('popstate', on)
    return () => window.removeEventListener('popstate', on)
  }, [])
  return route
}
