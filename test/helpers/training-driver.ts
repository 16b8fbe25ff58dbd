/**
 * The end of a practice as a trainee meets it: the reading screen, where the trainee
 * states each element, the outcome and the points to flag before seeing the tool's.
 */
import type { Page } from 'playwright-core';

export interface StatedReading {
  elements: Record<string, string>;
  outcome: string;
  flags: string[];
}

/**
 * Fills in the reading screen and states it; resolves on the debrief.
 * `doubleTap`: the button is tapped twice quickly (a nervous trainee): one result must be recorded.
 */
export async function stateReading(page: Page, reading: StatedReading, { doubleTap = false } = {}): Promise<void> {
  await page.locator('[data-step="conclusion"]').waitFor();
  for (const [element, status] of Object.entries(reading.elements)) await page.locator(`[data-element="${element}"] input[value="${status}"]`).check();
  await page.locator(`[data-element="outcome"] input[value="${reading.outcome}"]`).check();
  for (const flag of reading.flags) await page.locator(`[data-element="flags"] input[value="${flag}"]`).check();
  const button = page.locator('[data-action="state-reading"]');
  await (doubleTap ? button.dblclick() : button.click());
  await page.locator('[data-step="debrief"]').waitFor();
}
