/**
 * @module
 * The e-Service onboarding workflow as data: the seven steps of the DGA manual,
 * the state each one is in, and the rules for who may move a step and where to.
 * Pure; the services load the states, apply an action and store the result.
 *
 * A service's progress is an array of seven `StepState`s, index `no - 1`. Steps
 * run strictly in order: only the step after an approved one opens, so at any
 * time there is at most one step that is not `done` and not `locked`.
 */

export type StepNo = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type StepKey =
  | "credential"
  | "uat_setup"
  | "uat_test"
  | "platform_application"
  | "preprod_setup"
  | "preprod_test"
  | "golive";

export interface Step {
  no: StepNo;
  key: StepKey;
  th: string;
  en: string;
}

/** The step names as the manual's progress bar prints them. */
export const STEPS: readonly Step[] = [
  { no: 1, key: "credential", th: "ขอ Credential", en: "Request credentials" },
  { no: 2, key: "uat_setup", th: "พัฒนาและติดตั้ง UAT", en: "Develop and deploy on UAT" },
  { no: 3, key: "uat_test", th: "การทดสอบผ่าน UAT Environment", en: "Test on the UAT environment" },
  {
    no: 4,
    key: "platform_application",
    th: "ขอใช้บริการขึ้นแพลตฟอร์มกลาง",
    en: "Apply to join the central platform",
  },
  { no: 5, key: "preprod_setup", th: "พัฒนาและติดตั้ง Pre-Production", en: "Develop and deploy on Pre-Production" },
  { no: 6, key: "preprod_test", th: "การทดสอบผ่าน Pre-Production", en: "Test on Pre-Production" },
  { no: 7, key: "golive", th: "เตรียมการเปิดให้บริการ", en: "Prepare for go-live" },
];
export const STEP_COUNT = STEPS.length;
export const STEP_KEYS: readonly StepKey[] = STEPS.map((s) => s.key);

/** The step with number `no`, or undefined for anything that is not 1..7. */
export function stepByNo(no: number): Step | undefined {
  return Number.isInteger(no) ? STEPS[no - 1] : undefined;
}

/** The step called `key`, or undefined (for keys taken from a URL). */
export function stepByKey(key: string): Step | undefined {
  return STEPS.find((s) => s.key === key);
}

export type StepState = "locked" | "in_progress" | "in_review" | "returned" | "done";
export const STEP_STATES: readonly StepState[] = ["locked", "in_progress", "in_review", "returned", "done"];

/** The wording of the manual's screens (e.g. "ยังไม่ถึงขั้นตอนนี้" under a step not yet reached). */
export const STEP_STATE_LABEL: Record<StepState, string> = {
  locked: "ยังไม่ถึงขั้นตอนนี้",
  in_progress: "กำลังดำเนินการ",
  in_review: "กำลังตรวจสอบ",
  returned: "ส่งกลับแก้ไข",
  done: "เสร็จสิ้น",
};

/** For states read back from storage: anything else is a corrupt row, not a state. */
export function isStepState(value: unknown): value is StepState {
  return typeof value === "string" && (STEP_STATES as readonly string[]).includes(value);
}

export type StepAction = "save_draft" | "submit" | "approve" | "return";
export type StepActor = "agency" | "officer";

/** Who performs each action: the agency fills a step in, the officer (สพร.) reviews it. */
export const STEP_ACTION_ACTOR: Record<StepAction, StepActor> = {
  save_draft: "agency",
  submit: "agency",
  approve: "officer",
  return: "officer",
};

/** The states each action may start from; the form is editable only in the agency's two. */
const ACTION_FROM: Record<StepAction, readonly StepState[]> = {
  save_draft: ["in_progress", "returned"],
  submit: ["in_progress", "returned"],
  approve: ["in_review"],
  return: ["in_review"],
};

export type StepActionResult =
  | { ok: true; states: StepState[]; opened: number | null }
  | { ok: false; reason: "locked" | "not_allowed" | "wrong_actor" };

/** A new service: step 1 open for the agency, the rest not reached yet. */
export function initialStates(): StepState[] {
  return STEPS.map((s) => (s.no === 1 ? "in_progress" : "locked"));
}

/**
 * Applies `action` by `actor` to step `stepNo` (1-based) and returns the new
 * states, never touching `states`. Approving a step opens the next one (its
 * number is `opened`); nothing else opens a step.
 *
 * Failure reasons, checked in this order so the message fits the most basic problem:
 * - `locked`: the step has not been reached yet;
 * - `wrong_actor`: the action belongs to the other party (an officer cannot submit);
 * - `not_allowed`: the step is in the wrong state for it (or `stepNo` is not a step).
 */
