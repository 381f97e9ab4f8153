/** The dashboard's one way to write a number with its unit. */
import { describe, expect, it } from 'vitest';
import { fmt, frequency, quantity } from './format';

describe('quantity', () => {
  it('writes the number to 4 significant digits with its unit, and a dash alone for none', () => {
    expect(quantity(3.41234, 'Å')).toBe('3.412 Å');
    expect(quantity(122.2, 'nm³')).toBe('122.2 nm³');
    expect(quantity(12.5, '%')).toBe('12.5 %');
    expect(quantity(30, '°')).toBe('30°');
    expect(quantity(0.8123456, null)).toBe('0.8123');
    expect(quantity(null, 'Å')).toBe('–');
    expect(quantity(Number.NaN, 'Å')).toBe('–');
    expect(quantity(123456, 'Å³')).toBe(`${fmt(123456, 4)} Å³`);
  });

  it('writes a spatial frequency with its resolution', () => {
    expect(frequency(0.25)).toBe('0.25 1/Å (4 Å)');
    expect(frequency(0)).toBe('0 1/Å');
    expect(frequency(null)).toBe('–');
  });
});
