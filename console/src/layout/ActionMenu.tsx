import { useRef, useState, type RefObject } from 'react';
import { Button, Dropdown } from 'antd';
import { chosenByKey, returnFocusAfterChoice } from './actionMenuKeys';

export type ActionMenuItem = { key: string; label: string; danger?: boolean } | { type: 'divider' };

/**
 * A row's 「⋯」 menu (antd Dropdown), usable by keyboard as the WAI-ARIA menu button pattern asks: Enter or Space on
 * the button opens it with the first item focused, the arrows (Home, End) move between the items, Enter or Space
 * runs the focused item, Escape closes it; after Escape or an item that opens no dialog the focus is back on the
 * button. `triggerRef` lets the caller give the focus back to the button when a dialog the item opened closes.
 */
export function ActionMenu({
  label,
  items,
  onSelect,
  triggerRef,
  defaultOpen = false,
}: {
  label: string;
  items: ActionMenuItem[];
  onSelect: (key: string) => void;
  triggerRef?: RefObject<HTMLButtonElement | null>;
  /** open at once (mounted by a light button's click, as the list's rows do: RowActions) */
  defaultOpen?: boolean;
}) {
  const ownRef = useRef<HTMLButtonElement>(null);
  const trigger = triggerRef ?? ownRef;
  const [open, setOpen] = useState(defaultOpen);
  // one choice per opening (a click and a key, say)
  const chosen = useRef(false);
  const openChange = (next: boolean) => {
    if (next) chosen.current = false;
    setOpen(next);
  };
  const choose = (key: string) => {
    if (chosen.current) return;
    chosen.current = true;
    setOpen(false);
    onSelect(key);
    returnFocusAfterChoice(() => trigger.current);
  };
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={openChange}
      // the first item takes the focus when the menu opens, so the arrows move in it (rc-menu's own focus)
      autoFocus
      destroyOnHidden
      menu={{
        onClick: ({ key }) => choose(key),
        // Enter and Space run the highlighted item (chosenByKey), before rc-menu's item sees the key. Escape closes
        // the menu with the focus back on the button (rc-dropdown's own Escape left it on the hidden item, then on
        // the page's body: seen in chromium)
        onKeyDownCapture: (event) => {
          if (event.key === 'Escape') {
            setOpen(false);
            trigger.current?.focus();
            return;
          }
          const key = chosenByKey(event);
          if (key) {
            event.preventDefault();
            event.stopPropagation();
            choose(key);
          }
        },
        items: items.map((item) =>
          'type' in item
            ? item
            : { key: item.key, danger: item.danger, label: <span data-action={item.key}>{item.label}</span> },
        ),
      }}
    >
      <Button type="text" ref={trigger} aria-label={label} aria-haspopup="menu" aria-expanded={open}>
        ⋯
      </Button>
    </Dropdown>
  );
}
