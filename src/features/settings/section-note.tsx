/**
 * One message at a time on the settings screen, shown beside the control that
 * produced it (not at the top of a long page), and gone as soon as the officer
 * does something else.
 */
import { OutcomeMessages } from '../../components/outcome-messages';

export type SettingsSection = 'officer' | 'pin' | 'policy' | 'backup' | 'restore' | 'audit' | 'wipe';

export interface Note {
  at: SettingsSection;
  kind: 'status' | 'alert';
  text: string;
}

export function SectionNote({ note, at }: { note: Note | null; at: SettingsSection }) {
  if (note?.at !== at) return null;
  return <OutcomeMessages message={note.kind === 'status' ? note.text : null} problem={note.kind === 'alert' ? note.text : null} />;
}
