/**
 * The interface strings the first screen needs (unlock, first use, the app bar,
 * update and crash notices), built into a small chunk per language by the
 * `boot-strings` plugin (vite.config.ts) from the same locale files. The rest
 * of a language loads while the passphrase is typed, and the app does not leave
 * the unlock screen before it is there (app.tsx). A string missing here shows
 * as its key on the unlock screen and is reported on the console (index.ts):
 * `test/unit/boot-strings.test.ts` checks the unlock screens' keys are here.
 *
 * Pure data and one function: vite.config.ts imports it at build time.
 */
export const BOOT_STRINGS = ['app', 'unlock', 'passphrase', 'pin', 'crash', 'neutral', 'quickStart', 'session', 'update', 'storage', 'connection', 'interview.loading', 'cases.loading'] as const;

type Strings = Record<string, unknown>;

/** The given sections ("unlock") and single strings ("interview.loading") of a locale file. */
export function pickStrings(all: Strings, paths: readonly string[]): Strings {
  const picked: Strings = {};
  for (const path of paths) {
    const [section, key] = path.split('.') as [string, string | undefined];
    const value = all[section];
    if (value === undefined) throw new Error(`boot strings: the locale file has no section "${section}"`);
    if (key === undefined) {
      picked[section] = value;
      continue;
    }
    const inner = (value as Strings)[key];
    if (inner === undefined) throw new Error(`boot strings: the locale file has no string "${path}"`);
    picked[section] = { ...(picked[section] as Strings | undefined), [key]: inner };
  }
  return picked;
}
