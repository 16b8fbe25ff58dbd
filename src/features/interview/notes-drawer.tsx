import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/confirm-button';
import type { InterviewExtras } from './use-interview';

export type Note = InterviewExtras['notes'][number];

/** Long enough for an address, a description or what a companion said; still short of a verbatim story (LEGAL.md §8). */
export const NOTE_MAX_LENGTH = 2000;

interface Props {
  notes: Note[];
  /** The question on screen: a note taken now is tied to it. */
  questionId: string | null;
  questionLabel: (questionId: string) => string;
  onAdd: (text: string, questionId: string | null) => void;
  onDelete: (noteId: string) => void;
}

/**
 * Notes at any moment of the interview: a name or an address that comes up at
 * question 20 has somewhere to go. Saved with the answers, sealed like them.
 */
export function NotesDrawer({ notes, questionId, questionLabel, onAdd, onDelete }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  function close() {
    setOpen(false);
    opener.current?.focus();
  }

  function add() {
    const text = draft.trim();
    if (!text) return;
    onAdd(text, questionId);
    setDraft('');
    field.current?.focus();
  }

  return (
    <>
      <button type="button" ref={opener} className="button button--secondary notes-opener no-print" aria-expanded={open} aria-controls={open ? `${id}-drawer` : undefined} data-action="notes" onClick={() => (open ? close() : setOpen(true))}>
        {t('conversation.notes.open', { count: notes.length })}
      </button>
      {open && (
        <section
          id={`${id}-drawer`}
          className="notes-drawer no-print"
          aria-labelledby={`${id}-title`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <h2 id={`${id}-title`}>{t('conversation.notes.title')}</h2>
          <p className="muted">{t('conversation.notes.intro')}</p>
          <label htmlFor={`${id}-text`}>{t('conversation.notes.label')}</label>
          <p id={`${id}-where`} className="muted">
            {questionId ? t('conversation.notes.at', { question: questionLabel(questionId) }) : t('conversation.notes.atNoQuestion')}
          </p>
          <textarea autoComplete="off" spellCheck={false} autoCorrect="off" id={`${id}-text`} ref={field} value={draft} maxLength={NOTE_MAX_LENGTH} rows={4} aria-describedby={`${id}-where ${id}-count`} onChange={(e) => setDraft(e.target.value)} />
          <p id={`${id}-count`} className="muted">
            {t('conversation.notes.characters', { count: draft.length, max: NOTE_MAX_LENGTH })}
          </p>
          <div className="row-actions">
            <button type="button" className="button button--primary" data-action="add-note" disabled={!draft.trim()} onClick={add}>
              {t('conversation.notes.add')}
            </button>
            <button type="button" className="button button--secondary" onClick={close}>
              {t('conversation.notes.close')}
            </button>
          </div>
          <NoteList notes={notes} questionLabel={questionLabel} onDelete={onDelete} />
        </section>
      )}
    </>
  );
}

/** The notes with the question each was taken at: in the drawer and on the review. */
export function NoteList({ notes, questionLabel, onDelete }: { notes: Note[]; questionLabel: (questionId: string) => string; onDelete?: (noteId: string) => void }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language === 'ar' ? 'ar-MA' : i18n.language, { timeStyle: 'short' });
  if (notes.length === 0) return <p className="muted">{t('conversation.notes.none')}</p>;
  return (
    <ul className="note-list">
      {notes.map((note) => (
        <li key={note.id} className="note" data-note-id={note.id}>
          <p className="note__where muted">
            <time dateTime={new Date(note.at).toISOString()}>{time.format(note.at)}</time> — {note.questionId ? t('conversation.notes.at', { question: questionLabel(note.questionId) }) : t('conversation.notes.atNoQuestion')}
          </p>
          <p className="note__text">{note.text}</p>
          {onDelete && (
            <ConfirmButton
              label={t('conversation.notes.delete')}
              accessibleLabel={t('conversation.notes.deleteLabel', { time: time.format(note.at) })}
              question={t('conversation.notes.deleteQuestion')}
              yes={t('conversation.notes.yes')}
              no={t('conversation.notes.no')}
              onConfirm={() => onDelete(note.id)}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
