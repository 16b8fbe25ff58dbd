import type { TFunction } from 'i18next';

/**
 * The ILO indicator reading as a reader sees it, on the result screen, the summary
 * and the command line alike. Written loosely typed on purpose: model v2 adds
 * `not_assessed` dimensions, the `too_few_indicators` and `not_applicable`
 * readings, `partial` and `notApplicableReason`; every one has its own words, and
 * "negative" is never said of a dimension whose questions were not asked or
 * answered "don't know" (LEGAL.md §4).
 */
export interface IloReadingLike {
  evaluated: boolean;
  list: string;
  reading: string;
  dimensions: Readonly<Record<string, string>>;
  partial?: boolean;
  notApplicableReason?: string | null;
}

export interface IloWords {
  /** The overall reading with the list it used, or why there is none. */
  reading: string;
  /** For a child whose means questions were skipped: what the reading does not cover. */
  partial: string | null;
  /** Each dimension with its value in words; empty when the reading does not apply. */
  dimensions: { dimension: string; label: string; value: string; word: string }[];
}

type Loose = (key: string, options?: Record<string, unknown>) => string;

export function iloWords(t: TFunction, ilo: IloReadingLike): IloWords {
  const tt = t as unknown as Loose;
  // Not applicable, with its reason in a sentence of its own (a facts file: "no answers").
  if (ilo.reading === 'not_applicable') return { reading: tt(`ilo.notApplicable.${ilo.notApplicableReason ?? 'no_answers'}`), partial: null, dimensions: [] };
  if (!ilo.evaluated) return { reading: tt('ilo.notEvaluated'), partial: null, dimensions: [] };
  return {
    reading: `${tt(`ilo.reading.${ilo.reading}`)} (${tt(`ilo.list.${ilo.list}`)})`,
    partial: ilo.partial ? tt('ilo.partial') : null,
    dimensions: Object.entries(ilo.dimensions).map(([dimension, value]) => ({ dimension, label: tt(`ilo.dimension.${dimension}`), value, word: tt(`ilo.${value}`) })),
  };
}
