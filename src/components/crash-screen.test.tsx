// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderIn } from '../../test/helpers/render';
import { CrashScreen, ScreenBoundary } from './crash-screen';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Hostile({ updatedAt }: { updatedAt: number }): never {
  // What a record with updatedAt 1e300 did to the case list: a RangeError while drawing.
  throw new Error(new Intl.DateTimeFormat('fr').format(updatedAt));
}

describe('a screen that fails to draw', () => {
  it('is replaced by a neutral screen, and the session is told to lock, instead of a blank page', () => {
    const onCrash = vi.fn();
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the error; expected here
    renderIn(
      <ScreenBoundary onCrash={onCrash}>
        <Hostile updatedAt={1e300} />
      </ScreenBoundary>,
      'fr',
    );
    expect(onCrash).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('heading').textContent).toBe('Cet écran n’a pas pu être affiché');
    expect(document.body.textContent).toMatch(/la tablette a été verrouillée/);
    expect(document.body.textContent).not.toMatch(/RangeError|Invalid time/);
  });

  it('when the whole app went down, offers Hide itself; the neutral page reopens onto a fresh start', () => {
    const onRestart = vi.fn();
    const onHide = vi.fn();
    renderIn(<CrashScreen onRestart={onRestart} onHide={onHide} />, 'ar');
    fireEvent.click(screen.getByRole('button', { name: 'إخفاء' }));
    expect(onHide).toHaveBeenCalledTimes(1);
    expect(document.body.textContent).not.toMatch(/تعذّر عرض/);
    fireEvent.click(screen.getByRole('button', { name: 'فتح' }));
    expect(onRestart).toHaveBeenCalledTimes(1);
  });
});
