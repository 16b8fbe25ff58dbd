import type { TFunction } from 'i18next';
import { questionText, type AnswerMap, type Assessment, type Questionnaire, type QuestionnaireLocale } from '../../engine';
import { answerLabel } from '../../components/answer-label';
import { interpreterText, personLanguageName } from '../../components/person-language';
import { ElementTable } from '../../components/element-table';
import { IloReading } from '../../components/ilo-reading';
import { LegalNotes } from '../../components/legal-notes';
import { PhoneText } from '../../components/phone-text';
import { flagWords } from '../../i18n/flag-words';
import type { Service } from '../../content/directory';
import type { CaseContent, Referral } from '../../storage';

export interface SummaryData {
  reference: string;
  createdAt: number;
  questionnaire: Questionnaire;
  answers: AnswerMap;
  assessment: Assessment;
  /** The case as stored: who interviewed and who edited are read from here, never from today's settings. */
  content: CaseContent;
  recommended: Service[];
  referrals: Referral[];
}

const CONSENT_QUESTIONS = ['consent.explained', 'consent.interview', 'consent.record', 'consent.share_referral', 'consent.statistics'];

export type Right = 'protection' | 'stay' | 'stayToCheck' | 'legalAid' | 'care' | 'shelter' | 'return';

/**
 * The rights to explain (LEGAL.md §5), only those that apply: staying in Morocco
 * until the end of the trial is a right of foreign victims, so a Moroccan is not
 * told about it, and when the nationality is not known it is shown as to check.
 */
export function rightsToExplain(answers: AnswerMap): Right[] {
  const nationality = answers['person.nationality'];
  const known = typeof nationality === 'string' && nationality !== 'dont_know' && nationality !== 'refused';
  const stay: Right[] = !known ? ['stayToCheck'] : nationality === 'morocco' ? [] : ['stay'];
  return ['protection', ...stay, 'legalAid', 'care', 'shelter', 'return'];
}

function answerText(t: TFunction, q: Questionnaire, locale: QuestionnaireLocale, id: string, value: AnswerMap[string] | undefined): string {
  return answerLabel(t, q.byId.get(id)!, locale, value);
}

/**
 * The referral summary as it prints: in its own language (chosen apart from the
 * interview's), right to left for Arabic, marked confidential and "screening —
 * not a legal determination". The running header and footer of every printed
 * page come from the summary screen (CSS paged media).
 */
