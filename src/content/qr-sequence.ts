/**
 * A package as a short sequence of QR codes, for a tablet that can show its
 * screen to the other tablet's camera instead of passing a file. Each code
 * carries `P1:<n>/<total>:<set>:<chunk>` in QR alphanumeric mode (digits,
 * upper-case letters and a few signs: the densest mode a phone camera reads
 * well), the package in Crockford base32. The set id is random per display,
 * so codes of two packages are never mixed. What the codes carry is the
 * encrypted package: nothing in them is in clear.
 */

/** Characters of package per code: a code of about version 20 at error correction M, easy for a tablet camera. */
export const QR_CHUNK_CHARS = 850;
/** More codes than this is too tiring to scan: the file is the way then. */
export const MAX_QR_CODES = 10;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_PATTERN = /^P1:(\d{1,2})\/(\d{1,2}):([0-9A-HJKMNP-TV-Z]{4}):([0-9A-HJKMNP-TV-Z]+)$/;

function encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function decode(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`"${char}" is not a base32 character`);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[at++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

/** The codes' texts, or null when the package needs more than MAX_QR_CODES codes. */
export function toQrSequence(bytes: Uint8Array, chunkChars = QR_CHUNK_CHARS): string[] | null {
  const text = encode(bytes);
  const total = Math.ceil(text.length / chunkChars);
  if (total > MAX_QR_CODES) return null;
  const set = encode(crypto.getRandomValues(new Uint8Array(3))).slice(0, 4);
  return Array.from({ length: total }, (_, i) => `P1:${i + 1}/${total}:${set}:${text.slice(i * chunkChars, (i + 1) * chunkChars)}`);
}

export type ScanResult =
  | { kind: 'added' | 'duplicate'; have: number; total: number }
  | { kind: 'other_set' }
  | { kind: 'not_a_package_code' };

/** Gathers scanned codes in any order; the first code read fixes the set. */
export class QrCollector {
  private set: string | null = null;
  private total = 0;
  private readonly chunks = new Map<number, string>();

  add(scanned: string): ScanResult {
    const match = CODE_PATTERN.exec(scanned.trim());
    if (!match) return { kind: 'not_a_package_code' };
    const [, index, total, set, chunk] = match as unknown as [string, string, string, string, string];
    const n = Number(index);
    const of = Number(total);
    if (of < 1 || of > MAX_QR_CODES || n < 1 || n > of) return { kind: 'not_a_package_code' };
    if (this.set === null) {
      this.set = set;
      this.total = of;
    } else if (set !== this.set || of !== this.total) {
      return { kind: 'other_set' };
    }
    const kind = this.chunks.has(n) ? 'duplicate' : 'added';
    this.chunks.set(n, chunk);
    return { kind, have: this.chunks.size, total: this.total };
  }

  get progress(): { have: number; total: number } {
    return { have: this.chunks.size, total: this.total };
  }

  /** The package bytes once every code of the set is read, else null. */
  complete(): Uint8Array<ArrayBuffer> | null {
    if (this.set === null || this.chunks.size !== this.total) return null;
    return decode(Array.from({ length: this.total }, (_, i) => this.chunks.get(i + 1)!).join(''));
  }
}
