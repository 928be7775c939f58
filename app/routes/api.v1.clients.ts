import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientsResponseSchema, listQuerySchema } from "#app/domain/api/schemas.ts";
import { apiJson, parseInput, runApi, searchParamsOf } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { pageClients } from "#app/services/api.server.ts";

export const loader = ({ request }: LoaderFunctionArgs) =>
  runApi(async () => {
    const membership = await requireApiMembership(request);
    const query = parseInput(listQuerySchema, searchParamsOf(request), "query");
    return apiJson(clientsResponseSchema, await pageClients(membership, query));
  });
