/**
 * The JavaScript a browser loads before the first screen is drawn: the entry and
 * its module preloads, plus the first screen's interface strings of one language
 * (src/i18n/boot-strings.ts: the app loads them before drawing; the largest
 * language is counted, to be safe).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function firstScreenFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const assets = readdirSync(join(dist, 'assets'));
  // Pages without the app's languages (the bench's bare page and SurveyJS peer) have none to count.
  if (!assets.some((f) => /^(fr|ar|en)-[\w-]+\.js$/.test(f))) return entry;
  const languages = assets
    .filter((f) => /^_virtual_boot-strings-(fr|ar|en)-[\w-]+\.js$/.test(f))
    .map((f) => `assets/${f}`)
    .sort((a, b) => readFileSync(join(dist, b)).length - readFileSync(join(dist, a)).length);
  if (languages.length === 0) throw new Error(`no first-screen strings chunk (_virtual_boot-strings-*.js) in ${dist}/assets: did the build's chunk names change?`);
  return [...entry, languages[0]!];
}
