/**
 * The passphrase a backup file is sealed with: typed twice. Kept in this one
 * small place so that the shared new-passphrase component (strength, show/hide)
 * can replace it without touching the rest of the backup section.
 */
import { useTranslation } from 'react-i18next';

export type BackupPassphraseProblem = 'tooShort' | 'mismatch';

/** 12 characters or four words at least, the same both times. */
export function backupPassphraseProblem(passphrase: string, confirmation: string): BackupPassphraseProblem | null {
  const trimmed = passphrase.trim();
  if (trimmed.length < 12 && trimmed.split(/\s+/).filter(Boolean).length < 4) return 'tooShort';
  if (passphrase !== confirmation) return 'mismatch';
  return null;
}

export function BackupPassphraseFields({ id, value, confirmation, onChange }: { id: string; value: string; confirmation: string; onChange: (value: string, confirmation: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`${id}-pass`}>{t('restore.filePassphrase')}</label>
      <input id={`${id}-pass`} type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value, confirmation)} required />
      <label htmlFor={`${id}-confirm`}>{t('restore.filePassphraseAgain')}</label>
      <input id={`${id}-confirm`} type="password" autoComplete="off" spellCheck={false} value={confirmation} onChange={(e) => onChange(value, e.target.value)} required />
    </>
  );
}
