import { config } from 'zod'

// zod probes for eval (`new Function`) when schemas are built, to speed up parsing; the Designer's
// CSP may forbid eval, and the probe logs a CSP violation. Imported first by main.tsx, before any
// schema module runs.
config({ jitless: true })
