// The roadmap item forms. Kept apart from tracking.ts, which the roadmap pages import, and
// imported by actions only, so that zod stays out of the pages' browser code.
import { z } from "zod";
import { roadmapMessages as m } from "../../messages/roadmaps.ts";
import { TEXT_LIMITS } from "../input-limits.ts";
import { PHASES } from "./phases.ts";
import { isCalendarDate, ITEM_STATUSES } from "./tracking.ts";

const calendarDate = z.string().trim().refine(isCalendarDate, m.dateInvalid);

/** A change to an item's tracking fields, as a form sends it. Empty fields mean "no change" except where noted. */
export const itemUpdateSchema = z
  .object({
    status: z.enum(ITEM_STATUSES, { error: m.statusInvalid }),
    blockedReason: z.string().trim().max(TEXT_LIMITS.blockedReason, m.blockedReasonTooLong).optional(),
    /** A member's user id, or empty for no owner. */
    ownerId: z.string().trim().optional(),
    dueDate: z.union([z.literal(""), calendarDate]).optional(),
  })
  .refine((v) => v.status !== "blocked" || (v.blockedReason ?? "").length > 0, {
    path: ["blockedReason"],
    message: m.blockedReasonRequired,
  });
export type ItemUpdate = z.infer<typeof itemUpdateSchema>;

export const noteSchema = z.object({
  kind: z.enum(["evidence", "comment"], { error: "Choose evidence or comment." }),
  body: z.string().trim().min(1, m.noteRequired).max(TEXT_LIMITS.note, m.noteTooLong),
});

/** A custom initiative (no parent) or milestone (parentId = its initiative), as the "Add an item" form sends it. */
export const customItemSchema = z.object({
  title: z.string().trim().min(1, m.itemTitleRequired).max(TEXT_LIMITS.itemTitle, m.itemTitleTooLong),
  description: z.string().trim().max(TEXT_LIMITS.itemDescription, m.descriptionTooLong).default(""),
  phase: z.enum(PHASES, { error: "Choose a phase." }),
  parentId: z.string().trim().default(""),
  dueDate: z.union([z.literal(""), calendarDate]).default(""),
});

/** The roadmap's own title, given when the generated plan is accepted. */
export const roadmapTitleSchema = z
  .string({ error: m.titleRequired })
  .trim()
  .min(1, m.titleRequired)
  .max(TEXT_LIMITS.roadmapTitle, m.titleTooLong);

export const acceptRoadmapSchema = z.object({ title: roadmapTitleSchema });

/** A tick or untick of one gate criterion. */
export const gateCriterionSchema = z.object({ phase: z.enum(PHASES), criterion: z.string().min(1), checked: z.enum(["true", "false"]) });

/** A status change from the board or the list. */
export const itemStatusSchema = z.object({ itemId: z.string().min(1), status: z.enum(["not_started", "in_progress", "done"], { error: m.statusInvalid }) });

/** Moving an item one place up or down among its siblings. */
export const moveItemSchema = z.object({ direction: z.enum(["up", "down"], { error: m.moveInvalid }) });
