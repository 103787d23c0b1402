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

/** Every step, go-live preparation included, approved by an officer. */
export function allStepsApproved(states: readonly StepState[]): boolean {
  return STEPS.every((s) => states[s.no - 1] === "done");
}

/** Who must act for the service to move on; null once every step is approved (the batch job acts next). */
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

/** All the card predicates for one service at once, for summing over a list. Launched is the batch job's fact, not a step state. */
export function dashboardBuckets(states: readonly StepState[], launched: boolean): DashboardBuckets {
  return {
    waitingOnAgency: waitingOnAgency(states),
    waitingOnOfficer: waitingOnOfficer(states),
    inUatTesting: inUatTesting(states),
    inPreprodTesting: inPreprodTesting(states),
    launched,
  };
}

// ---------------------------------------------------------------------------
// What each step owns besides its state, and when each of those may change.
// Services check these inside the write's transaction; views read them to
// decide which forms and buttons exist; test/node/onboarding-frozen.test.ts
// sweeps every write route against them.

/** The things a step owns; every write the agency or an officer can make is to one of these. */
export type SubResource =
  | "answers"
  | "icon"
  | "testers"
  | "attempts"
  | "auth_letter"
  | "screenshots"
  | "credentials"
  | "booking";

/** The agency edits a step only while it is open to it: being filled in, or sent back. */
export const AGENCY_EDITABLE: readonly StepState[] = ["in_progress", "returned"];
const REACHED: readonly StepState[] = ["in_progress", "in_review", "returned", "done"];

type WriteRule = Partial<Record<StepActor, readonly StepState[]>>;

/**
 * Per step, each sub-resource it owns and, per actor, the step states in which
 * that actor may write it. Anything not listed is frozen for that actor.
 * - Credentials (step 5's App Id and Consumer Key) are revealed by the agency and
 *   reset by an officer at any time once the step is reached.
 * - The go-live booking is confirmed by the agency while step 7 is open (and is
 *   then irrevocable for it); an officer may move it to another batch while it
 *   waits for review or for its batch.
 */
export const STEP_RESOURCES: Record<StepKey, Partial<Record<SubResource, WriteRule>>> = {
  credential: { answers: { agency: AGENCY_EDITABLE }, icon: { agency: AGENCY_EDITABLE } },
  uat_setup: { answers: { agency: AGENCY_EDITABLE }, testers: { agency: AGENCY_EDITABLE } },
  uat_test: { attempts: { agency: AGENCY_EDITABLE } },
  platform_application: { answers: { agency: AGENCY_EDITABLE }, auth_letter: { agency: AGENCY_EDITABLE } },
  preprod_setup: {
    answers: { agency: AGENCY_EDITABLE },
    testers: { agency: AGENCY_EDITABLE },
    icon: { agency: AGENCY_EDITABLE },
    screenshots: { agency: AGENCY_EDITABLE },
    credentials: { agency: REACHED, officer: REACHED },
  },
  preprod_test: { attempts: { agency: AGENCY_EDITABLE } },
  golive: { booking: { agency: AGENCY_EDITABLE, officer: ["in_review", "done"] } },
};

export type WriteRefusal = "locked" | "frozen" | "wrong_actor" | "not_owned";

/**
 * Whether `actor` may write `resource` of step `stepNo` now. Reasons, most basic first:
 * `not_owned` (the step has no such thing), `locked` (not reached), `wrong_actor`
 * (only the other party ever writes it), `frozen` (not in this state).
 */
export function mayWrite(
  states: readonly StepState[],
  stepNo: number,
  resource: SubResource,
  actor: StepActor,
): { ok: true } | { ok: false; reason: WriteRefusal } {
  const step = stepByNo(stepNo);
  const rule = step ? STEP_RESOURCES[step.key][resource] : undefined;
  if (!step || !rule) return { ok: false, reason: "not_owned" };
  const state = states[step.no - 1] ?? "locked";
  if (state === "locked") return { ok: false, reason: "locked" };
  const allowed = rule[actor];
  if (!allowed) return { ok: false, reason: "wrong_actor" };
  return allowed.includes(state) ? { ok: true } : { ok: false, reason: "frozen" };
}

/** Shorthand for views: may `actor` change `resource` of this step now? */
export function canWrite(states: readonly StepState[], stepNo: number, resource: SubResource, actor: StepActor): boolean {
  return mayWrite(states, stepNo, resource, actor).ok;
}

/** The steps that own `resource` (e.g. testers: steps 2 and 5), by number. */
export function stepsOwning(resource: SubResource): StepNo[] {
  return STEPS.filter((s) => STEP_RESOURCES[s.key][resource]).map((s) => s.no);
}

/** The booking as stored: confirmed by the agency, or cancelled by an officer's return. */
export interface Booking {
  batchDate: string | null;
  confirmedAt: Date | null;
  launchedAt: Date | null;
}

/** A booking the batch job will honour: confirmed, still holding a batch, not launched yet. */
export function isLiveBooking(b: Booking): boolean {
  return b.confirmedAt !== null && b.batchDate !== null && b.launchedAt === null;
}

/**
 * The batch job launches a service only when all seven steps are approved and
 * its booking is live and due (`today` is Bangkok's ISO date).
 */
export function mayLaunch(states: readonly StepState[], booking: Booking, today: string): boolean {
  return allStepsApproved(states) && isLiveBooking(booking) && booking.batchDate! <= today;
}

/** Whether the step is open for the agency to fill in (its form and its things editable). */
export function openToAgency(states: readonly StepState[], stepNo: number): boolean {
  const state = states[stepNo - 1];
  return state !== undefined && AGENCY_EDITABLE.includes(state);
}
