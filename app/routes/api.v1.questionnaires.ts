import type { LoaderFunctionArgs } from "@remix-run/node";
import { questionnairesResponseSchema } from "#app/domain/api/schemas.ts";
import { apiJson, runApi } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { listQuestionnaireVersions } from "#app/services/surveys.server.ts";

export const loader = ({ request }: LoaderFunctionArgs) =>
  runApi(async () => {
    await requireApiMembership(request);
    return apiJson(questionnairesResponseSchema, { data: await listQuestionnaireVersions() });
  });
