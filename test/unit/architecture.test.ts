/**
 * The import rules of DESIGN.md are enforced by lint; this checks that the rule
 * really fires on the mistakes it exists to stop.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'local/architecture').map((m) => m.message);
}

// The first lint loads the TypeScript program: seconds on a loaded machine. Not a speed check.
describe('architecture lint', { timeout: 60_000 }, () => {
  it.each([
    ['src/engine/x.ts', "import React from 'react'; export const v = React;", /the engine is pure/],
    ['src/engine/x.ts', "import { t } from 'i18next'; export const v = t;", /the engine is pure/],
    ['src/engine/x.ts', "import { setup } from 'xstate'; export const v = setup;", /the engine is pure/],
    ['src/engine/x.ts', "import { db } from '../storage/db'; export const v = db;", /src\/engine may not import src\/storage/],
    ['src/features/interview/x.ts', "import Dexie from 'dexie'; export const v = Dexie;", /only src\/storage may import dexie/],
    ['src/features/interview/x.ts', "import { y } from '../cases/y'; export const v = y;", /features never import each other/],
    ['src/components/x.ts', "import { y } from '../features/cases/y'; export const v = y;", /src\/components may not import src\/features\/cases/],
  ])('%s: %s is refused', async (file, code, message) => {
    const found = await problems(file, code);
    expect(found.join('\n')).toMatch(message);
  });

  it.each([
    ['src/engine/x.ts', "import { z } from 'zod'; import { and3 } from './logic'; export const v = [z, and3];"],
    ['src/storage/x.ts', "import Dexie from 'dexie'; import { and3 } from '../engine/logic'; export const v = [Dexie, and3];"],
    ['src/features/interview/x.ts', "import { y } from './y'; import { b } from '../../components/b'; export const v = [y, b];"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
