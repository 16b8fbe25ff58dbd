/** The app's case-id alphabet (src/storage/records.ts): Crockford base32, no I, L, O, U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The id of synthetic case `index`: valid for the app (10 characters of its
 * alphabet) and unique in its first eight characters, which make the printed
 * reference — a restore refuses two cases with the same reference.
 */
export function syntheticCaseId(prefix: 'B' | 'R', index: number): string {
  let digits = '';
  for (let n = index; digits.length < 7; n = Math.floor(n / 32)) digits = ALPHABET[n % 32] + digits;
  return `${prefix}${digits}00`;
}
