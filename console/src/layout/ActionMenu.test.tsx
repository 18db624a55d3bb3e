import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionMenu } from './ActionMenu';
import { chosenByKey } from './actionMenuKeys';

const items = [
  { key: 'edit', label: '编辑' },
  { type: 'divider' as const },
  { key: 'delete', label: '删除', danger: true },
];

function renderMenu() {
  const onSelect = vi.fn();
  render(
    <>
      <ActionMenu label="更多操作 a" items={items} onSelect={onSelect} />
      <button>next</button>
    </>,
  );
  return onSelect;
}

/** Opens the menu by keyboard and puts the focus on `name` (rc-menu's arrows need a layout jsdom has not). */
async function openAndFocus(name: string) {
  screen.getByRole('button', { name: '更多操作 a' }).focus();
  await userEvent.keyboard('{Enter}');
  const item = await screen.findByRole('menuitem', { name });
  item.focus();
  return item;
}

describe('the 「⋯」 menu by keyboard', () => {
  it('tells that the button opens a menu, and whether it is open', async () => {
    renderMenu();
    const button = screen.getByRole('button', { name: '更多操作 a' });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    button.focus();
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('menuitem', { name: '删除' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
  });

  it('runs the focused item on Enter and on Space, then gives the focus back to the button', async () => {
    const onSelect = renderMenu();
    await openAndFocus('删除');
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith('delete');
    await waitFor(() => expect(screen.getByRole('button', { name: '更多操作 a' })).toHaveFocus());

    await openAndFocus('编辑');
    await userEvent.keyboard(' ');
    expect(onSelect).toHaveBeenLastCalledWith('edit');
    expect(onSelect).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.getByRole('button', { name: '更多操作 a' })).toHaveFocus());
  });

  it('runs the highlighted item, the one the arrows (or the pointer) moved to, though the focus lags behind', async () => {
    const onSelect = renderMenu();
    await openAndFocus('编辑');
    // rc-menu marks the item at once and moves the focus a frame later (or, on a busy machine, already has): the
    // key is sent to the item the focus was on, in the same task, so no frame can move the focus in between
    await userEvent.hover(screen.getByRole('menuitem', { name: '删除' }));
    const lagging = screen.getByRole('menuitem', { name: '编辑' });
    lagging.focus();
    fireEvent.keyDown(lagging, { key: 'Enter', code: 'Enter' });
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenCalledWith('delete');
  });

  it('closes on Escape with the focus on the button, running nothing', async () => {
    const onSelect = renderMenu();
    await openAndFocus('编辑');
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: '更多操作 a' })).toHaveFocus();
    expect(screen.getByRole('button', { name: '更多操作 a' })).toHaveAttribute('aria-expanded', 'false');
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('leaves the focus where the item put it (a dialog it opened)', async () => {
    const onSelect = vi.fn(() => screen.getByRole('button', { name: 'next' }).focus());
    render(
      <>
        <ActionMenu label="更多操作 a" items={items} onSelect={onSelect} />
        <button>next</button>
      </>,
    );
    await openAndFocus('编辑');
    await userEvent.keyboard('{Enter}');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByRole('button', { name: 'next' })).toHaveFocus();
  });
});

describe('chosenByKey', () => {
  const menu = (active?: 'edit' | 'delete', disabled = false) => {
    const ul = document.createElement('ul');
    ul.innerHTML = ['edit', 'delete']
      .map(
        (key) =>
          `<li role="menuitem" class="${key === active ? 'ant-dropdown-menu-item-active' : ''}"${disabled ? ' aria-disabled="true"' : ''}><span data-action="${key}">${key}</span></li>`,
      )
      .join('');
    return ul;
  };

  it('is the highlighted item for Enter or Space, else the focused one; nothing for other keys or a disabled item', () => {
    const highlighted = menu('delete');
    const first = highlighted.querySelector('li');
    expect(chosenByKey({ key: 'Enter', target: first, currentTarget: highlighted })).toBe('delete');
    expect(chosenByKey({ key: ' ', target: first, currentTarget: highlighted })).toBe('delete');
    const none = menu();
    expect(chosenByKey({ key: 'Enter', target: none.querySelector('li span'), currentTarget: none })).toBe('edit');
    expect(chosenByKey({ key: 'a', target: first, currentTarget: highlighted })).toBeNull();
    expect(chosenByKey({ key: 'ArrowDown', target: first, currentTarget: highlighted })).toBeNull();
    const disabled = menu('delete', true);
    expect(chosenByKey({ key: 'Enter', target: disabled.querySelector('li'), currentTarget: disabled })).toBeNull();
    expect(chosenByKey({ key: ' ', target: document.createElement('div') })).toBeNull();
  });
});
