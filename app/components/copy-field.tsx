import { useEffect, useId, useRef, useState } from "react";

/** A read-only value with a Copy button; without JavaScript the value can still be selected. */
export function CopyField({ label, value, copyLabel = "Copy link" }: { label: string; value: string; copyLabel?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const [canCopy, setCanCopy] = useState(false);
  useEffect(() => setCanCopy(Boolean(navigator.clipboard)), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("copied");
    } catch {
      input.current?.select();
      setCopied("failed");
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} ref={input} readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
        {canCopy ? (
          <button type="button" className="button button-secondary" onClick={copy}>
            {copyLabel}
          </button>
        ) : null}
      </div>
      <p className="hint" role="status">
        {copied === "copied" ? "Copied to the clipboard." : copied === "failed" ? "Press Ctrl+C (or ⌘C) to copy." : ""}
      </p>
    </div>
  );
}
