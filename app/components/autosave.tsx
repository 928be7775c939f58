import { useCallback, useEffect, useRef, useState } from "react";

interface PendingSave {
  questionId: string;
  choice: "level" | "dont_know" | "not_applicable" | null;
  level: number | null;
  comment: string | null;
  sequence: number;
}

type Status = "static" | "idle" | "saving" | "saved" | "offline" | "retrying" | "error" | "closed";

/** What the server said when it refused a save for good: its sentence and, after a close, what it did not record. */
export interface SaveRefusal {
  message: string;
  notRecorded: { questionId: string; text: string }[];
}

/** The refusal in an error answer of `<base>/answers`, or null when the body says nothing usable. */
async function refusalOf(response: Response): Promise<SaveRefusal | null> {
  try {
    const body = (await response.json()) as { error?: { message?: string; notRecorded?: SaveRefusal["notRecorded"] } };
    return body.error?.message ? { message: body.error.message, notRecorded: body.error.notRecorded ?? [] } : null;
  } catch {
    return null;
  }
}

const storageKey = (base: string) => `kam-autosave:${base}`;
let counter = 0;
/** A clock shared by all tabs: later choices get larger numbers, so the newest wins on the server. */
const nextSequence = () => Date.now() * 1000 + (counter = (counter + 1) % 1000);

function readPending(base: string): Record<string, PendingSave> {
  try {
    return JSON.parse(localStorage.getItem(storageKey(base)) ?? "{}") as Record<string, PendingSave>;
  } catch {
    return {};
  }
}

function writePending(base: string, pending: Record<string, PendingSave>) {
  if (Object.keys(pending).length === 0) localStorage.removeItem(storageKey(base));
  else localStorage.setItem(storageKey(base), JSON.stringify(pending));
}

/** Reads one question's state from the form. */
function readQuestion(form: HTMLFormElement, questionId: string): Omit<PendingSave, "sequence"> {
  const data = new FormData(form);
  const value = data.get(`q.${questionId}`);
  const comment = String(data.get(`c.${questionId}`) ?? "").trim() || null;
  if (value === "dont_know" || value === "not_applicable") return { questionId, choice: value, level: null, comment };
  if (typeof value === "string" && /^[1-5]$/.test(value)) return { questionId, choice: "level", level: Number(value), comment };
  return { questionId, choice: null, level: null, comment };
}

/** The questions of the form that have a choice now. */
function answeredIn(form: HTMLFormElement): Set<string> {
  const answered = new Set<string>();
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')) answered.add(input.name.slice(2));
  return answered;
}

/**
 * Saves every answer as soon as it is chosen, to `<base>/answers`. Unsent answers wait in
 * localStorage and go out again after a reload or when the connection returns. `onAnswered`
 * hears which questions of the form have a choice, so the page can count them as they change.
 */
