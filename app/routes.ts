import { route, type RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

// Members answer through the same respondent pages as link respondents, mounted a second time
// under the organization; the loaders tell the two apart by their params (token or slug).
const memberRespond = "orgs/:slug/assessments/:assessmentId/respond";

export default [
  ...(await flatRoutes()),
  route(memberRespond, "routes/a.$token._index.tsx", { id: "member-respond/index" }),
  route(`${memberRespond}/answers`, "routes/a.$token.answers.ts", { id: "member-respond/answers" }),
  route(`${memberRespond}/submit`, "routes/a.$token.submit.tsx", { id: "member-respond/submit" }),
  route(`${memberRespond}/done`, "routes/a.$token.done.tsx", { id: "member-respond/done" }),
  route(`${memberRespond}/:dimension`, "routes/a.$token.$dimension.tsx", { id: "member-respond/dimension" }),
] satisfies RouteConfig;
