import type { TFunction } from 'i18next';
import { ILO_DIMENSIONS, type IndicatorReading } from '../engine';

/**
 * The ILO/EC 2009 reading as LEGAL.md §4 (model v2) has it shown: supporting
 * evidence only; "not applicable" with its reason; "not assessed" — never
 * "negative" — for what was not asked; "partial" for a child spared the means.
 */
export function IloReading({ t, indicators }: { t: TFunction; indicators: IndicatorReading }) {
  if (indicators.reading === 'not_applicable') return <p data-testid="ilo-reading">{t(`ilo.notApplicable.${indicators.notApplicableReason ?? 'no_answers'}`)}</p>;
  return (
    <>
      <p data-testid="ilo-reading">
        {t(`ilo.reading.${indicators.reading}`)} ({t(`ilo.list.${indicators.list}`)})
      </p>
      {indicators.partial && <p>{t('ilo.partial')}</p>}
      <ul className="plain-list">
        {ILO_DIMENSIONS.map((d) => (
          <li key={d} data-dimension={d} data-status={indicators.dimensions[d]}>
            {t(`ilo.dimension.${d}`)}: {t(`ilo.${indicators.dimensions[d]}`)}
          </li>
        ))}
      </ul>
    </>
  );
}
