import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { InputError } from '../../engine';
import { parseDirectory, serialiseDirectory, SERVICE_TYPES, STARTER_DIRECTORY, validateService, type Service, type ServiceType } from '../../content/directory';
import type { CaseStore } from '../../storage';
import { downloadFile } from '../../components/download';
import { OutcomeMessages } from '../../components/outcome-messages';
import { FileButton } from '../../components/file-button';

const EMPTY = { id: '', name: '', type: 'ngo' as ServiceType, region: '', languages: 'ar, fr', takes: 'women, men, children', contact: '' };

/** The services an officer refers to: the national starter list, local additions, import and export. */
export function DirectoryScreen({ store, onHome }: { store: CaseStore; onHome: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [services, setServices] = useState<Service[]>(STARTER_DIRECTORY);
  const [form, setForm] = useState(EMPTY);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void store.directory().then((stored) => stored && setServices(stored.map((s) => validateService(s))));
  }, [store]);

  async function persist(next: Service[]) {
    await store.setDirectory(next);
    setServices(next);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const list = (text: string) => text.split(',').map((v) => v.trim()).filter(Boolean);
    const slug = form.id || form.name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'service';
    try {
      const service = validateService({ ...form, id: slug, languages: list(form.languages), takes: list(form.takes) });
      await persist([...services.filter((s) => s.id !== service.id), service]);
      setForm(EMPTY);
      setProblem(null);
      setMessage(t('settings.saved'));
    } catch (error) {
      setProblem(error instanceof InputError ? error.message : String(error));
    }
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    try {
      const imported = parseDirectory(await file.text(), file.name);
      await persist(imported);
      setProblem(null);
      setMessage(t('directory.imported', { count: imported.length }));
    } catch (error) {
      setMessage(null);
      setProblem(t('directory.refused', { reason: error instanceof Error ? error.message : String(error) }));
    }
  }

  const exportFile = () => downloadFile('annuaire-services-448-1.json', serialiseDirectory(services));

  const field = (key: keyof typeof EMPTY, label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input autoComplete="off" spellCheck={false} autoCorrect="off" id={`${id}-${key}`} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </div>
  );

  return (
    <div className="page page--wide">
      <h1>{t('directory.title')}</h1>
      <p>{t('directory.intro')}</p>
      <OutcomeMessages message={message} problem={problem} />
      <div className="actions">
        <FileButton label={t('directory.import')} onFiles={(files) => importFile(files[0])} />
        <button type="button" className="button button--secondary" onClick={exportFile}>
          {t('directory.export')}
        </button>
      </div>
      <ul className="case-list">
        {services.map((s) => (
          <li key={s.id} className="case" data-service={s.id}>
            <div className="case__main">
              <strong>{s.name}</strong>
              <span className="badge">{t(`directory.types.${s.type}`)}</span>
              <span>{s.region}</span>
              <span dir="ltr">{s.contact}</span>
            </div>
            <div className="case__actions">
              <button type="button" className="button button--secondary" onClick={() => setForm({ ...s, languages: s.languages.join(', '), takes: s.takes.join(', ') })}>
                {t('directory.edit')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => void persist(services.filter((x) => x.id !== s.id))}>
                {t('directory.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form onSubmit={save} className="card form">
        <h2>{form.id ? t('directory.edit') : t('directory.add')}</h2>
        {field('name', t('directory.name'))}
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('directory.type')}</label>
          <select id={`${id}-type`} value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as ServiceType })}>
            {SERVICE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`directory.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        {field('region', t('directory.region'))}
        {field('languages', t('directory.languages'))}
        {field('takes', t('directory.takes'))}
        {field('contact', t('directory.contact'))}
        <button type="submit" className="button button--primary">
          {t('directory.save')}
        </button>
      </form>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    </div>
  );
}
