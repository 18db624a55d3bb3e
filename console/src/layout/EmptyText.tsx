/** A table's "nothing here" text, dark enough for WCAG AA (antd's own is fainter). */
export function EmptyText({ children }: { children: string }) {
  return <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{children}</span>;
}
