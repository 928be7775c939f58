/**
 * Respondent privacy: no figure is shown over fewer people than an organization's minimum
 * group size, which may be raised but never set below this floor.
 */
export const MINIMUM_GROUP_SIZE_FLOOR = 3;
