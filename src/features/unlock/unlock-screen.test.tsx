// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderIn } from '../../../test/helpers/render';
import { UnlockScreen } from './unlock-screen';
import { passphraseStrength } from './passphrase-strength';

afterEach(cleanup);

describe('first use and unlock', () => {
  it('warns that the passphrase cannot be recovered and refuses a short one', async () => {
    const onSubmit = vi.fn(async () => true);
    renderIn(<UnlockScreen mode="create" onSubmit={onSubmit} />);
    expect(screen.getByRole('note').textContent).toMatch(/nobody .* can recover/);
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'short' } });
    fireEvent.change(screen.getByLabelText('Type the passphrase again'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/at least 12 characters or four words/);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses two different passphrases, then accepts matching ones', async () => {
    const onSubmit = vi.fn(async () => true);
    renderIn(<UnlockScreen mode="create" onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'four words for tablet' } });
    fireEvent.change(screen.getByLabelText('Type the passphrase again'), { target: { value: 'four words for tablets' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not the same/);
    fireEvent.change(screen.getByLabelText('Type the passphrase again'), { target: { value: 'four words for tablet' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith('four words for tablet', false));
  });

  it('says so when the passphrase is wrong', async () => {
    renderIn(<UnlockScreen mode="unlock" onSubmit={async () => false} />);
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'not the right one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not open this tablet/);
  });

  it('"unlock and start an interview" says so; plain unlock does not', async () => {
    const onSubmit = vi.fn(async () => true);
    renderIn(<UnlockScreen mode="unlock" onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'four words for tablet' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock and start an interview' }));
    await waitFor(() => expect(onSubmit).toHaveBeenLastCalledWith('four words for tablet', true));
    fireEvent.click(await screen.findByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(onSubmit).toHaveBeenLastCalledWith('four words for tablet', false));
  });

  it('grades passphrases: 12 characters or four words at least', () => {
    expect(passphraseStrength('abcdefghijk')).toBe('too_short');
    expect(passphraseStrength('un deux trois quatre')).not.toBe('too_short');
    expect(passphraseStrength('abcdefghijkl')).toBe('fair');
    expect(passphraseStrength('une phrase de six mots ici')).toBe('strong');
  });
});
