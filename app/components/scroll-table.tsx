/**
 * A table that scrolls sideways inside a keyboard-focusable region on narrow screens and
 * turns each row into a labelled card on phones (cells carry data-label).
 */
export function ScrollTable({
  labelledBy,
  label,
  children,
}: {
  labelledBy?: string;
  label?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} aria-label={label} tabIndex={0}>
      <table className="stack-on-phone">{children}</table>
    </div>
  );
}
