/**
 * Numbers typed in any digits. An Arabic keyboard types Arabic-Indic digits
 * (٠-٩), a Persian or Urdu one the Eastern Arabic-Indic digits (۰-۹): both are
 * the same numbers as 0-9, and refusing them loses an age at the first tap.
 * Every number field of the app reads what was typed through here.
 */

const ARABIC_INDIC_ZERO = 0x0660;
const EASTERN_ARABIC_INDIC_ZERO = 0x06f0;

/** Replaces Arabic-Indic and Eastern Arabic-Indic digits by 0-9; everything else is left as it is. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= EASTERN_ARABIC_INDIC_ZERO ? EASTERN_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}

/**
 * The number typed, or null when the text is not one number. Accepts a sign, the
 * decimal point, the decimal comma and the Arabic decimal separator (٫); thousands
 * separators and spaces inside the number are refused rather than guessed at.
 */
export function parseNumber(text: string): number | null {
  const normalised = toAsciiDigits(text.trim())
    .replace(/^[\u2212\u2013]/, '-')
    .replace(/[,\u066B]/, '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalised)) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}
