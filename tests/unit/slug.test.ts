// Ids made from names: the same rule for scenario uploads, exercise ids, `sim serve` and region imports.
import { describe, expect, it } from 'vitest';
import { slugOf } from '../../shared/slug.ts';

describe('slugOf', () => {
  it('keeps a-z and 0-9 and joins the rest with single hyphens', () => {
    expect(slugOf('Normal Day')).toBe('normal-day');
    expect(slugOf('  Tabletop: high-rise (B) #2 ')).toBe('tabletop-high-rise-b-2');
  });
  it('keeps the base letter of accented letters', () => {
    expect(slugOf('Café Zürich')).toBe('cafe-zurich');
  });
  it('gives nothing for a name without Latin letters or digits, so callers choose a fallback', () => {
    expect(slugOf('高层火灾')).toBe('');
    expect(slugOf('连州 2024')).toBe('2024');
  });
});