export function SummaryDocument({ data, t, language }: { data: SummaryData; t: TFunction; language: 'fr' | 'ar' | 'en' }) {
  const { questionnaire: q, answers, assessment, content } = data;
  const locale = q.locales[language];
  const date = new Intl.DateTimeFormat(language === 'ar' ? 'ar-MA' : language, { dateStyle: 'long' });
  const urgent = assessment.flagReasons.find((r) => r.flag === 'urgent_needs');
  // Others still in the situation come first among the urgent matters: the police must act now.
  const othersAtRisk = assessment.flags.includes('others_at_risk');
  const nationality = answers['person.nationality'] === 'other' ? String(answers['person.nationality_other'] ?? '') : answerText(t, q, locale, 'person.nationality', answers['person.nationality']);
  const age = assessment.person.ageYears === null ? t('report.ageUnknown') : String(assessment.person.ageYears);
  const shareConsent = answers['consent.share_referral'] === 'yes';
  const officer = content.officer;
  const details = content.details;
  const notes = typeof answers['closing.officer_notes'] === 'string' && answers['closing.officer_notes'] !== 'refused' ? answers['closing.officer_notes'] : '';

  return (
    <article className="summary-document" lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'} data-summary-outcome={assessment.outcome}>
      <header className="summary-document__header">
        <p className="summary-document__confidential">{t('summary.confidential')}</p>
        <h1>{t('summary.title')}</h1>
        <p className="summary-document__disclaimer">{t('report.disclaimer')}</p>
        <dl className="summary-grid">
          <dt>{t('result.reference')}</dt>
          <dd>
            <bdi dir="ltr">{data.reference}</bdi>
          </dd>
          <dt>{t('summary.date')}</dt>
          <dd>{date.format(data.createdAt)}</dd>
          <dt>{t('summary.place')}</dt>
          <dd>{details?.place || '—'}</dd>
          <dt>{t('summary.officer')}</dt>
          <dd data-testid="summary-officer">{officer ? `${officer.name}${officer.service ? ` — ${officer.service}` : ''}` : t('summary.officerUnknown')}</dd>
          {(content.editors ?? []).length > 0 && (
            <>
              <dt>{t('summary.editedBy')}</dt>
              <dd data-testid="summary-editors">
                {new Intl.ListFormat(language, { type: 'conjunction' }).format(content.editors!.map((e) => t('summary.editor', { name: e.name, service: e.service, date: date.format(e.at) })))}
              </dd>
            </>
          )}
          <dt>{t('summary.interviewLanguage')}</dt>
          <dd>{t(`summary.languages.${(['fr', 'ar', 'en'].includes(content.interviewLanguage) ? content.interviewLanguage : 'fr') as 'fr'}`)}</dd>
          <dt>{t('conversation.summary.personLanguage')}</dt>
          <dd>{personLanguageName(t, content.details) ?? '—'}</dd>
          <dt>{t('summary.interpreter')}</dt>
          <dd data-testid="summary-interpreter">{interpreterText(t, content.details) ?? '—'}</dd>
        </dl>
      </header>

      {(urgent || othersAtRisk) && (
        <section className="summary-section summary-section--urgent summary-block">
          <h2>{t('flag.urgent_needs.title')}</h2>
          <ul>
            {othersAtRisk && (
              <li data-urgent="others_at_risk">
                <strong>{t('flag.others_at_risk.title')}</strong> — {t('flag.others_at_risk.text')}
              </li>
            )}
            {(urgent?.codes ?? []).map((code) => (
              <li key={code}>
                <PhoneText text={t(`interview.urgent.${code.slice('context.'.length)}` as 'interview.urgent.needs_medical')} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="summary-section">
        <h2>{t('summary.consentTitle')}</h2>
        <table className="summary-table">
          <tbody>
            {CONSENT_QUESTIONS.map((id) => (
              <tr key={id}>
                <th scope="row">{locale.questions[id]?.text}</th>
                <td>{answerText(t, q, locale, id, answers[id])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!shareConsent && content.referWithoutConsent && <p className="summary-note">{t(`summary.withoutConsent.${content.referWithoutConsent}`)}</p>}
      </section>

      <section className="summary-section summary-block">
        <h2>{t('summary.personTitle')}</h2>
        <dl className="summary-grid">
          <dt>{t('report.age')}</dt>
          <dd>
            {age}
            {assessment.person.treatedAsChild ? ` — ${t('report.treatedAsChild')}` : ''}
            {assessment.person.childAtEvents ? ` — ${t('report.childAtEvents')}` : ''}
          </dd>
          <dt>{t('summary.sex')}</dt>
          <dd>{answerText(t, q, locale, 'person.sex', answers['person.sex'])}</dd>
          <dt>{t('summary.nationality')}</dt>
          <dd>{nationality || '—'}</dd>
        </dl>
      </section>

      <section className="summary-section summary-block">
        <h2>{t('report.outcome')}</h2>
        <p className="summary-outcome">{t(`outcome.${assessment.outcome}.title`)}</p>
        <p>{t(`outcome.${assessment.outcome}.action`)}</p>
      </section>

      <section className="summary-section">
        <h2>{t('report.elements')}</h2>
        <ElementTable t={t} language={language} questionnaire={q} locale={locale} answers={answers} assessment={assessment} className="summary-table summary-table--elements" />
        <LegalNotes t={t} questionnaire={q} locale={locale} answers={answers} assessment={assessment} level={3} />
      </section>

      {assessment.flagReasons.length > 0 && (
        <section className="summary-section">
          <h2>{t('report.flags')}</h2>
          <ul>
            {assessment.flagReasons.map((reason) => (
              <li key={reason.flag} data-flag={reason.flag}>
                <strong>{flagWords(t, reason, assessment.outcome).title}</strong> — {flagWords(t, reason, assessment.outcome).text}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="summary-section" data-testid="summary-ilo">
        <h2>{t('ilo.heading')}</h2>
        <IloReading t={t} indicators={assessment.indicators} />
      </section>

      <section className="summary-section">
        <h2>{t('summary.rightsTitle')}</h2>
        <ul data-testid="summary-rights">
          {rightsToExplain(answers).map((right) => (
            <li key={right} data-right={right}>
              {t(`summary.rights.${right}`)}
            </li>
          ))}
        </ul>
      </section>

      <section className="summary-section">
        <h2>{t('summary.referralsTitle')}</h2>
        {data.referrals.length > 0 && (
          <ul>
            {data.referrals.map((r) => (
              <li key={r.id} data-referral-status={r.status}>
                {r.serviceName} — {date.format(r.at)} — {t(`summary.methods.${r.method}`)} — {t(`summary.statuses.${r.status}`)}
              </li>
            ))}
          </ul>
        )}
        <p>{t('summary.recommended')}</p>
        {/* Every recommended service: the prosecutor and the court cell come after the urgent ones. */}
        <ol data-testid="summary-recommended">
          {data.recommended.map((s) => (
            <li key={s.id} data-service={s.id}>
              {s.name} — <PhoneText text={s.contact} />
            </li>
          ))}
        </ol>
      </section>

      <section className="summary-section">
        <h2>{t('summary.notesTitle')}</h2>
        <p className="summary-notes" data-testid="summary-notes">
          {notes || '—'}
        </p>
        {(content.notes ?? []).length > 0 && (
          <>
            <h3>{t('conversation.summary.notesAt')}</h3>
            <ul className="summary-notes">
              {content.notes!.map((note) => (
                <li key={note.id} data-note-id={note.id}>
                  {note.questionId && locale.questions[note.questionId] ? `${questionText(locale, note.questionId, { child: assessment.person.treatedAsChild, thirdPerson: false })} — ` : ''}
                  {note.text}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="summary-signatures" aria-label={t('summary.signature')}>
        <p className="summary-signatures__who summary-signatures__who--officer">{t('summary.signOfficer')}</p>
        <p className="signature-line summary-signatures__line--officer">{t('summary.signature')}</p>
        <p className="summary-signatures__who summary-signatures__who--receiver">{t('summary.signReceiver')}</p>
        <p className="signature-line summary-signatures__line--receiver">{t('summary.signature')}</p>
      </section>
    </article>
  );
}
