import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SCENARIO_DIFFICULTIES, SCENARIO_FORMS } from '../../content/scenarios';

/**
 * The form-of-exploitation and difficulty pickers, for filtering the library
 * (with an "all" choice) and for labelling a new scenario (without).
 */
export function ScenarioSelects<F extends string, D extends string>({ form, difficulty, onForm, onDifficulty, withAll }: { form: F; difficulty: D; onForm: (form: F) => void; onDifficulty: (difficulty: D) => void; withAll?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const all = withAll && <option value="">{t('training.all')}</option>;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-form`}>{t('training.filterForm')}</label>
        <select id={`${id}-form`} value={form} onChange={(e) => onForm(e.target.value as F)}>
          {all}
          {SCENARIO_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`training.form.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-difficulty`}>{t('training.filterDifficulty')}</label>
        <select id={`${id}-difficulty`} value={difficulty} onChange={(e) => onDifficulty(e.target.value as D)}>
          {all}
          {SCENARIO_DIFFICULTIES.map((d) => (
            <option key={d} value={d}>
              {t(`training.difficulty.${d}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
