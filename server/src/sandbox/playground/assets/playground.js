// The playground's stand-in for the Webflow Designer: a `webflow` API bound to the demo site for
// the panel iframe, a CMS item picker that fires `currentcmsitem`, and edits made "in Webflow".
;(() => {
  const APP_MODES = [
    'canAccessCanvas',
    'canManageAssets',
    'canAccessAssets',
    'canDesign',
    'canInsertComponentInstance',
    'canEdit',
    'canCreateComponents',
    'canModifyComponents',
    'canCreateStyles',
    'canModifyStyles',
    'canCreatePage',
    'canReadPageSettings',
    'canManagePageSettings',
    'canReadVariables',
    'canModifyVariables',
    'canModifyImageElement',
    'canWriteCodeSettings',
  ]
  const SIZES = { default: [240, 360], compact: [240, 360], comfortable: [320, 460], large: [800, 600] }
  const $ = (id) => document.getElementById(id)

  const state = {
    context: null,
    collections: [],
    currentItem: null,
    /** cmsLocaleId of the locale the canvas shows. */
    locale: null,
    canEdit: true,
    size: 'comfortable',
    listeners: {},
    /** Every notify() and setExtensionSize() call, for a look from the console or a test. */
    notices: [],
    sizes: [],
  }

  async function call(method, path, body) {
    const res = await fetch(path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = await res.json().catch(() => ({}))
    if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`)
    return json
  }

  function emit(event, payload) {
    for (const cb of state.listeners[event] ?? []) cb(payload)
  }

  function resize(size) {
    const [width, height] =
      typeof size === 'object' ? [size.width, size.height] : (SIZES[size] ?? SIZES.default)
    const w = Math.max(240, Math.min(1200, width))
    const h = Math.max(360, Math.min(800, height))
    const frame = $('panel')
    frame.width = String(w)
    frame.height = String(h)
    state.size = typeof size === 'string' ? size : 'custom'
    if (SIZES[state.size]) $('panel-size').value = state.size
  }

  function toast({ type, message, dismissAfter }) {
    state.notices.push({ type, message })
    const el = document.createElement('div')
    el.className = `toast toast-${String(type).toLowerCase()}`
    el.setAttribute('role', type === 'Error' ? 'alert' : 'status')
    el.textContent = message
    $('toasts').append(el)
    setTimeout(() => el.remove(), dismissAfter ?? 4000)
  }

  /** The `webflow` global one panel window sees. */
  function webflowFor() {
    const ctx = state.context
    return {
      appModes: Object.fromEntries(APP_MODES.map((m) => [m, m])),
      getSiteInfo: async () => ({
        siteId: ctx.siteId,
        siteName: ctx.siteName,
        shortName: ctx.shortName ?? '',
        kind: 'site',
        isPasswordProtected: false,
        isPrivateStaging: false,
        workspaceId: ctx.workspaceId ?? '',
        workspaceSlug: 'demo-workspace',
        domains: [
          { url: `${ctx.shortName}.webflow.io`, lastPublished: null, default: true, stage: 'staging' },
        ],
      }),
      getIdToken: async () => (await call('POST', '/playground/id-token')).idToken,
      setExtensionSize: async (size) => {
        state.sizes.push(size)
        resize(size)
        return null
      },
      notify: async (opts) => toast(opts),
      canForAppMode: async (modes) =>
        Object.fromEntries(
          modes.map((m) => [m, m === 'canEdit' || m === 'canDesign' ? state.canEdit : true]),
        ),
      getCurrentMode: async () => 'design',
      isMode: async (mode) => mode === 'design',
      getLaunchContext: async () => null,
      getCurrentAppConnection: async () => null,
      closeExtension: async () => {
        toast({ type: 'Info', message: 'The panel asked to close (the playground keeps it open)' })
        return null
      },
      /** The locale the canvas shows (the playground's locale picker). */
      getCurrentLocale: async () => currentLocale(),
      subscribe(event, cb) {
        state.listeners[event] ??= new Set()
        const set = state.listeners[event]
        set.add(cb)
        // Like the Designer, a new subscriber learns where the canvas is.
        if (event === 'currentcmsitem') queueMicrotask(() => cb(state.currentItem))
        return () => set.delete(cb)
      },
    }
  }

  function currentLocale() {
    const locales = state.context?.locales ?? []
    return locales.find((l) => l.cmsLocaleId === state.locale) ?? locales[0] ?? null
  }

  function renderLocales() {
    const picker = $('locale-picker')
    const locales = state.context.locales ?? []
    picker.replaceChildren(
      ...locales.map((l) => new Option(`${l.displayName}${l.primary ? ' (primary)' : ''}`, l.cmsLocaleId)),
    )
    picker.disabled = locales.length < 2
    state.locale = locales[0]?.cmsLocaleId ?? null
  }

  function selectedItem() {
    for (const c of state.collections) {
      const item = c.items.find((i) => i.id === state.currentItem)
      if (item) return { collection: c, item }
    }
    return null
  }

  function renderPicker() {
    const picker = $('item-picker')
    const keep = state.currentItem
    picker.replaceChildren(new Option('Static page (no CMS item)', ''))
    for (const c of state.collections) {
      const group = document.createElement('optgroup')
      group.label = c.displayName
      for (const i of c.items) group.append(new Option(`${i.name}${i.isDraft ? ' (draft)' : ''}`, i.id))
      picker.append(group)
    }
    picker.value = keep ?? ''
    picker.disabled = false
    renderEditor()
  }

  function renderEditor() {
    const open = selectedItem()
    $('edit-name').disabled = !open
    $('save-in-webflow').disabled = !open
    $('publish-in-webflow').disabled = !open
    $('delete-in-webflow').disabled = !open
    $('edit-name').value = open ? open.item.name : ''
  }

  async function loadItems() {
    state.collections = (await call('GET', '/playground/items')).collections
    renderPicker()
  }

  async function loadContext() {
    for (;;) {
      try {
        state.context = await call('GET', '/playground/context')
        $('context-error').hidden = true
        return
      } catch (err) {
        $('context-error').textContent = `${err.message} (retrying)`
        $('context-error').hidden = false
        await new Promise((r) => setTimeout(r, 1000))
      }
    }
  }

  function loadPanel() {
    state.listeners = {}
    $('panel').src = `/playground/extension/index.html?t=${Date.now()}`
  }

  async function withButton(button, run) {
    button.disabled = true
    try {
      await run()
    } catch (err) {
      toast({ type: 'Error', message: err.message })
    } finally {
      button.disabled = false
    }
  }

  $('item-picker').addEventListener('change', (e) => {
    state.currentItem = e.target.value || null
    renderEditor()
    emit('currentcmsitem', state.currentItem)
  })
  $('save-in-webflow').addEventListener('click', (e) =>
    withButton(e.target, async () => {
      const open = selectedItem()
      await call('POST', '/playground/edit', {
        collectionId: open.collection.id,
        itemId: open.item.id,
        name: $('edit-name').value,
        // An edit of the locale the canvas shows, as in the Designer.
        ...(currentLocale() && !currentLocale().primary ? { cmsLocaleId: currentLocale().cmsLocaleId } : {}),
      })
      toast({ type: 'Info', message: `Saved “${$('edit-name').value}” in Webflow` })
      await loadItems()
    }),
  )
  $('publish-in-webflow').addEventListener('click', (e) =>
    withButton(e.target, async () => {
      const open = selectedItem()
      await call('POST', '/playground/publish', { collectionId: open.collection.id, itemId: open.item.id })
      toast({ type: 'Info', message: `Published “${open.item.name}” in Webflow` })
      await loadItems()
    }),
  )
  $('delete-in-webflow').addEventListener('click', (e) =>
    withButton(e.target, async () => {
      const open = selectedItem()
      await call('POST', '/playground/delete', { collectionId: open.collection.id, itemId: open.item.id })
      toast({ type: 'Info', message: `Deleted “${open.item.name}” in Webflow` })
      state.currentItem = null
      emit('currentcmsitem', null)
      await loadItems()
    }),
  )
  $('locale-picker').addEventListener('change', (e) => {
    state.locale = e.target.value
  })
  $('panel-size').addEventListener('change', (e) => resize(e.target.value))
  $('can-edit').addEventListener('change', (e) => {
    state.canEdit = e.target.checked
    loadPanel()
  })
  $('reload-panel').addEventListener('click', () => loadPanel())

  window.binderyPlayground = { state, webflowFor, reloadItems: loadItems }

  loadContext().then(async () => {
    $('site-name').textContent = state.context.siteName
    $('site-short').textContent = state.context.shortName ? `(${state.context.shortName})` : ''
    renderLocales()
    loadPanel()
    await loadItems().catch((err) =>
      toast({ type: 'Error', message: `Items could not be listed: ${err.message}` }),
    )
  })
})()
