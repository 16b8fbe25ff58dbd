import { useTranslation } from 'react-i18next';
import { ELEMENT_GROUPS, type Assessment } from '../../engine';

/** The element statuses building up as answers come in. */
export function ElementPanel({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="elements-heading">
      <h2 id="elements-heading" className="panel__title">
        {t('interview.elementsHeading')}
      </h2>
      <dl className="statuses">
        {ELEMENT_GROUPS.map((group) => (
          <div key={group} className="statuses__row">
            <dt>{t(`element.${group}`)}</dt>
            <dd className={`status status--${assessment.elements[group]}`}>{t(`status.${assessment.elements[group]}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
