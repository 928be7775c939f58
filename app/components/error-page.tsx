import { isRouteErrorResponse, Link } from "@remix-run/react";
import { respondentMessages as rm } from "#app/messages/respondents.ts";

/** Whether a thrown error is an old respondent link's 410 (see requireRespondent). */
export function revokedLinkOf(error: unknown) {
  if (!isRouteErrorResponse(error) || error.status !== 410) return null;
  const data = error.data as { kind?: string; reason?: string; organization?: string | null; invitedBy?: string | null } | null;
  return data && data.kind === "respondent-link" ? { reason: data.reason === "revoked" ? "revoked" : "replaced", organization: data.organization ?? null, invitedBy: data.invitedBy ?? null } : null;
}

/** The page for an error a route threw: an old respondent link says what happened and whom to ask. */
export function ErrorPage({ error }: { error: unknown }) {
  const revoked = revokedLinkOf(error);
  if (revoked) {
    return (
      <section className="narrow">
        <h1>{revoked.reason === "revoked" ? rm.linkRevokedTitle : rm.linkReplacedTitle}</h1>
        <p>{revoked.reason === "revoked" ? rm.linkRevoked : rm.linkReplaced}</p>
        <p>{rm.askForNewLink(revoked.invitedBy, revoked.organization)}</p>
      </section>
    );
  }
  if (isRouteErrorResponse(error)) {
    const title = error.status === 404 ? "Page not found" : error.status === 403 ? "Not allowed" : "Something went wrong";
    const detail =
      error.status === 404
        ? "There is nothing at this address, or you do not have access to it."
        : typeof error.data === "string"
          ? error.data
          : error.statusText;
    return (
      <section className="narrow">
        <h1>{title}</h1>
        <p>{detail}</p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Something went wrong</h1>
      <p>An unexpected error occurred. Please try again; if it keeps happening, let us know.</p>
    </section>
  );
}
