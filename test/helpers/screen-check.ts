/**
 * Shared by the browser tests that walk an interview: a scenario with the
 * reading `npm run assess` gives it (the command line, not a copy of the
 * engine), and a screen check (axe, 44 px touch targets, a screenshot to look at).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, smallTouchTargets } from './browser';
import type { ScriptedAnswers } from './interview-driver';

export const SHOTS = 'test-results/screens';

/** A scenario's scripted answers, and the outcome `npm run assess` reads from them. */
export function scenario(name: string): { answers: ScriptedAnswers; outcome: string } {
  const file = join('questionnaires/scenarios', `${name}.json`);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const cli = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/assess.ts', file], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  return { answers: doc.answers, outcome: JSON.parse(cli.stdout).outcome };
}

/** No axe violation, no touch target under 44 px, and a screenshot in test-results/screens. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  expect(await smallTouchTargets(page), `touch targets on ${name}`).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}
