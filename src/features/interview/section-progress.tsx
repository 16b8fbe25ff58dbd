import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Progress } from './progress';

interface Props {
  progress: Progress;
  current: string | null;
  /** Portrait: the list starts closed, so the question stays at the top of the screen. */
  narrow: boolean;
}

/** Progress by section: where the interview stands, and how much of what applies is answered. */
export function SectionProgress({ progress, current, narrow }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? !narrow;
  const currentSection = progress.sections.find((s) => s.section === current);
  return (
    <nav aria-label={t('interview.progress')} className="progress">
      <button type="button" className="disclosure" aria-expanded={open} aria-controls={`${id}-list`} data-action="sections" onClick={() => setChosen(!open)}>
        {t('conversation.sections')}
        {currentSection && !open ? ` — ${t(`section.${currentSection.section}`)}` : ''}
      </button>
      <ol id={`${id}-list`} hidden={!open}>
        {progress.sections.map((s) => (
          <li key={s.section} aria-current={s.section === current ? 'step' : undefined} className={s.section === current ? 'progress__item progress__item--current' : 'progress__item'} data-section={s.section}>
            <span>{t(`section.${s.section}`)}</span>
            <span className="progress__count">
              {s.skipped ? t('conversation.sectionSkipped') : s.approximate ? t('conversation.sectionAbout', { done: s.done, total: s.total }) : t('interview.answeredOf', { done: s.done, total: s.total })}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
