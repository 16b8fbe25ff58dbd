import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ELEMENT_GROUPS, type Assessment } from '../../engine';

/**
 * The element statuses building up as answers come in, for the officer only:
 * closed until opened, in neutral words and tones, because the person sitting
 * beside the officer can read the screen, and a red "indicated" there is an
 * accusation read aloud.
 */
export function ElementPanel({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel__title">
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={`${id}-statuses`} data-action="element-panel" onClick={() => setOpen((o) => !o)}>
          {t('conversation.panel.toggle')}
        </button>
      </h2>
      <dl id={`${id}-statuses`} className="statuses" hidden={!open}>
        {ELEMENT_GROUPS.map((group) => (
          <div key={group} className="statuses__row">
            <dt>{t(`element.${group}`)}</dt>
            <dd className="status--neutral">{t(`conversation.panel.status.${assessment.elements[group]}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
