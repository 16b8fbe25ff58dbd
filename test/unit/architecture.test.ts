/**
 * The import rules of DESIGN.md are enforced by lint; this checks that the rule
 * really fires on the mistakes it exists to stop.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Each module of src/storage depends one way: types and names import nothing,
 * db.ts imports no store, the stores import db.ts, the backup imports the case
 * store and never the other way round. An import circle (type-only ones too)
 * makes initialisation order fragile and hides which module owns what.
 */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))) {
    const source = readFileSync(join(dir, file), 'utf8');
    const targets = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s*['"](\.\/[^'"]+)['"]|import\(\s*['"](\.\/[^'"]+)['"]\s*\)/g)]
      .map((m) => (m[1] ?? m[2])!.replace(/^\.\//, '').replace(/\.tsx?$/, ''))
      .map((name) => (existsSync(join(dir, `${name}.ts`)) ? `${name}.ts` : `${name}.tsx`));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      found.push([...path.slice(path.indexOf(node)), node]);
      return;
    }
    state.set(node, 'visiting');
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('src/storage has no import circle', () => {
  it('finds a circle when there is one', () => {
    expect(circles(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('every module of src/storage imports in one direction', () => {
    const graph = importGraph('src/storage');
    expect(graph.get('case-store.ts')).toContain('db.ts');
    expect(circles(graph)).toEqual([]);
    expect(graph.get('types.ts')).toEqual([]);
    expect(graph.get('db.ts')!.filter((m) => m.includes('store') || m === 'audit.ts' || m === 'backup.ts')).toEqual([]);
  });
});
