import type { TFunction } from 'i18next';
import { ELEMENT_GROUPS, type AnswerMap, type Assessment, type Questionnaire, type QuestionnaireLocale } from '../engine';
import { localArticle } from '../i18n/article';
import { answerLabel } from './answer-label';
import { elementEvidence, type ElementEvidence } from './element-evidence';

interface Props {
  t: TFunction;
  language: string;
  questionnaire: Questionnaire;
  locale: QuestionnaireLocale;
  answers: AnswerMap;
  assessment: Assessment;
  className: string;
}

/** In the order a reader weighs them: what makes the status, what points the other way, what is still open. */
const GROUPS: (keyof ElementEvidence)[] = ['support', 'recorded', 'against', 'given', 'open'];

/**
 * Each element of art. 448-1 with its status, the answers behind it and the article
 * paragraph: on screen and on the summary. Only the answers that give the status its
 * value are listed as support; "no" and "don't know" answers that did not are listed
 * apart, under what they are.
 */
export function ElementTable({ t, language, questionnaire, locale, answers, assessment, className }: Props) {
  return (
    <table className={className}>
      <thead>
        <tr>
          <th scope="col">{t('result.element')}</th>
          <th scope="col">{t('result.status')}</th>
          <th scope="col">{t('result.because')}</th>
          <th scope="col">{t('evidence.legalBasis')}</th>
        </tr>
      </thead>
      <tbody>
        {ELEMENT_GROUPS.map((group) => {
          const reason = assessment.reasons.find((r) => r.element === group)!;
          const evidence = elementEvidence(assessment, reason);
          const groups = GROUPS.filter((g) => evidence[g].length > 0);
          return (
            <tr key={group} data-element={group}>
              <th scope="row">{t(`element.${group}`)}</th>
              <td className={`status status--${reason.status}`}>{t(`status.${reason.status}`)}</td>
              <td>
                {groups.map((g) => (
                  <div key={g} className="evidence" data-evidence={g}>
                    <p className="evidence__heading">{t(`evidence.${g}`)}</p>
                    <ul className="plain-list">
                      {evidence[g].map((id) => (
                        <li key={id}>
                          {locale.questions[id]?.text} — <strong>{answerLabel(t, questionnaire.byId.get(id)!, locale, answers[id])}</strong>
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
                {groups.length === 0 && <p className="evidence__heading">{t('result.nothingAsked')}</p>}
              </td>
              <td>{localArticle(reason.article, t, language)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