export function useAutosave(base: string, readOnly: boolean, onAnswered?: (answered: Set<string>) => void) {
  const formRef = useRef<HTMLFormElement>(null);
  // "static" until the page runs its scripts: until then answers are saved by the form post.
  const [status, setStatus] = useState<Status>("static");
  const [refusal, setRefusal] = useState<SaveRefusal | null>(null);
  const flushing = useRef(false);
  const onAnsweredRef = useRef(onAnswered);
  onAnsweredRef.current = onAnswered;

  const flush = useCallback(async () => {
    if (flushing.current) return;
    const pending = readPending(base);
    const saves = Object.values(pending);
    if (saves.length === 0) return;
    if (!navigator.onLine) {
      setStatus("offline");
      return;
    }
    flushing.current = true;
    setStatus("saving");
    try {
      const response = await fetch(`${base}/answers`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ saves }),
      });
      // What was sent leaves the outbox unless it was changed meanwhile: a newer choice keeps its place.
      const dropSent = () => {
        const left = readPending(base);
        for (const sent of saves) {
          if (left[sent.questionId]?.sequence === sent.sequence) delete left[sent.questionId];
        }
        writePending(base, left);
        return left;
      };
      if (!response.ok) {
        // A refused save will not succeed on retry: drop it and say so. A lapsed sign-in (401)
        // keeps the answers for after the person signs in again; a 503 (the database did not
        // answer) keeps them for the next attempt, which needs nothing from the person.
        if (response.status >= 400 && response.status < 500 && response.status !== 401) {
          dropSent();
          // After a close (409) or for an old link (410) the server says what happened, and a
          // close lists the answers it did not record, so the person knows what is lost.
          const said = response.status === 409 || response.status === 410 ? await refusalOf(response) : null;
          if (said) {
            setRefusal((before) => ({
              message: said.message,
              notRecorded: [...(before?.notRecorded ?? []), ...said.notRecorded.filter((q) => !before?.notRecorded.some((b) => b.questionId === q.questionId))],
            }));
            setStatus("closed");
            return;
          }
        }
        setStatus(response.status === 503 ? "retrying" : "error");
        return;
      }
      const left = dropSent();
      setStatus(Object.keys(left).length > 0 ? "saving" : "saved");
      if (Object.keys(left).length > 0) queueMicrotask(() => void flush());
    } catch {
      setStatus("offline");
    } finally {
      flushing.current = false;
    }
  }, [base]);

  const record = useCallback(
    (questionId: string) => {
      const form = formRef.current;
      if (!form || readOnly) return;
      const pending = readPending(base);
      pending[questionId] = { ...readQuestion(form, questionId), sequence: nextSequence() };
      writePending(base, pending);
      void flush();
    },
    [flush, readOnly, base],
  );

  useEffect(() => {
    const form = formRef.current;
    if (!form || readOnly) return;
    // Put back what this browser chose but could not send before the reload.
    for (const save of Object.values(readPending(base))) {
      const selector = save.choice === "level" ? String(save.level) : save.choice;
      if (selector) {
        const input = form.querySelector<HTMLInputElement>(`input[name="q.${save.questionId}"][value="${selector}"]`);
        if (input) input.checked = true;
      }
      const comment = form.querySelector<HTMLTextAreaElement>(`textarea[name="c.${save.questionId}"]`);
      if (comment && save.comment !== null) comment.value = save.comment;
    }
    // Choices made before the page finished loading fired no change event: record them now.
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')) {
      if (!input.defaultChecked) record(input.name.slice(2));
    }
    onAnsweredRef.current?.(answeredIn(form));
    setStatus((current) => (current === "static" ? "idle" : current));
    void flush();
    const onOnline = () => void flush();
    const onOffline = () => setStatus("offline");
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    const retry = window.setInterval(() => void flush(), 5000);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      window.clearInterval(retry);
    };
  }, [flush, readOnly, record, base]);

  const onChange = (event: React.ChangeEvent<HTMLFormElement>) => {
    const target = event.target as unknown as HTMLInputElement;
    if (target.type !== "radio") return;
    record(target.name.slice(2));
    if (formRef.current) onAnsweredRef.current?.(answeredIn(formRef.current));
  };
  const onBlur = (event: React.FocusEvent<HTMLFormElement>) => {
    const target = event.target as unknown as HTMLTextAreaElement;
    if (target.tagName === "TEXTAREA") record(target.name.slice(2));
  };
  return { formRef, status, refusal, onChange, onBlur };
}

const STATUS_TEXT: Record<Status, string> = {
  static: "Your answers are saved when you go to the next page.",
  idle: "Answers are saved as you choose them.",
  saving: "Saving…",
  saved: "All answers saved.",
  offline: "Offline: will retry.",
  retrying: "Not saved yet: will retry in a moment.",
  error: "An answer could not be saved. Reload the page and try again.",
  closed: "Answers can no longer be saved.",
};

export function SaveStatus({ status }: { status: Status }) {
  return (
    <p className={`save-status save-${status}`} role="status" aria-live="polite">
      {STATUS_TEXT[status]}
    </p>
  );
}

/** Why answers were not saved, with the questions whose answers were not recorded; brought into view, wherever the person had scrolled. */
export function SaveRefused({ refusal }: { refusal: SaveRefusal }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: "start" }), [refusal]);
  return (
    <div className="banner banner-error" role="alert" ref={ref}>
      <p>{refusal.message}</p>
      {refusal.notRecorded.length > 0 ? (
        <>
          <p>Not recorded:</p>
          <ul>
            {refusal.notRecorded.map((q) => (
              <li key={q.questionId}>{q.text}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
