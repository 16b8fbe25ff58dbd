/** What every store of this folder shares: record ids and the error a failed write gives. */

export class StorageError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** Crockford base32 without look-alike letters: easy to read aloud over a phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newCaseId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return [...bytes].map((b) => ALPHABET[b % 32]).join('');
}

export function describeFailure(error: unknown): string {
  const name = (error as { name?: string; inner?: { name?: string } })?.inner?.name ?? (error as { name?: string })?.name;
  if (name === 'QuotaExceededError') return 'the device storage is full';
  return error instanceof Error ? error.message : String(error);
}
