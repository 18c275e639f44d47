/**
 * Opens the OAuth install in a popup and resolves when its completion page posts
 * `{type: 'bindery:installed'}` from the backend's origin. Rejects if the popup is blocked or closed
 * without finishing.
 */
export function waitForInstall(installUrl: string, apiOrigin: string, win: Window = window): Promise<void> {
  const url = new URL(installUrl, apiOrigin)
  if (!url.searchParams.has('popup')) url.searchParams.set('popup', '1')
  const popup = win.open(url.toString(), 'bindery-install', 'popup,width=520,height=680')
  if (!popup)
    return Promise.reject(new Error('The browser blocked the install window; allow pop-ups and try again'))
  return new Promise((resolve, reject) => {
    const done = () => {
      win.removeEventListener('message', onMessage)
      clearInterval(watch)
    }
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== url.origin) return
      if ((e.data as { type?: unknown } | null)?.type !== 'bindery:installed') return
      done()
      resolve()
    }
    // A closed popup without a message: the user gave up (or the install failed there).
    const watch = setInterval(() => {
      if (popup.closed) {
        // The message may still be in flight when the page closes itself.
        setTimeout(() => {
          done()
          reject(new Error('The install window was closed before Bindery was installed'))
        }, 500)
        clearInterval(watch)
      }
    }, 500)
    win.addEventListener('message', onMessage)
  })
}