export function applyStepAction(
  states: readonly StepState[],
  stepNo: number,
  action: StepAction,
  actor: StepActor,
): StepActionResult {
  const step = stepByNo(stepNo);
  const current = step ? states[step.no - 1] : undefined;
  if (!step || current === undefined) return { ok: false, reason: "not_allowed" };
  if (current === "locked") return { ok: false, reason: "locked" };
  if (STEP_ACTION_ACTOR[action] !== actor) return { ok: false, reason: "wrong_actor" };
  if (!ACTION_FROM[action].includes(current)) return { ok: false, reason: "not_allowed" };

  const next = [...states];
  const i = step.no - 1;
  let opened: number | null = null;
  switch (action) {
    case "save_draft":
      break;
    case "submit":
      next[i] = "in_review";
      break;
    case "return":
      next[i] = "returned";
      break;
    case "approve":
      next[i] = "done";
      // Only a step not yet reached opens: a stored row that is somehow ahead
      // must not be pulled back to in_progress by an approval behind it.
      if (next[i + 1] === "locked") {
        next[i + 1] = "in_progress";
        opened = step.no + 1;
      }
      break;
  }
  return { ok: true, states: next, opened };
}

/** The actions `actor` can take on step `stepNo` now, for showing only the buttons that will work. */
export function allowedStepActions(states: readonly StepState[], stepNo: number, actor: StepActor): StepAction[] {
  return (Object.keys(ACTION_FROM) as StepAction[]).filter(
    (a) => applyStepAction(states, stepNo, a, actor).ok,
  );
}

export type CurrentStep = Step & { state: StepState };

/** The first step that is not done, with its state; null once all seven are done. */
export function currentStep(states: readonly StepState[]): CurrentStep | null {
  for (const step of STEPS) {
    const state = states[step.no - 1];
    if (state !== "done") return { ...step, state: state ?? "locked" };
  }
  return null;
}

/** Launched: every step, go-live preparation included, is done. */
export function isLaunched(states: readonly StepState[]): boolean {
  return STEPS.every((s) => states[s.no - 1] === "done");
}

/** Whole percent of steps done (0..100), for the dashboard gauge. */
export function progressPercent(states: readonly StepState[]): number {
  const done = STEPS.filter((s) => states[s.no - 1] === "done").length;
  return Math.round((done * 100) / STEP_COUNT);
}

/** Who must act for the service to move on; null when launched (or the row is inconsistent). */
export function nextMoveFor(states: readonly StepState[]): StepActor | null {
  switch (currentStep(states)?.state) {
    case "in_progress":
    case "returned":
      return "agency";
    case "in_review":
      return "officer";
    default:
      return null;
  }
}

// The dashboard cards (seed section 2: "งานที่รอดำเนินการ", "รอตรวจสอบ",
// "กำลังทดสอบ UAT", "กำลังทดสอบ Pre-production") each count services matching one of these.

/** The agency has the next move: its current step is open or was sent back. */
export function waitingOnAgency(states: readonly StepState[]): boolean {
  return nextMoveFor(states) === "agency";
}

/** An officer has something to review. */
export function waitingOnOfficer(states: readonly StepState[]): boolean {
  return states.includes("in_review");
}

/** The service is at the UAT testing step, whoever has the move. */
export function inUatTesting(states: readonly StepState[]): boolean {
  return currentStep(states)?.key === "uat_test";
}

/** The service is at the Pre-Production testing step, whoever has the move. */
export function inPreprodTesting(states: readonly StepState[]): boolean {
  return currentStep(states)?.key === "preprod_test";
}

export interface DashboardBuckets {
  waitingOnAgency: boolean;
  waitingOnOfficer: boolean;
  inUatTesting: boolean;
  inPreprodTesting: boolean;
  launched: boolean;
}

/** All the card predicates for one service at once, for summing over a list. */
export function dashboardBuckets(states: readonly StepState[]): DashboardBuckets {
  return {
    waitingOnAgency: waitingOnAgency(states),
    waitingOnOfficer: waitingOnOfficer(states),
    inUatTesting: inUatTesting(states),
    inPreprodTesting: inPreprodTesting(states),
    launched: isLaunched(states),
  };
}
