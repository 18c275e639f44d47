/**
 * What the sandbox install (and the tests) need of a browser to go through OAuth: redirects
 * followed by hand, and the cookies each origin sets sent back to it (the install's state cookie).
 */
export type BrowseResult = { status: number; body: string; url: string; hops: string[] }

export class Browser {
  private jar = new Map<string, Map<string, string>>()

  /** One request, no redirect followed; cookies in and out. */
  async fetch(url: string, init: { signal?: AbortSignal } = {}): Promise<Response> {
    const origin = new URL(url).origin
    const cookies = this.jar.get(origin)
    const cookie = cookies && [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await fetch(url, { ...init, redirect: 'manual', headers: cookie ? { cookie } : {} })
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()]
      const jar = this.jar.get(origin) ?? new Map<string, string>()
      const gone = !value || attrs.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a))
      if (gone) jar.delete(name)
      else jar.set(name, value)
      this.jar.set(origin, jar)
    }
    return res
  }

  /** GET `url`, following up to `maxHops` redirects, recording each hop. */
  async browse(url: string, o: { maxHops?: number; timeoutMs?: number } = {}): Promise<BrowseResult> {
    const hops: string[] = []
    for (let i = 0; i < (o.maxHops ?? 6); i++) {
      hops.push(url)
      const res = await this.fetch(url, o.timeoutMs ? { signal: AbortSignal.timeout(o.timeoutMs) } : {})
      const location = res.headers.get('location')
      if (res.status >= 300 && res.status < 400 && location) {
        await res.arrayBuffer()
        url = new URL(location, url).toString()
        continue
      }
      return { status: res.status, body: await res.text(), url, hops }
    }
    throw new Error('too many redirects')
  }
}
