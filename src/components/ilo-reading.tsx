import type { TFunction } from 'i18next';
import type { IndicatorReading } from '../engine';
import { iloWords } from '../i18n/ilo-words';

/**
 * The ILO/EC 2009 reading as LEGAL.md §4 (model v2) has it shown, on the result
 * and the summary alike (the words come from i18n/ilo-words.ts, as on the command
 * line): supporting evidence only; "not applicable" with its reason; "not
 * assessed" — never "negative" — for what was not asked; "partial" for a child
 * spared the means.
 */
export function IloReading({ t, indicators }: { t: TFunction; indicators: IndicatorReading }) {
  const ilo = iloWords(t, indicators);
  return (
    <>
      <p data-testid="ilo-reading">{ilo.reading}</p>
      {ilo.partial && <p>{ilo.partial}</p>}
      {ilo.dimensions.length > 0 && (
        <ul className="plain-list">
          {ilo.dimensions.map((d) => (
            <li key={d.dimension} data-dimension={d.dimension} data-value={d.value}>
              {t('report.labelValue', { label: d.label, value: d.word })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
