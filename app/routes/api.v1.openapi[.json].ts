import { buildOpenApiDocument } from "#app/domain/api/openapi.ts";

export const loader = () =>
  new Response(JSON.stringify(buildOpenApiDocument(), null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" },
  });
