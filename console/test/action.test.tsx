import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Action } from '../src/components'

afterEach(cleanup)

describe('an action button', () => {
  it('asks before a destructive action, does nothing on cancel, and shows the result', async () => {
    let runs = 0
    render(
      <Action
        label="Replay all"
        confirm="Send all 3 dead letters back?"
        run={async () => {
          runs++
          return '3 replayed'
        }}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Replay all' }))
    expect(screen.getByText('Send all 3 dead letters back?')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(runs).toBe(0)
    fireEvent.click(screen.getByRole('button', { name: 'Replay all' }))
    fireEvent.click(screen.getByRole('button', { name: 'Yes, replay all' }))
    expect((await screen.findByRole('status')).textContent).toBe('3 replayed')
    expect(runs).toBe(1)
  })

  it('runs a safe action at once and shows its error when it fails', async () => {
    render(
      <Action
        label="Sync now"
        run={async () => {
          throw new Error('site_paused: the site is paused')
        }}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }))
    const status = await screen.findByRole('status')
    expect(status.textContent).toBe('site_paused: the site is paused')
    expect(status.className).toContain('bad')
  })
})
