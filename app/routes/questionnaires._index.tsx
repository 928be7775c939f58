import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { requireAuth } from "#app/lib/auth.server.ts";
import { VERSION_STATUS_LABELS as STATUS_LABELS } from "#app/messages/questionnaires.ts";
import { listQuestionnaireVersions } from "#app/services/surveys.server.ts";

export const meta: MetaFunction = () => [{ title: "Questionnaires · KAM Navigator" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAuth(request);
  return { versions: await listQuestionnaireVersions() };
}

export default function Questionnaires() {
  const { versions } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Questionnaires</h1>
      <p className="lead">
        Every assessment is pinned to one version of a questionnaire. Published versions never
        change; new content arrives as a new version, mapped to the one before so that results stay
        comparable.
      </p>
      {versions.length === 0 ? (
        <p className="card empty">No questionnaire is loaded yet.</p>
      ) : (
        <div className="card">
          <ScrollTable label="Questionnaire versions">
            <thead>
              <tr>
                <th scope="col">Questionnaire</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Content hash</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={`${v.questionnaireId}@${v.version}`}>
                  <th scope="row">
                    <Link to={`/questionnaires/${v.questionnaireId}/${v.version}`}>{v.title}</Link>
                  </th>
                  <td data-label="Version">{v.version}</td>
                  <td data-label="Status">
                    <span className={`badge badge-${v.status}`}>{STATUS_LABELS[v.status]}</span>
                  </td>
                  <td data-label="Hash">
                    <code title={v.contentHash}>{v.contentHash.slice(0, 12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </div>
      )}
    </section>
  );
}
