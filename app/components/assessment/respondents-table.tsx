import { Form } from "@remix-run/react";
import { ScrollTable } from "#app/components/scroll-table.tsx";

export interface RespondentRow {
  id: string;
  name: string;
  function: string;
  state: string;
  hasLink: boolean;
  viaAccount: boolean;
  invitation: string;
  /** An invitation mail can be sent (again) to this person now. */
  canMail: boolean;
  invitedByMail: boolean;
}

/** The respondents with their progress and, for managers, their invitation and link actions. */
export function RespondentsTable({ respondents, canManage }: { respondents: RespondentRow[]; canManage: boolean }) {
  return (
    <ScrollTable labelledBy="respondents-heading">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Function</th>
          <th scope="col">Status</th>
          {canManage ? <th scope="col">Invitation</th> : null}
          {canManage ? <th scope="col">Link</th> : null}
        </tr>
      </thead>
      <tbody>
        {respondents.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.name}</th>
            <td data-label="Function">{r.function}</td>
            <td data-label="Status">{r.state}</td>
            {canManage ? (
              <td data-label="Invitation">
                {r.invitation}
                {r.canMail ? (
                  <Form method="post" className="row-actions">
                    <input type="hidden" name="respondentId" value={r.id} />
                    <button type="submit" name="intent" value="send-invitation" className="button button-small button-secondary" aria-label={`${r.invitedByMail ? "Send the invitation again to" : "Send an invitation to"} ${r.name}`}>
                      {r.invitedByMail ? "Send again" : "Send invitation"}
                    </button>
                  </Form>
                ) : null}
              </td>
            ) : null}
            {canManage && r.viaAccount ? (
              <td data-label="Link">
                <span className="muted">Answers from their account</span>
              </td>
            ) : canManage ? (
              <td data-label="Link">
                <Form method="post" className="row-actions">
                  <input type="hidden" name="respondentId" value={r.id} />
                  <input type="hidden" name="name" value={r.name} />
                  <button type="submit" name="intent" value="renew" className="button button-small button-secondary" aria-label={`New link for ${r.name}`}>
                    New link
                  </button>
                  {r.hasLink ? (
                    <button type="submit" name="intent" value="revoke" className="button button-small button-danger" aria-label={`Revoke the link of ${r.name}`}>
                      Revoke
                    </button>
                  ) : (
                    <span className="muted">no link</span>
                  )}
                </Form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
