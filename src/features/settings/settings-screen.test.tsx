// @vitest-environment jsdom
/**
 * Settings as an officer meets them: each message appears beside the button
 * that produced it, goes when something new happens, and is in the screen's
 * language — a refused backup file included.
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderIn } from '../../../test/helpers/render';
import { ScreeningDb } from '../../storage/db';
import { createVault } from '../../storage/vault';
import { SettingsScreen } from './settings-screen';

beforeAll(() => {
  (globalThis as unknown as { __APP_BUILD__: string }).__APP_BUILD__ = 'test';
});
afterEach(cleanup);

let n = 0;
async function settingsIn(language: 'fr' | 'ar') {
  const store = await createVault('une phrase pour la tablette', new ScreeningDb(`settings-${++n}`));
  renderIn(<SettingsScreen store={store} hasPin={false} onPin={async () => undefined} onPolicy={() => undefined} onWiped={() => undefined} onHome={() => undefined} />, language);
  await screen.findByDisplayValue('90');
  const section = (name: string) => document.querySelector<HTMLElement>(`[data-section="${name}"]`)!;
  return { store, section };
}

describe('settings in sections', () => {
  it('shows each message beside its own button, and clears it when something new happens', async () => {
    const { section } = await settingsIn('fr');
    fireEvent.change(within(section('officer')).getByLabelText('Nom'), { target: { value: 'Insp. Alaoui' } });
    fireEvent.click(within(section('officer')).getByRole('button', { name: 'Enregistrer' }));
    expect((await within(section('officer')).findByRole('status')).textContent).toBe('Enregistré.');
    expect(within(section('policy')).queryByRole('status')).toBeNull();

    // Typing anywhere else: the old message goes.
    fireEvent.change(within(section('policy')).getByDisplayValue('90'), { target: { value: '60' } });
    await waitFor(() => expect(within(section('officer')).queryByRole('status')).toBeNull());

    // A wrong PIN: said beside the PIN, in French.
    fireEvent.change(within(section('officer')).getByLabelText('Code PIN pour ce tour de service', { selector: 'input' }), { target: { value: '12' } });
    fireEvent.click(within(section('officer')).getByRole('button', { name: 'Définir le code PIN' }));
    expect((await within(section('officer')).findByRole('alert')).textContent).toMatch(/PIN/);
    expect(document.querySelectorAll('[role="alert"]')).toHaveLength(1);
  });

  it('backup and restore are two headed sections apart; their refusals are in the screen\'s language', async () => {
    const { section } = await settingsIn('ar');
    const backup = section('backup');
    const restore = section('restore');
    expect(backup.querySelector('h2')!.textContent).toBe('إنشاء نسخة احتياطية');
    expect(restore.querySelector('h2')!.textContent).toBe('استعادة نسخة احتياطية');
    expect(backup.nextElementSibling!.tagName).toBe('HR');

    // A strong passphrase (the same rule as the tablet's), typed differently the second time.
    fireEvent.change(within(backup).getByLabelText('عبارة مرور ملف النسخة الاحتياطية'), { target: { value: 'granite lantern orbit velvet' } });
    fireEvent.change(within(backup).getByLabelText('أعد كتابة عبارة مرور الملف'), { target: { value: 'granite lantern orbit velvets' } });
    fireEvent.click(within(backup).getByRole('button', { name: 'إنشاء ملف النسخة الاحتياطية' }));
    expect((await within(backup).findByRole('alert')).textContent).toBe('عبارتا المرور غير متطابقتين.');

    // Not a backup at all: refused beside the restore button, naming the file, in Arabic, with no English and no SyntaxError.
    const input = restore.querySelector<HTMLInputElement>('input[type="file"]')!;
    // (jsdom's File has no text(); a browser's has.)
    const file = Object.assign(new File(['{"cases": ['], 'notes.bin'), { text: async () => '{"cases": [' });
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.change(within(restore).getByLabelText('عبارة مرور ملف النسخة الاحتياطية'), { target: { value: 'whatever it is' } });
    fireEvent.click(within(restore).getByRole('button', { name: 'فتح الملف وفحصه' }));
    const refusal = (await within(restore).findByRole('alert')).textContent!;
    expect(refusal).toMatch(/^لم يتغيّر شيء على هذا الجهاز اللوحي\. «.*notes\.bin.*»: هذا ليس ملف نسخة احتياطية/);
    expect(refusal).not.toMatch(/SyntaxError|JSON|not a/);
    expect(within(backup).queryByRole('alert')).toBeNull();
  });
});
