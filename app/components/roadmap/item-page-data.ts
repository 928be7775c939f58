import type { useLoaderData } from "@remix-run/react";
import type { loader } from "#app/routes/orgs.$slug.roadmaps.$roadmapId_.items.$itemId.tsx";

/** What the item page's loader gives its parts, as the browser receives it. */
export type ItemPageData = ReturnType<typeof useLoaderData<typeof loader>>;
