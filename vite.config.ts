import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { configDefaults, defineConfig } from 'vitest/config'

// One config for the extension build and for every test project.
export default defineConfig({
  // Absolute: the extension's own `npm run build` runs this config from extension/.
  root: fileURLToPath(new URL('./extension', import.meta.url)),
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  test: {
    root: '.',
    projects: [
      {
        test: {
          name: 'node',
          root: '.',
          include: ['shared/test/**/*.test.ts', 'sim/test/**/*.test.ts', 'server/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'server/test/unit/**'],
          environment: 'node',
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        // Pure decisions: no database, so none of the node project's global setup.
        test: {
          name: 'unit',
          root: '.',
          include: ['server/test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'extension',
          root: '.',
          include: ['extension/test/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'console',
          root: '.',
          include: ['console/test/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
    ],
  },
})
