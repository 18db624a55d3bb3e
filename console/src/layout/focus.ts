import { useEffect, useRef } from 'react';

type Candidate = HTMLElement | null | undefined | (() => HTMLElement | null | undefined);

/** Whether the keyboard can be put on `element` now: still on the page, not disabled, not inside something hidden. */
export function canTakeFocus(element: HTMLElement | null | undefined): element is HTMLElement {
  if (!element || !element.isConnected) return false;
  if ((element as HTMLButtonElement).disabled) return false;
  if (element.closest('[hidden], [aria-hidden="true"], [inert]')) return false;
  return element.tabIndex >= 0 || element.hasAttribute('tabindex');
}

/**
 * Puts the focus on the first candidate that can take it (a candidate may be a function, asked only when the ones
 * before it could not): after a dialog closes, the keyboard goes back to what opened it, or, when that left the
 * page (a deleted row), to a place that stays. Returns the element focused, or null when none could be.
 */
export function focusFirst(...candidates: Candidate[]): HTMLElement | null {
  for (const candidate of candidates) {
    const element = typeof candidate === 'function' ? candidate() : candidate;
    if (canTakeFocus(element)) {
      element.focus();
      if (element.ownerDocument.activeElement === element) return element;
    }
  }
  return null;
}

/**
 * The screen's heading (the `h1` of the content area), made focusable from script only (tabindex -1): where the
 * keyboard goes when what it was on is gone, so that Tab goes on from the top of the same screen.
 */
export function screenHeading(from?: Element | null): HTMLElement | null {
  const root = from?.closest('.app-content') ?? document;
  const heading = root.querySelector<HTMLElement>('h1');
  if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  return heading;
}

/**
 * When `open` turns false, the focus goes back to `target()` (what opened the dialog or drawer), or to the first
 * fallback that can take it. For dialogs that are removed from the page when they close: antd puts the focus back
 * only when it plays the closing animation itself, and a dialog opened from a menu item would give it back to the
 * menu item, which is gone by then.
 */
export function useFocusReturn(open: boolean, target: () => HTMLElement | null | undefined, ...fallbacks: Candidate[]) {
  const wasOpen = useRef(open);
  const latest = useRef({ target, fallbacks });
  latest.current = { target, fallbacks };
  useEffect(() => {
    if (wasOpen.current && !open) focusFirst(latest.current.target, ...latest.current.fallbacks);
    wasOpen.current = open;
  }, [open]);
}
