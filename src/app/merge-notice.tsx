/**
 * The merge shown to the officer: on a case edited on two tablets that did not see
 * each other, which answer was kept and which replaced (and by whom, when), and
 * which answers came from one side only. The replaced answers stay in the case history.
 * Each question is on its own line above what happened to its answer: most
 * questions end with "?", and "… ? : « Non »" read wrongly.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerLabel } from '../components/answer-label';
import { findQuestionnaire } from '../content/questionnaires';
import type { AnswerValue, Questionnaire } from '../engine';
import type { CaseStore } from '../storage';
import type { MergeNotice as Notice, Stamp } from '../storage/sync/records';

export default function MergeNotice({ store, caseId, refresh }: { store: CaseStore; caseId: string; refresh: unknown }) {
  const { t, i18n } = useTranslation();
  const [found, setFound] = useState<{ merges: Notice[]; questionnaire: Questionnaire } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void store.exportCase(caseId).then((c) => {
      if (cancelled || !c?.content.team?.merges.length) return setFound(null);
      setFound({ merges: c.content.team.merges, questionnaire: findQuestionnaire(c.questionnaireId, c.questionnaireVersion) });
    });
    return () => {
      cancelled = true;
    };
  }, [store, caseId, refresh]);

  if (!found) return null;
  const lang = (['fr', 'ar', 'en'] as const).find((l) => l === i18n.language) ?? 'fr';
  const locale = found.questionnaire.locales[lang];
  const date = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-MA' : lang, { dateStyle: 'short', timeStyle: 'short' });
  const question = (id: string) => locale.questions[id]?.text ?? id;
  const value = (id: string, v: unknown) => {
    const q = found.questionnaire.byId.get(id);
    return q ? answerLabel(t, q, locale, v as AnswerValue) : String(v);
  };
  // Isolated, so that a Latin name or a date keeps its order inside an Arabic sentence.
  const isolate = (text: string) => `\u2068${text}\u2069`;
  const by = (stamp: Stamp) => isolate(stamp.who || t('team.merge.unknownOfficer'));
  const when = (at: number) => isolate(date.format(at));

  return (
    <details className="merge-notice page" open data-testid="merge-notice">
      <summary>{t('team.merge.title')}</summary>
      <p>{t('team.merge.intro')}</p>
      <ul>
        {found.merges.flatMap((merge) => [
          ...merge.changes.map((c) => (
            <li key={`${merge.id}-${c.questionId}`} data-question={c.questionId}>
              <span className="merge-notice__question">{question(c.questionId)}</span>
              {t('team.merge.kept', {
                kept: value(c.questionId, c.kept.value),
                keptBy: by(c.kept.stamp),
                keptAt: when(c.kept.stamp.at),
                replaced: value(c.questionId, c.replaced.value),
                replacedBy: by(c.replaced.stamp),
                replacedAt: when(c.replaced.stamp.at),
              })}
            </li>
          )),
          ...merge.added.map((a) => (
            <li key={`${merge.id}-added-${a.questionId}`}>
              <span className="merge-notice__question">{question(a.questionId)}</span>
              {t('team.merge.added', { by: by(a.stamp), at: when(a.stamp.at) })}
            </li>
          )),
        ])}
      </ul>
    </details>
  );
}
