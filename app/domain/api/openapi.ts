// The OpenAPI 3.1 document of /api/v1, generated from the contract's zod schemas.
import { z } from "zod";
import {
  answersResponseSchema,
  assessmentsResponseSchema,
  benchmarkQuerySchema,
  benchmarkResponseSchema,
  clientsResponseSchema,
  errorSchema,
  listQuerySchema,
  milestoneResponseSchema,
  milestoneUpdateSchema,
  questionnairesResponseSchema,
  respondentsResponseSchema,
  roadmapResponseSchema,
  roadmapsResponseSchema,
  scorecardResponseSchema,
} from "./schemas.ts";
import { BODY_LIMITS } from "../input-limits.ts";
import { API_RATE_LIMIT } from "./tokens.ts";

interface Endpoint {
  method: "get" | "patch";
  path: string;
  summary: string;
  role: "viewer" | "admin" | null;
  paginated?: boolean;
  /** Query parameters beyond pagination. */
  query?: z.ZodObject;
  /** When the endpoint answers 404 for something other than a path id. */
  notFound?: string;
  /** When a read can answer 409, and why. */
  conflict?: string;
  body?: z.ZodType;
  response: z.ZodType;
}

export const API_ENDPOINTS: Endpoint[] = [
  { method: "get", path: "/api/v1/openapi.json", summary: "This document", role: null, response: z.record(z.string(), z.unknown()) },
  { method: "get", path: "/api/v1/questionnaires", summary: "Questionnaires and their versions", role: "viewer", response: questionnairesResponseSchema },
  { method: "get", path: "/api/v1/assessments", summary: "The organization's assessments, newest first", role: "viewer", paginated: true, response: assessmentsResponseSchema },
  { method: "get", path: "/api/v1/assessments/{assessmentId}/scorecard", summary: "An assessment's scorecard, as the results page shows it", role: "viewer", response: scorecardResponseSchema },
  { method: "get", path: "/api/v1/assessments/{assessmentId}/answers", summary: "Raw answers, respondents under codes rather than names", role: "admin", response: answersResponseSchema, conflict: "Fewer respondents than the organization's minimum group size have answered, so no raw answers are given." },
  { method: "get", path: "/api/v1/assessments/{assessmentId}/respondents", summary: "Respondents: names, functions and status, no answers", role: "viewer", paginated: true, response: respondentsResponseSchema },
  {
    method: "get",
    path: "/api/v1/benchmarks",
    summary: "Benchmark statistics of a pool segment, with the organization's percentile rank; or why they are withheld",
    role: "viewer",
    query: benchmarkQuerySchema,
    notFound: "No such questionnaire version.",
    response: benchmarkResponseSchema,
  },
  {
    method: "get",
    path: "/api/v1/clients",
    summary: "A consultancy token only: the clients of active engagements with their latest scores, by name",
    role: "viewer",
    paginated: true,
    response: clientsResponseSchema,
  },
  { method: "get", path: "/api/v1/roadmaps", summary: "The organization's roadmaps, newest first", role: "viewer", paginated: true, response: roadmapsResponseSchema },
  { method: "get", path: "/api/v1/roadmaps/{roadmapId}", summary: "A roadmap with its initiatives and their milestones", role: "viewer", response: roadmapResponseSchema },
  {
    method: "patch",
    path: "/api/v1/roadmaps/{roadmapId}/milestones/{milestoneId}",
    summary: "Update a milestone's status and add evidence",
    role: "admin",
    body: milestoneUpdateSchema,
    response: milestoneResponseSchema,
  },
];

const jsonSchema = (schema: z.ZodType, io: "input" | "output" = "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" });

const errorResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function operation(endpoint: Endpoint) {
  const pathParams = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string", format: "uuid" },
  }));
  const queryParameters = (schema: z.ZodObject) => {
    const json = jsonSchema(schema, "input") as { properties: Record<string, unknown>; required?: string[] };
    return Object.entries(json.properties).map(([name, property]) => ({ name, in: "query", required: json.required?.includes(name) ?? false, schema: property }));
  };
  const query = [...(endpoint.paginated ? queryParameters(listQuerySchema) : []), ...(endpoint.query ? queryParameters(endpoint.query) : [])];
  const responses: Record<string, unknown> = {
    200: { description: "OK", content: { "application/json": { schema: jsonSchema(endpoint.response) } } },
  };
  if (endpoint.role) {
    if (endpoint.body || endpoint.paginated || endpoint.query) responses[400] = errorResponse("The request is invalid; `fields` says which parts.");
    responses[401] = errorResponse("No token, or an unknown or revoked one.");
    if (endpoint.role === "admin") responses[403] = errorResponse("The token's role is viewer; this needs admin.");
    if (pathParams.length > 0 || endpoint.notFound) responses[404] = errorResponse(endpoint.notFound ?? "No such object in the token's organization.");
    if (endpoint.body) responses[409] = errorResponse("The object cannot be changed any more (it was removed from the plan).");
    if (endpoint.conflict) responses[409] = errorResponse(endpoint.conflict);
    if (endpoint.body) responses[413] = errorResponse(`The body is larger than ${BODY_LIMITS.api / 1024} KB.`);
    responses[429] = errorResponse(`More than ${API_RATE_LIMIT.requests} requests in a minute with this token.`, {
      "Retry-After": { description: "Seconds until the next request is accepted.", schema: { type: "integer" } },
    });
    responses[503] = errorResponse("The database did not answer just now (a lost connection); try again.", {
      "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
    });
  }
  return {
    summary: endpoint.summary,
    operationId: endpoint.method + endpoint.path.replace(/^\/api\/v1/, "").replace(/[{}]/g, "").split(/[/.]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(""),
    ...(endpoint.role ? { security: [{ bearerToken: [] }], description: endpoint.role === "admin" ? "Needs an admin token." : "Needs a viewer or admin token." } : { security: [] }),
    parameters: [...pathParams, ...query],
    ...(endpoint.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(endpoint.body, "input") } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of API_ENDPOINTS) {
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method]: operation(endpoint) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "KAM Navigator API",
      version: "1.0.0",
      description:
        "Organization-scoped read access to assessments, roadmaps and benchmarks, and milestone updates. " +
        "Authenticate with `Authorization: Bearer <token>`; an organization admin creates tokens on the settings page. " +
        `Each token may make ${API_RATE_LIMIT.requests} requests a minute. Lists are paginated with opaque cursors.`,
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema) },
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "An API token (kam_…)." } },
    },
  };
}
