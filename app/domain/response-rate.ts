// How far an assessment's campaign has come, per function: who was asked, who started, who
// submitted, and whether the function has enough submissions to be shown in the results.
import { RESPONDENT_FUNCTIONS, type RespondentFunction } from "./respondents.ts";

export interface CampaignPerson {
  function: RespondentFunction;
  /** Asked by mail, or answering from their account (asked on the organization's overview). */
  asked: boolean;
  startedAt: Date | null;
  submittedAt: Date | null;
}

export interface FunctionRate {
  function: RespondentFunction;
  people: number;
  asked: number;
  started: number;
  submitted: number;
  /** Submissions still missing before the function's figures may be shown (0: shown). */
  missingForResults: number;
}

export function responseRateByFunction(people: readonly CampaignPerson[], minimumGroupSize: number): FunctionRate[] {
  return RESPONDENT_FUNCTIONS.flatMap((fn) => {
    const group = people.filter((p) => p.function === fn);
    if (group.length === 0) return [];
    const submitted = group.filter((p) => p.submittedAt !== null).length;
    return [
      {
        function: fn,
        people: group.length,
        asked: group.filter((p) => p.asked).length,
        started: group.filter((p) => p.startedAt !== null || p.submittedAt !== null).length,
        submitted,
        missingForResults: Math.max(0, minimumGroupSize - submitted),
      },
    ];
  });
}
