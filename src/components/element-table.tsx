import type { TFunction } from 'i18next';
import { ELEMENT_GROUPS, type AnswerMap, type Assessment, type Questionnaire, type QuestionnaireLocale } from '../engine';
import { localArticle } from '../i18n/article';
import { answerLabel } from './answer-label';

interface Props {
  t: TFunction;
  language: string;
  questionnaire: Questionnaire;
  locale: QuestionnaireLocale;
  answers: AnswerMap;
  assessment: Assessment;
  className: string;
}

/** Each element of art. 448-1 with its status, the answers behind it and the article paragraph: on screen and on the summary. */
export function ElementTable({ t, language, questionnaire, locale, answers, assessment, className }: Props) {
  return (
    <table className={className}>
      <thead>
        <tr>
          <th scope="col">{t('result.element')}</th>
          <th scope="col">{t('result.status')}</th>
          <th scope="col">{t('result.because')}</th>
          <th scope="col">{t('report.article')}</th>
        </tr>
      </thead>
      <tbody>
        {ELEMENT_GROUPS.map((group) => {
          const reason = assessment.reasons.find((r) => r.element === group)!;
          return (
            <tr key={group} data-element={group}>
              <th scope="row">{t(`element.${group}`)}</th>
              <td className={`status status--${reason.status}`}>{t(`status.${reason.status}`)}</td>
              <td>
                <ul className="plain-list">
                  {reason.questions.map((id) => (
                    <li key={id}>
                      {locale.questions[id]?.text} — <strong>{answerLabel(t, questionnaire.byId.get(id)!, locale, answers[id])}</strong>
                    </li>
                  ))}
                  {reason.questions.length === 0 && <li>{t('result.nothingAsked')}</li>}
                </ul>
              </td>
              <td>{localArticle(reason.article, t, language)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
