import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { diffDirectory, MAX_DIRECTORY_BYTES, parseDirectory, serialiseDirectory, SERVICE_TYPES, STARTER_DIRECTORY, validateService, type DirectoryDiff, type Service, type ServiceType } from '../../content/directory';
import { checkFileSize } from '../../content/import-check';
import type { CaseStore } from '../../storage';
import { downloadFile, neutralFileName } from '../../components/download';
import { describeImportError, isolate } from '../../components/import-error';
import { OutcomeMessages } from '../../components/outcome-messages';
import { FileButton } from '../../components/file-button';

const EMPTY = { id: '', name: '', type: 'ngo' as ServiceType, region: '', languages: 'ar, fr', takes: 'women, men, children', contact: '' };
type FormField = keyof typeof EMPTY;

/**
 * The services an officer refers to: the national starter list, local additions,
 * import and export. An imported file replaces the directory only after the
 * officer has seen what it changes — added, changed (old and new contact) and
 * removed services — and confirmed; the replacement is written to the audit log.
 */
export function DirectoryScreen({ store, onHome }: { store: CaseStore; onHome: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [services, setServices] = useState<Service[]>(STARTER_DIRECTORY);
  const [form, setForm] = useState(EMPTY);
  const [note, setNote] = useState<{ at: 'import' | 'form'; kind: 'status' | 'alert'; text: string } | null>(null);
  const [pending, setPending] = useState<{ file: string; services: Service[]; diff: DirectoryDiff } | null>(null);

  useEffect(() => {
    void store.directory().then((stored) => stored && setServices(stored.map((s) => validateService(s))));
  }, [store]);

  const say = (text: string | null, kind: 'status' | 'alert' = 'status', at: 'import' | 'form' = 'import') => setNote(text === null ? null : { at, kind, text });
  const noteAt = (at: 'import' | 'form') => <OutcomeMessages message={note?.at === at && note.kind === 'status' ? note.text : null} problem={note?.at === at && note.kind === 'alert' ? note.text : null} />;

  async function persist(next: Service[]) {
    await store.setDirectory(next);
    setServices(next);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const list = (text: string) => text.split(',').map((v) => v.trim()).filter(Boolean);
    const slug = form.id || form.name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'service';
    try {
      // The form does not show the hand-over key: an edited service keeps the key (and its check) it had.
      const previous = services.find((s) => s.id === slug);
      const key = previous?.publicKey ? { publicKey: previous.publicKey, ...(previous.keyVerifiedAt ? { keyVerifiedAt: previous.keyVerifiedAt } : {}) } : {};
      const service = validateService({ ...form, id: slug, languages: list(form.languages), takes: list(form.takes), ...key });
      await persist([...services.filter((s) => s.id !== service.id), service]);
      setForm(EMPTY);
      say(t('settings.saved'), 'status', 'form');
    } catch (error) {
      say(describeImportError(t, error, undefined, (field) => fieldLabel(field.split(' › ')[0] as FormField)), 'alert', 'form');
    }
  }

  async function readFile(file: File | undefined) {
    if (!file) return;
    setPending(null);
    try {
      checkFileSize(file, MAX_DIRECTORY_BYTES);
      const imported = parseDirectory(await file.text(), file.name);
      const diff = diffDirectory(services, imported);
      if (diff.added.length + diff.changed.length + diff.removed.length === 0) return say(t('directoryImport.nothingChanges', { file: isolate(file.name) }));
      say(null);
      setPending({ file: file.name, services: imported, diff });
    } catch (error) {
      say(t('directory.refused', { reason: describeImportError(t, error, file.name) }), 'alert');
    }
  }

  async function confirmImport() {
    if (!pending) return;
    const { diff } = pending;
    // A key this tablet already checked by phone stays checked when the file brings the same key; a new key must be checked again.
    const checked = new Map(services.filter((s) => s.publicKey && s.keyVerifiedAt).map((s) => [s.id, s]));
    const next = pending.services.map((s) => {
      const before = checked.get(s.id);
      return before && before.publicKey === s.publicKey ? { ...s, keyVerifiedAt: before.keyVerifiedAt } : s;
    });
    await store.importDirectory(next, { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length });
    setServices(next);
    setPending(null);
    say(t('directory.imported', { count: pending.services.length }));
  }

  const exportFile = () => downloadFile(neutralFileName('directory', 'json'), serialiseDirectory(services));

  function fieldLabel(field: FormField): string {
    const known: Partial<Record<FormField, string>> = { name: t('directory.name'), type: t('directory.type'), region: t('directory.region'), languages: t('directory.languages'), takes: t('directory.takes'), contact: t('directory.contact') };
    return known[field] ?? field;
  }

  const field = (key: FormField, label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={form[key]} autoComplete="off" spellCheck={false} autoCorrect="off" onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </div>
  );

  const shown = (s: Service, f: keyof Service) => {
    const value = s[f];
    if (value === undefined || value === '') return '—';
    if (f === 'type') return t(`directory.types.${value as ServiceType}`);
    return Array.isArray(value) ? value.join(', ') : value;
  };

  const serviceLine = (s: Service) => (
    <>
      <strong>{s.name}</strong> — <span dir="ltr">{s.contact}</span>
    </>
  );

  return (
    <div className="page page--wide">
      <h1>{t('directory.title')}</h1>
      <p>{t('directory.intro')}</p>
      <div className="actions">
        <FileButton label={t('directory.import')} action="import-directory" onFiles={(files) => readFile(files[0])} />
        <button type="button" className="button button--secondary" onClick={exportFile}>
          {t('directory.export')}
        </button>
      </div>
      {!pending && noteAt('import')}

      {pending && (
        <section className="card directory-diff" aria-labelledby={`${id}-diff`} data-step="directory-diff">
          <h2 id={`${id}-diff`}>{t('directoryImport.title', { file: isolate(pending.file) })}</h2>
          <p>{t('directoryImport.intro')}</p>
          {pending.diff.added.length > 0 && (
            <>
              <h3>{t('directoryImport.added', { count: pending.diff.added.length })}</h3>
              <ul className="diff-list" data-diff="added">
                {pending.diff.added.map((s) => (
                  <li key={s.id}>{serviceLine(s)}</li>
                ))}
              </ul>
            </>
          )}
          {pending.diff.changed.length > 0 && (
            <>
              <h3>{t('directoryImport.changed', { count: pending.diff.changed.length })}</h3>
              <table className="elements-table diff-table" data-diff="changed">
                <thead>
                  <tr>
                    <th scope="col">{t('directory.name')}</th>
                    <th scope="col">{t('directoryImport.field')}</th>
                    <th scope="col">{t('directoryImport.before')}</th>
                    <th scope="col">{t('directoryImport.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pending.diff.changed.flatMap((change) =>
                    change.fields.map((f, i) => (
                      <tr key={`${change.after.id}-${f}`}>
                        {i === 0 && (
                          <th scope="row" rowSpan={change.fields.length}>
                            {change.before.name}
                          </th>
                        )}
                        <td>{t(`directoryImport.fields.${f}`)}</td>
                        <td dir="auto">
                          <del>{shown(change.before, f)}</del>
                        </td>
                        <td dir="auto">
                          <ins>{shown(change.after, f)}</ins>
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </>
          )}
          {pending.diff.removed.length > 0 && (
            <>
              <h3>{t('directoryImport.removed', { count: pending.diff.removed.length })}</h3>
              <ul className="diff-list" data-diff="removed">
                {pending.diff.removed.map((s) => (
                  <li key={s.id}>{serviceLine(s)}</li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">
            <button type="button" className="button button--primary" data-action="confirm-directory" onClick={() => void confirmImport()}>
              {t('directoryImport.confirm')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-action="cancel-directory"
              onClick={() => {
                setPending(null);
                say(t('directoryImport.cancelled'));
              }}
            >
              {t('directoryImport.cancel')}
            </button>
          </div>
        </section>
      )}

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
        {noteAt('form')}
      </form>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    </div>
  );
}
