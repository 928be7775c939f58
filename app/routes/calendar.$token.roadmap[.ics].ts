import type { LoaderFunctionArgs } from "@remix-run/node";
import { roadmapCalendar } from "#app/services/roadmap-exports.server.ts";

/** A roadmap's milestone calendar, for calendar apps: the secret in the URL is the only key. */
export async function loader({ params }: LoaderFunctionArgs) {
  const calendar = await roadmapCalendar(params.token ?? "");
  return new Response(calendar, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="roadmap.ics"',
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
