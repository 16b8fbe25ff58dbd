/**
 * A passphrase is accepted with at least 12 characters or four words. The
 * strength shown is a rough guide for the officer, not a promise.
 */
export type Strength = 'too_short' | 'fair' | 'good' | 'strong';

export function passphraseStrength(passphrase: string): Strength {
  const trimmed = passphrase.trim();
  const words = trimmed.split(/\s+/).filter((w) => w.length >= 2).length;
  if (trimmed.length < 12 && words < 4) return 'too_short';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^\p{L}\d\s]/u, /\p{L}/u].filter((r) => r.test(trimmed)).length;
  if (trimmed.length >= 24 || words >= 6) return 'strong';
  if (trimmed.length >= 16 || words >= 5 || classes >= 4) return 'good';
  return 'fair';
}

export function isAcceptable(passphrase: string): boolean {
  return passphraseStrength(passphrase) !== 'too_short';
}
