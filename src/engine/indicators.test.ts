import { describe, expect, it } from 'vitest';
import { dimensionIsPositive, readIndicators, type FactCode, type IloDimension, type IloStrength, type IndicatorHit } from '.';

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

const ALL: IloDimension[] = ['deceptive_recruitment', 'coercive_recruitment', 'recruitment_abuse_of_vulnerability', 'exploitative_conditions', 'coercion_at_destination', 'abuse_of_vulnerability_at_destination'];
/** Read as if every dimension had been asked, an adult or a child, with a labour purpose unless told. */
function read(hits: IndicatorHit[], child: boolean, options: Partial<{ assessed: IloDimension[]; purposes: FactCode[]; meansSkipped: boolean }> = {}) {
  return readIndicators({ hits, child, assessed: new Set(options.assessed ?? ALL), purposes: options.purposes ?? ['purpose.forced_labour'], meansSkipped: options.meansSkipped ?? false });
}

describe('ILO reading', () => {
  const exploitation = [hit('excessive_hours', 'exploitative_conditions', S), hit('low_or_no_pay', 'exploitative_conditions', M)];
  const coercion = [hit('confiscation_of_documents', 'coercion_at_destination', S), hit('debt_bondage', 'coercion_at_destination', S)];
  const recruitment = [hit('deceived_nature_of_job', 'deceptive_recruitment', S), hit('deceived_wages', 'deceptive_recruitment', M)];

  it('an adult reads as trafficking with recruitment, exploitation and coercion all positive', () => {
    expect(read([...recruitment, ...exploitation, ...coercion], false).reading).toBe('trafficking');
    expect(read([...exploitation, ...coercion], false).reading).toBe('exploitation_only');
  });

  it('a child does not need a recruitment dimension', () => {
    expect(read([...exploitation, ...coercion], true).reading).toBe('trafficking');
  });

  it('exploitation alone reads as exploitation only; too few indicators never reads as "none"', () => {
    expect(read(exploitation, false).reading).toBe('exploitation_only');
    expect(read(coercion, false).reading).toBe('too_few_indicators');
  });

  it('the same indicator reached by two questions counts once', () => {
    const twice = [hit('isolation_confinement', 'coercion_at_destination', S), { ...hit('isolation_confinement', 'coercion_at_destination', S), question: 'other' }];
    expect(read(twice, false).dimensions.coercion_at_destination).toBe('negative');
  });
});

describe('how the ILO reading is shown (model v2, LEGAL.md §4)', () => {
  it('a dimension nothing was asked about is not assessed, never negative', () => {
    const a = read([], false, { assessed: ['exploitative_conditions'] });
    expect(a.dimensions.exploitative_conditions).toBe('negative');
    expect(a.dimensions.coercion_at_destination).toBe('not_assessed');
  });

  it.each<[FactCode[], string | null]>([
    [['purpose.forced_labour'], null],
    [['purpose.begging', 'purpose.prostitution'], null],
    [['purpose.criminal'], null],
    [['purpose.prostitution'], 'sexual_list_unavailable'],
    [['purpose.pornography'], 'sexual_list_unavailable'],
    [['purpose.organs'], 'no_ilo_list'],
    [['purpose.medical_experiments'], 'no_ilo_list'],
    [['purpose.armed_conflict'], 'no_ilo_list'],
    [[], null],
  ])('purposes %j: not applicable because %s', (purposes, reason) => {
    const a = read([hit('excessive_hours', 'exploitative_conditions', S), hit('low_or_no_pay', 'exploitative_conditions', M)], false, { purposes });
    expect(a.notApplicableReason).toBe(reason);
    expect(a.reading).toBe(reason ? 'not_applicable' : 'exploitation_only');
  });

  it('a child whose means questions were skipped: the reading is partial', () => {
    expect(read([], true, { meansSkipped: true }).partial).toBe(true);
    expect(read([], true, { meansSkipped: false }).partial).toBe(false);
    expect(read([], false, { meansSkipped: true }).partial).toBe(false);
  });
});
