// The roadmap item forms. Kept apart from tracking.ts, which the roadmap pages import, and
// imported by actions only, so that zod stays out of the pages' browser code.
import { z } from "zod";
import { PHASES } from "./phases.ts";
import { isCalendarDate, ITEM_STATUSES } from "./tracking.ts";

const calendarDate = z.string().trim().refine(isCalendarDate, "Enter a real date as YYYY-MM-DD.");

/** A change to an item's tracking fields, as a form sends it. Empty fields mean "no change" except where noted. */
export const itemUpdateSchema = z
  .object({
    status: z.enum(ITEM_STATUSES, { error: "Choose a status from the list." }),
    blockedReason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
    /** A member's user id, or empty for no owner. */
    ownerId: z.string().trim().optional(),
    dueDate: z.union([z.literal(""), calendarDate]).optional(),
  })
  .refine((v) => v.status !== "blocked" || (v.blockedReason ?? "").length > 0, {
    path: ["blockedReason"],
    message: "Say what blocks it.",
  });
export type ItemUpdate = z.infer<typeof itemUpdateSchema>;

export const noteSchema = z.object({
  kind: z.enum(["evidence", "comment"], { error: "Choose evidence or comment." }),
  body: z.string().trim().min(1, "Write the note first.").max(4000, "Keep a note under 4,000 characters."),
});

/** A custom initiative (no parent) or milestone (parentId = its initiative), as the "Add an item" form sends it. */
export const customItemSchema = z.object({
  title: z.string().trim().min(1, "Give the item a title.").max(200, "Keep the title under 200 characters."),
  description: z.string().trim().max(4000, "Keep the description under 4,000 characters.").default(""),
  phase: z.enum(PHASES, { error: "Choose a phase." }),
  parentId: z.string().trim().default(""),
  dueDate: z.union([z.literal(""), calendarDate]).default(""),
});
