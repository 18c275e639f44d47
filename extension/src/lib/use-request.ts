import { useCallback, useEffect, useRef, useState } from 'react'

export type RequestState<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'error'; data: T | undefined; error: Error }
  | { status: 'ready'; data: T; error: undefined }

/**
 * A small stand-in for a query library: runs `load` when `key` changes, keeps the last data while
 * reloading, and exposes `reload` and `set` (for answers that arrive another way, e.g. SSE).
 */
export function useRequest<T>(key: string | null, load: () => Promise<T>) {
  const [state, setState] = useState<RequestState<T>>({
    status: 'loading',
    data: undefined,
    error: undefined,
  })
  const loadRef = useRef(load)
  loadRef.current = load
  const generation = useRef(0)

  const run = useCallback(async () => {
    const mine = ++generation.current
    try {
      const data = await loadRef.current()
      if (mine === generation.current) setState({ status: 'ready', data, error: undefined })
    } catch (err) {
      if (mine === generation.current)
        setState((s) => ({
          status: 'error',
          data: s.data,
          error: err instanceof Error ? err : new Error(String(err)),
        }))
    }
  }, [])

  useEffect(() => {
    if (key === null) return
    setState({ status: 'loading', data: undefined, error: undefined })
    void run()
    return () => {
      generation.current++
    }
  }, [key, run])

  const set = useCallback((data: T) => setState({ status: 'ready', data, error: undefined }), [])
  return { ...state, reload: run, set }
}
