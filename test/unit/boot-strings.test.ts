/**
 * The first screen draws with a small set of strings (src/i18n/boot-strings.ts);
 * the rest of a language loads after it. A key of the unlock screens missing
 * from that set would be drawn as its key ("unlock.title") on a stranger's
 * tablet: every key those screens use is checked here, in every language.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOOT_STRINGS, pickStrings } from '../../src/i18n/boot-strings';

/** What is drawn before the rest of the strings is there: the unlock screens and what they show. */
const FIRST_SCREEN_FILES = [
  'src/features/unlock/unlock-screen.tsx',
  'src/features/unlock/create-passphrase.tsx',
  'src/features/unlock/pin-screen.tsx',
  'src/components/passphrase-field.tsx',
  'src/components/new-passphrase.tsx',
  'src/components/passphrase-strength.ts',
  'src/components/language-switcher.tsx',
  'src/components/neutral-page.tsx',
  'src/components/crash-screen.tsx',
  'src/components/connection-badge.tsx',
];

const LANGUAGES = ['fr', 'ar', 'en'] as const;
const locale = (lng: string) => JSON.parse(readFileSync(`src/i18n/locales/${lng}.json`, 'utf8')) as Record<string, unknown>;

/** Keys written out in t('…') calls, and the prefixes of t(`…${…}`) ones. */
function keysUsed(file: string): { keys: string[]; prefixes: string[] } {
  const source = readFileSync(file, 'utf8');
  const keys = [...source.matchAll(/\bt\('([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)].map((m) => m[1]!);
  const prefixes = [...source.matchAll(/\bt\(`([a-zA-Z]+(?:\.[a-zA-Z_]+)*)\.\$\{/g)].map((m) => m[1]!);
  return { keys, prefixes };
}

const lookup = (strings: Record<string, unknown>, path: string) => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], strings);

describe('the first screen\'s strings', () => {
  it('has every key the unlock screens use, in French, Arabic and English', () => {
    let checked = 0;
    for (const lng of LANGUAGES) {
      const boot = pickStrings(locale(lng), BOOT_STRINGS);
      for (const file of FIRST_SCREEN_FILES) {
        const { keys, prefixes } = keysUsed(file);
        for (const key of keys) {
          // A plural key is stored as key_one, key_other…
          const found = lookup(boot, key) ?? lookup(boot, `${key}_other`);
          expect(found, `${file}: "${key}" is not in the first screen's ${lng} strings (src/i18n/boot-strings.ts)`).toBeDefined();
          checked++;
        }
        for (const prefix of prefixes) expect(lookup(boot, prefix), `${file}: "${prefix}.…" is not in the first screen's ${lng} strings`).toBeDefined();
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('names the locale file\'s section when a boot string is not there', () => {
    expect(() => pickStrings({ unlock: {} }, ['nothing'])).toThrow('no section "nothing"');
    expect(() => pickStrings({ unlock: {} }, ['unlock.title'])).toThrow('no string "unlock.title"');
    expect(pickStrings({ unlock: { title: 'T' }, home: { x: 1 } }, ['unlock'])).toEqual({ unlock: { title: 'T' } });
  });
});
