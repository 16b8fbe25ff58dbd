/**
 * Reading printed PDFs the way a person would look at them: the text of each page
 * (pdftotext) and how much of each page is blank (pdftoppm). Both come from
 * poppler-utils; without it the print tests fail and say what to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const INSTALL = 'install poppler-utils (apt-get install -y poppler-utils)';

export function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdftoppm', 'pdfinfo']) {
    const probe = spawnSync(tool, ['-v'], { encoding: 'utf8' });
    if (probe.error) throw new Error(`${tool} is missing: ${INSTALL}`);
  }
}

export function pageCount(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** pdftotext wraps right-to-left runs in directional embeddings; a reader sees none of them. */
const stripBidiControls = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

/** The text of one page (1-based), in reading layout. */
export function pageText(path: string, page: number): string {
  return stripBidiControls(execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' }));
}

/** The text of the whole document, in reading layout. */
export function pdfText(path: string): string {
  return stripBidiControls(execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }));
}

/**
 * How much of the page's body is blank below its last printed line, from 0 to 1:
 * the page is drawn in grey at 50 dpi, the margins (where the running header and
 * footer are) are left out, and a row counts as printed when a pixel in it is dark.
 */
export function blankBelowBody(path: string, page: number, margins: { topMm: number; bottomMm: number }): number {
  const dpi = 50;
  const out = `${path}-p${page}`;
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, out]);
  const { width, height, pixels } = readPgm(`${out}.pgm`);
  const mm = (value: number) => Math.round((value / 25.4) * dpi);
  const top = mm(margins.topMm);
  const bottom = height - mm(margins.bottomMm);
  let last = top;
  for (let y = top; y < bottom; y++) {
    const row = pixels.subarray(y * width, (y + 1) * width);
    if (row.some((value) => value < 160)) last = y;
  }
  return (bottom - 1 - last) / (bottom - top);
}

function readPgm(path: string): { width: number; height: number; pixels: Uint8Array } {
  const data = readFileSync(path);
  // "P5\n<width> <height>\n<max>\n" then one byte per pixel.
  const header: string[] = [];
  let offset = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(data[offset]!))) offset++;
    let token = '';
    while (!/\s/.test(String.fromCharCode(data[offset]!))) token += String.fromCharCode(data[offset++]!);
    header.push(token);
  }
  offset++;
  if (header[0] !== 'P5') throw new Error(`${path} is not a binary PGM`);
  return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(data.buffer, data.byteOffset + offset, Number(header[1]) * Number(header[2])) };
}
