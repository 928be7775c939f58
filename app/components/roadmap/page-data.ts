import type { useLoaderData } from "@remix-run/react";
import type { loader } from "#app/routes/orgs.$slug.roadmaps.$roadmapId.tsx";

/** What the roadmap page's loader gives its parts, as the browser receives it. */
export type RoadmapPageData = ReturnType<typeof useLoaderData<typeof loader>>;
export type RoadmapPageItem = RoadmapPageData["items"][number];
