// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadEstimator } from '../../components/passphrase-strength';
import { renderIn } from '../../../test/helpers/render';
import { UnlockScreen } from './unlock-screen';

// The dictionaries take a while to load the first time (they are transformed for the test): once, up front.
beforeAll(() => loadEstimator(), 60_000);

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const GOOD = 'quatre mots pour la tablette';

/** The first-use form loads on demand (it carries the strength check): wait for it. */
async function createScreen(onSubmit: (passphrase: string) => Promise<boolean> = async () => true) {
  renderIn(<UnlockScreen mode="create" onSubmit={onSubmit} />);
  await screen.findByLabelText('Passphrase');
}

function fillNew(passphrase: string, confirmation = passphrase) {
  fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: passphrase } });
  fireEvent.change(screen.getByLabelText('Type the passphrase again'), { target: { value: confirmation } });
}

describe('first use', () => {
  it('states the rule in words and gives no verdict before anything is typed', async () => {
    await createScreen();
    expect(screen.getByRole('note').textContent).toMatch(/nobody .* can recover/);
    expect(screen.getByText(/at least 12 characters or four words, hard to guess/)).toBeTruthy();
    expect(screen.getByTestId('passphrase-verdict').textContent).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the strength once something is typed, with the reason in words', async () => {
    await createScreen();
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'password1234' } });
    await waitFor(() => expect(screen.getByTestId('passphrase-verdict').textContent).toMatch(/Strength: too weak.*common password/));
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: GOOD } });
    await waitFor(() => expect(screen.getByTestId('passphrase-verdict').textContent).toBe('Strength: strong'));
  });

  it.each([
    ['aaaaaaaaaaaa', /Repeated letters or words/],
    ['password1234', /common password/],
    ['ab ab ab ab', /Repeated letters or words/],
    ['short', /too short: at least 12 characters or four words/],
  ])('refuses %s and says why', async (weak, reason) => {
    const onSubmit = vi.fn(async () => true);
    await createScreen(onSubmit);
    fillNew(weak);
    fireEvent.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(reason);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses two different passphrases, then accepts matching ones', async () => {
    const onSubmit = vi.fn(async () => true);
    await createScreen(onSubmit);
    fillNew(GOOD, `${GOOD}s`);
    fireEvent.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not the same/);
    fillNew(GOOD);
    fireEvent.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(GOOD));
  });

  it('shows and hides both fields with one toggle button, and offers them to no password manager or keyboard memory', async () => {
    await createScreen();
    const toggle = screen.getByRole('button', { name: 'Show' });
    const fields = [screen.getByLabelText('Passphrase'), screen.getByLabelText('Type the passphrase again')];
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(fields.map((f) => f.getAttribute('type'))).toEqual(['password', 'password']);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(fields.map((f) => f.getAttribute('type'))).toEqual(['text', 'text']);
    for (const field of fields) {
      expect(field.getAttribute('autocomplete')).toBe('off');
      expect(field.getAttribute('spellcheck')).toBe('false');
      expect(field.getAttribute('autocorrect')).toBe('off');
      expect(field.getAttribute('autocapitalize')).toBe('off');
      expect(field.hasAttribute('name')).toBe(false);
    }
  });
});

describe('unlock', () => {
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

  it('during the wait after wrong passphrases: a countdown, and no attempt until it is over', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const onSubmit = vi.fn(async () => false);
    renderIn(<UnlockScreen mode="unlock" retryAt={Date.now() + 30_000} onSubmit={onSubmit} />);
    expect(screen.getByTestId('unlock-wait').textContent).toMatch(/Next attempt possible in\s*0:30/);
    const button = screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    act(() => void vi.advanceTimersByTime(10_000));
    expect(screen.getByRole('timer').textContent).toBe('0:20');
    fireEvent.submit(button.form!);
    expect(onSubmit).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(21_000));
    expect(screen.queryByTestId('unlock-wait')).toBeNull();
    expect(button.disabled).toBe(false);
  });
});
