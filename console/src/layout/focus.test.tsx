import { useRef, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { canTakeFocus, focusFirst, screenHeading, useFocusReturn } from './focus';

/** A row with a button opening a dialog that is removed from the page when closed; 删除 removes the row too. */
function Screen() {
  const [open, setOpen] = useState(false);
  const [rowThere, setRowThere] = useState(true);
  const opener = useRef<HTMLButtonElement>(null);
  useFocusReturn(open, () => opener.current, () => screenHeading());
  return (
    <div className="app-content">
      <h1>镜像源</h1>
      {rowThere && (
        <button ref={opener} onClick={() => setOpen(true)}>
          更多操作 a
        </button>
      )}
      {open && (
        <div role="dialog" aria-label="删除">
          <button autoFocus onClick={() => setOpen(false)}>
            取消
          </button>
          <button
            onClick={() => {
              setRowThere(false);
              setOpen(false);
            }}
          >
            删除
          </button>
        </div>
      )}
    </div>
  );
}

describe('focus after a dialog closes', () => {
  it('goes back to what opened it', async () => {
    render(<Screen />);
    screen.getByRole('button', { name: '更多操作 a' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: '取消' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: '更多操作 a' })).toHaveFocus();
  });

  it('goes to the screen’s heading when what opened it has left the page', async () => {
    render(<Screen />);
    screen.getByRole('button', { name: '更多操作 a' }).focus();
    await userEvent.keyboard('{Enter}');
    await userEvent.tab();
    expect(screen.getByRole('button', { name: '删除' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('button', { name: '更多操作 a' })).toBeNull();
    const heading = screen.getByRole('heading', { name: '镜像源' });
    expect(heading).toHaveFocus();
    // focusable from script only: Tab does not stop on it
    expect(heading).toHaveAttribute('tabindex', '-1');
  });

  it('skips candidates that are gone, disabled or hidden, and says when none could take it', () => {
    render(
      <div>
        <button disabled>disabled</button>
        <div aria-hidden="true">
          <button>hidden</button>
        </div>
        <span>plain text</span>
        <button>there</button>
      </div>,
    );
    const gone = document.createElement('button');
    expect(canTakeFocus(gone)).toBe(false);
    expect(canTakeFocus(screen.getByText('plain text'))).toBe(false);
    expect(
      focusFirst(
        null,
        gone,
        screen.getByRole('button', { name: 'disabled' }),
        () => screen.getByText('hidden'),
        () => screen.getByRole('button', { name: 'there' }),
      ),
    ).toBe(screen.getByRole('button', { name: 'there' }));
    expect(screen.getByRole('button', { name: 'there' })).toHaveFocus();
    expect(focusFirst(gone, () => null)).toBeNull();
  });
});
