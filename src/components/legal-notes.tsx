import type { TFunction } from 'i18next';
import type { AnswerMap, Assessment, Questionnaire, QuestionnaireLocale } from '../engine';
import { answerLabel } from './answer-label';

interface Props {
  t: TFunction;
  questionnaire: Questionnaire;
  locale: QuestionnaireLocale;
  answers: AnswerMap;
  assessment: Assessment;
  /** Heading level of the notes' titles, to fit the page they are on. */
  level?: 2 | 3;
}

/**
 * What model v2 adds to a reading, on the result and the summary alike: where the
 * information comes from, the answers that disagree (points to clarify, never a
 * reason to doubt the person — LEGAL.md §3.1), and, beside a victim, the other
 * offences the facts point to (§3.5).
 */
export function LegalNotes({ t, questionnaire, locale, answers, assessment, level = 2 }: Props) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const sourceId = questionnaire.roles.information_source;
  const source = sourceId ? answers[sourceId] : undefined;
  const describe = (id: string) => {
    const q = questionnaire.byId.get(id);
    // A facts file names the fact itself, not a question.
    if (!q) return t(`code.${id}` as 'code.act', { defaultValue: id });
    return `${locale.questions[id]?.text ?? id} — ${answerLabel(t, q, locale, answers[id])}`;
  };
  const besideVictim = !assessment.flags.includes('other_offences') && assessment.otherOffences.length > 0;
  return (
    <>
      {sourceId && source !== undefined && (
        <p className="legal-note" data-testid="information-source">
          <strong>{t('report.informationSource')}</strong> {answerLabel(t, questionnaire.byId.get(sourceId)!, locale, source)}
        </p>
      )}
      {assessment.contradictions.length > 0 && (
        <section className="legal-note" data-testid="contradictions" aria-labelledby="contradictions-heading">
          <Heading id="contradictions-heading">{t('report.contradictions')}</Heading>
          <p>{t('report.contradictionsNote')}</p>
          <ul>
            {assessment.contradictions.map((c) => (
              <li key={c.fact}>
                <strong>{t(`code.${c.fact}` as 'code.act')}</strong>
                <ul>
                  {c.for.map((id) => (
                    <li key={`for-${id}`}>
                      {describe(id)} <em>({t('report.contradictionFor')})</em>
                    </li>
                  ))}
                  {c.against.map((id) => (
                    <li key={`against-${id}`}>
                      {describe(id)} <em>({t('report.contradictionAgainst')})</em>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      {besideVictim && (
        <section className="legal-note" data-testid="other-offences" aria-labelledby="other-offences-heading">
          <Heading id="other-offences-heading">{t('report.otherOffencesBeside')}</Heading>
          <ul>
            {assessment.otherOffences.map((o) => (
              <li key={o.offence}>{t(`offence.${o.offence}`)}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
