export const benchmarkMessages = {
  tooFew: "not enough organizations (n < 5)",
  complementary: "hidden so that a smaller group cannot be worked out by comparing it with another segment",
  notRequestable: "this segment cannot be requested",
} as const;
