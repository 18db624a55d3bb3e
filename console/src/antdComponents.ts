// Which of antd's components get styles, extracted at build time (vite/antdStaticStyle.ts): with zeroRuntime antd
// generates none in the browser, so a component in neither list is drawn unstyled. antdComponents.test.ts checks
// that every component the console imports from antd is listed; those rendered inside others (Table's Checkbox,
// Spin, Empty, Tooltip, …) are listed by hand.

/**
 * antd's components the list (the first screen) renders, and those they render inside (Table: Checkbox, Spin,
 * Empty, Tooltip; Button: its wave; App: message): their styles go with the entry (src/antd.generated.css).
 */
export const FIRST_SCREEN_COMPONENTS = [
  'App', 'Button', 'Checkbox', 'Dropdown', 'Empty', 'Input', 'Layout', 'Menu', 'Select', 'Space', 'Spin', 'Table',
  'Tag', 'Tooltip', 'message',
];
/**
 * The other screens' and dialogs' components (and what they render inside: Table's Pagination, Radio and Tree,
 * Upload's Progress, Form's Row and Col, App's notification and Modal): src/antd-more.generated.css, imported by
 * every lazy screen and dialog, so it loads with the first of them. With zeroRuntime antd generates no styles in
 * the browser: a component missing from both lists is drawn unstyled.
 */
export const MORE_COMPONENTS = [
  'Alert', 'AutoComplete', 'Card', 'Col', 'DatePicker', 'Descriptions', 'Divider', 'Drawer', 'Form', 'InputNumber',
  'Modal', 'Pagination', 'Popover', 'Progress', 'Radio', 'Result', 'Row', 'Skeleton', 'Steps', 'Tabs', 'Tree',
  'Typography', 'Upload', 'notification',
];

