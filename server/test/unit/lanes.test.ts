import { describe, expect, it } from 'vitest'
import { EDIT_PRIORITY, pushPriority } from '../../src/context/lanes'

describe('which pushes take the edit lane', () => {
  it.each([
    [1, EDIT_PRIORITY],
    [100, EDIT_PRIORITY],
    [101, 0],
    [1_000, 0],
  ])('%i changed items → priority %i', (items, priority) => {
    expect(pushPriority(items)).toBe(priority)
  })
})
