import { describe, expect, it } from 'vitest';
import { parseNumber, toAsciiDigits } from './numbers';

describe('numbers typed in any digits', () => {
  it('reads Arabic-Indic and Eastern Arabic-Indic digits as the same numbers', () => {
    expect(parseNumber('١٦')).toBe(16);
    expect(parseNumber('۱۶')).toBe(16);
    expect(parseNumber('٠')).toBe(0);
    expect(parseNumber('٩٨٧٦٥٤٣٢١٠')).toBe(9876543210);
    expect(parseNumber('16')).toBe(16);
    expect(toAsciiDigits('PIN ۱۲۳٤')).toBe('PIN 1234');
  });

  it('accepts the decimal point, the decimal comma and the Arabic decimal separator, and spaces around', () => {
    expect(parseNumber(' 2.5 ')).toBe(2.5);
    expect(parseNumber('2,5')).toBe(2.5);
    expect(parseNumber('٢٫٥')).toBe(2.5);
    expect(parseNumber('-3')).toBe(-3);
  });

  it('refuses what is not one number rather than guessing', () => {
    for (const text of ['', ' ', 'abc', '1 6', '16 ans', '1,000,000', '1.2.3', '--1', '١٦a']) expect(parseNumber(text), text).toBeNull();
  });
});
