interface MenuKeyEvent {
  key: string;
  target: EventTarget | null;
  currentTarget?: EventTarget | null;
}

const actionOf = (item: Element | null | undefined) =>
  item && item.getAttribute('aria-disabled') !== 'true'
    ? (item.querySelector<HTMLElement>('[data-action]')?.dataset.action ?? null)
    : null;

/**
 * The item a key press in a 「⋯」 menu runs: Enter or Space (the WAI-ARIA menu pattern's keys) run the highlighted
 * item, the one the arrows moved to (rc-menu's active item, marked at once), else the focused one. rc-menu's own
 * Enter runs the item that holds the DOM focus, which it moves there one animation frame after the arrow key: an
 * Enter pressed within that frame (as a browser test does) ran the item before. It tells Enter by the legacy `which`,
 * and has no Space. The item's key is read from the `data-action` of its label (ActionMenu renders it so).
 */
export function chosenByKey(event: MenuKeyEvent): string | null {
  if (event.key !== ' ' && event.key !== 'Enter') return null;
  const menu = event.currentTarget instanceof Element ? event.currentTarget : null;
  const active = menu?.querySelector('[role="menuitem"][class*="-item-active"]');
  if (active) return actionOf(active);
  const target = event.target instanceof Element ? event.target : null;
  return actionOf(target?.closest('[role="menuitem"]'));
}

/**
 * After an item ran, the focus goes back to the menu's button, unless the item put it somewhere else (a dialog it
 * opened): the focused item is hidden with its menu, which would leave the keyboard on the page's body. Done after
 * the key's own events: moved at once, Enter's keypress would land on the button and press it, opening the menu again.
 */
export function returnFocusAfterChoice(trigger: () => HTMLElement | null | undefined) {
  setTimeout(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('.ant-dropdown')) trigger()?.focus();
  });
}
