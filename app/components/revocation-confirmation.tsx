import { Form, Link, useLocation } from "@remix-run/react";
import { revocationMessages as r } from "#app/messages/revocation.ts";

/**
 * The step before an act that takes access away: what will stop working, the choice to keep
 * the respondent links people are still answering through (when there are any and the person
 * deciding may keep them), and the confirming form. A plain form, so it works without JavaScript.
 */
export function RevocationConfirmation({
  heading,
  body,
  keepable,
  fields,
  confirmLabel,
  cancelTo,
}: {
  heading: string;
  body: string;
  keepable: number;
  fields: Record<string, string>;
  confirmLabel: string;
  cancelTo: string;
}) {
  // Posted to the page without its query, so that afterwards the page shows the outcome, not this step again.
  const { pathname } = useLocation();
  return (
    <section className="card narrow-card stack" aria-labelledby="confirm-heading" id="confirm">
      <h2 id="confirm-heading">{heading}</h2>
      <p>{body}</p>
      <Form method="post" action={pathname} className="stack">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {keepable > 0 ? (
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="keepStartedLinks" value="yes" aria-describedby="keep-hint" />
              <span>{r.keepStartedLinks(keepable)}</span>
            </label>
            <p className="hint" id="keep-hint">
              {r.keptHint}
            </p>
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-danger">
            {confirmLabel}
          </button>
          <Link to={cancelTo}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
}
