import { describe, expect, it } from 'vitest';
import { dimensionIsPositive, readIndicators, type IloDimension, type IloStrength, type IndicatorHit } from '.';

const S = 'strong', M = 'medium', W = 'weak';

describe('ILO dimension rule (LEGAL.md §4)', () => {
  it.each<[IloStrength[], boolean]>([
    [[S, S], true],
    [[S, M], true],
    [[S, W], true],
    [[M, M, M], true],
    [[M, M, W], true],
    [[S], false],
    [[M, M], false],
    [[M, W, W], false],
    [[W, W, W, W], false],
    [[], false],
  ])('%j → positive: %s', (strengths, positive) => {
    expect(dimensionIsPositive(strengths)).toBe(positive);
  });
});

function hit(indicator: string, dimension: IloDimension, strength: IloStrength): IndicatorHit {
  return { indicator, dimension, strength, question: `q.${indicator}` };
}

describe('ILO reading', () => {
  const exploitation = [hit('excessive_hours', 'exploitative_conditions', S), hit('low_or_no_pay', 'exploitative_conditions', M)];
  const coercion = [hit('confiscation_of_documents', 'coercion_at_destination', S), hit('debt_bondage', 'coercion_at_destination', S)];
  const recruitment = [hit('deceived_nature_of_job', 'deceptive_recruitment', S), hit('deceived_wages', 'deceptive_recruitment', M)];

  it('an adult reads as trafficking with recruitment, exploitation and coercion all positive', () => {
    expect(readIndicators([...recruitment, ...exploitation, ...coercion], false).reading).toBe('trafficking');
    expect(readIndicators([...exploitation, ...coercion], false).reading).toBe('exploitation_only');
  });

  it('a child does not need a recruitment dimension', () => {
    expect(readIndicators([...exploitation, ...coercion], true).reading).toBe('trafficking');
  });

  it('exploitation alone reads as exploitation only; nothing reads as none', () => {
    expect(readIndicators(exploitation, false).reading).toBe('exploitation_only');
    expect(readIndicators(coercion, false).reading).toBe('none');
  });

  it('the same indicator reached by two questions counts once', () => {
    const twice = [hit('isolation_confinement', 'coercion_at_destination', S), { ...hit('isolation_confinement', 'coercion_at_destination', S), question: 'other' }];
    expect(readIndicators(twice, false).dimensions.coercion_at_destination).toBe('negative');
  });
});
