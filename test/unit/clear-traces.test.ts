/**
 * The "nothing in clear" tests search a raw dump for dates; what they search for
 * must find a date stored in clear, and must not be found in the random hex of
 * the audit chain's hashes, which is in clear by design.
 */
import { describe, expect, it } from 'vitest';
import { CASE_REFERENCE, dateTraces } from '../helpers/clear-traces';

const AT = Date.UTC(2026, 11, 1, 9, 30);
const [month, epoch] = dateTraces(AT);

describe('what a raw dump is searched for', () => {
  it('finds a date of that day in clear, as a number, in JSON, in seconds or as ISO text', () => {
    expect('createdAt\n' + String(AT + 3_600_000)).toMatch(epoch);
    expect(JSON.stringify({ updatedAt: AT + 5 })).toMatch(epoch);
    expect(`{"at":${Math.floor(AT / 1000)}}`).toMatch(epoch);
    expect(new Date(AT).toISOString()).toContain(month);
  });

  it('does not take hex digits of a hash for a date', () => {
    const hash = `9f${String(AT).slice(0, 6)}0123456e` + 'ab'.repeat(26);
    expect(hash).toContain(String(AT).slice(0, 6)); // the digits are there…
    expect(hash).not.toMatch(epoch); // …but not as a number standing alone
  });

  it('covers the day before and after, not a time further away', () => {
    expect(String(AT - 86_000_000)).toMatch(epoch);
    expect(String(AT + 86_000_000)).toMatch(epoch);
    expect(String(AT + 30 * 86_400_000)).not.toMatch(epoch);
    expect(String(AT - 400 * 86_400_000)).not.toMatch(epoch);
  });

  it('finds a whole case reference, not three letters', () => {
    expect('ref TR-7QK2-M9XA').toMatch(CASE_REFERENCE);
    expect('\u00e9TR-\u00ff').not.toMatch(CASE_REFERENCE);
  });
});
