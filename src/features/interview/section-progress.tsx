import { useTranslation } from 'react-i18next';
import type { Questionnaire } from '../../engine';

interface Props {
  questionnaire: Questionnaire;
  current: string | null;
  answers: Record<string, unknown>;
  visible: ReadonlySet<string>;
}

/** Progress by section: where the interview stands, and how much of each section is answered. */
export function SectionProgress({ questionnaire, current, answers, visible }: Props) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('interview.progress')} className="progress">
      <ol>
        {questionnaire.sections.map((section) => {
          const ids = section.questions.filter((q) => visible.has(q.id));
          const done = ids.filter((q) => answers[q.id] !== undefined).length;
          return (
            <li key={section.id} aria-current={section.id === current ? 'step' : undefined} className={section.id === current ? 'progress__item progress__item--current' : 'progress__item'}>
              <span>{t(`section.${section.id}`)}</span>
              <span className="progress__count">{t('interview.answeredOf', { done, total: ids.length })}</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
