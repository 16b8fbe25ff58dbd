/**
 * The lint rule that keeps typed text out of the browser's autofill store, the
 * password manager and the keyboard's memory fires on the fields it exists to
 * stop, and lets the right ones through: a branch that adds a bare <input>
 * fails lint until it is fixed.
 */
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();
const FILE = 'src/features/example/form.tsx';

async function problems(jsx: string): Promise<string> {
  const [result] = await eslint.lintText(`export const F = () => (${jsx});\n`, { filePath: FILE });
  return result!.messages
    .filter((m) => m.ruleId === 'local/no-autofill')
    .map((m) => m.message)
    .join('\n');
}

// The first lint loads the whole configuration (typescript-eslint): once, with time to spare.
beforeAll(() => problems('<input />'), 60_000);

const SAFE = 'autoComplete="off" spellCheck={false} autoCorrect="off"';

describe('no-autofill lint', () => {
  it.each([
    ['<input value="" />', /needs autoComplete="off", spellCheck=\{false\}, autoCorrect="off"/],
    ['<textarea value="" />', /<textarea> needs autoComplete="off"/],
    ['<input type="password" autoComplete="new-password" />', /autoComplete="off".*autoCapitalize="off"/],
    ['<input type="password" autoComplete="current-password" spellCheck={false} autoCorrect="off" autoCapitalize="off" />', /needs autoComplete="off"/],
    [`<input type={shown ? 'text' : 'password'} ${SAFE} />`, /autoCapitalize="off"/],
    [`<input type={kind} ${SAFE} />`, /autoCapitalize="off"/],
    [`<input ${SAFE} name="officer" />`, /must not have a name/],
    [`<input ${SAFE} {...rest} />`, /must not spread props/],
    ['<input type="number" />', /needs autoComplete="off"/],
    ['<input type="search" autoComplete="off" />', /spellCheck=\{false\}/],
  ])('%s is refused', async (jsx, message) => {
    expect(await problems(jsx)).toMatch(message);
  });

  it.each([
    [`<input ${SAFE} />`],
    [`<textarea ${SAFE} rows={4} />`],
    [`<input type="password" ${SAFE} autoCapitalize="off" />`],
    [`<input type={shown ? 'text' : 'password'} ${SAFE} autoCapitalize="off" />`],
    [`<input type={kind === 'number' ? 'text' : 'date'} ${SAFE} />`],
    ['<input type="number" autoComplete="off" />'],
    ['<input type="checkbox" name="flag" checked />'],
    ['<input type="radio" name="group" />'],
    ['<input type="file" accept=".json" />'],
  ])('%s passes', async (jsx) => {
    expect(await problems(jsx)).toBe('');
  });
});
