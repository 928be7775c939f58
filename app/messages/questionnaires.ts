export const VERSION_STATUS_LABELS = { draft: "Draft", published: "Published", retired: "Retired" } as const;
