export const errorMessages = {
  databaseUnavailable: "The database did not answer just now. Please try again in a few seconds.",
} as const;
