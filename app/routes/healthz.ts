import { healthStatus } from "#app/services/startup.server.ts";

export async function loader() {
  const health = await healthStatus();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
