import { describe, expect, it } from 'vitest';
import { scenarioMatches } from './scenario-search';

describe('searching the scenario library', () => {
  const texts = ['Une enfant placée comme travailleuse domestique', 'Reconnaître que, pour un enfant, l’acte et la finalité d’exploitation suffisent'];

  it('finds a French text typed with the keyboard’s straight apostrophe, in any case', () => {
    expect(scenarioMatches(texts, "L'acte")).toBe(true);
    expect(scenarioMatches(texts, 'd’exploitation')).toBe(true);
    expect(scenarioMatches(texts, '  DOMESTIQUE ')).toBe(true);
  });

  it('finds nothing that is not there, and everything for an empty search', () => {
    expect(scenarioMatches(texts, "l'enfance")).toBe(false);
    expect(scenarioMatches(texts, '')).toBe(true);
  });
});
