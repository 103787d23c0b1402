import { describe, expect, it } from "vitest";
import {
  allowedStepActions,
  applyStepAction,
  currentStep,
  dashboardBuckets,
  inPreprodTesting,
  initialStates,
  inUatTesting,
  allStepsApproved,
  canWrite,
  isLiveBooking,
  mayLaunch,
  mayWrite,
  stepsOwning,
  isStepState,
  nextMoveFor,
  STEP_STATE_LABEL,
  STEP_STATES,
  stepByKey,
  stepByNo,
  STEPS,
  waitingOnAgency,
  waitingOnOfficer,
  type StepAction,
  type StepActor,
  type StepState,
} from "./workflow";

/** Steps before `no` done, step `no` in `state`, the rest not reached. */
function at(no: number, state: StepState): StepState[] {
  return STEPS.map((s) => (s.no < no ? "done" : s.no === no ? state : "locked"));
}

/** Applies an action and fails the test if it is refused. */
function must(states: readonly StepState[], no: number, action: StepAction, actor: StepActor) {
  const r = applyStepAction(states, no, action, actor);
  if (!r.ok) throw new Error(`step ${no} ${action} by ${actor} refused: ${r.reason}`);
  return r;
}

describe("the seven onboarding steps", () => {
  it("are numbered 1 to 7 in the manual's order with its Thai names", () => {
    expect(STEPS.map((s) => [s.no, s.key, s.th])).toEqual([
      [1, "credential", "ขอ Credential"],
      [2, "uat_setup", "พัฒนาและติดตั้ง UAT"],
      [3, "uat_test", "การทดสอบผ่าน UAT Environment"],
      [4, "platform_application", "ขอใช้บริการขึ้นแพลตฟอร์มกลาง"],
      [5, "preprod_setup", "พัฒนาและติดตั้ง Pre-Production"],
      [6, "preprod_test", "การทดสอบผ่าน Pre-Production"],
      [7, "golive", "เตรียมการเปิดให้บริการ"],
    ]);
    for (const s of STEPS) expect(s.en.length).toBeGreaterThan(0);
  });

  it("labels each state with the wording the manual's screens use", () => {
    expect(STEP_STATE_LABEL).toEqual({
      locked: "ยังไม่ถึงขั้นตอนนี้",
      in_progress: "กำลังดำเนินการ",
      in_review: "กำลังตรวจสอบ",
      returned: "ส่งกลับแก้ไข",
      done: "เสร็จสิ้น",
    });
  });

  it("finds a step by number or key and nothing for anything else", () => {
    expect(stepByNo(3)?.key).toBe("uat_test");
    expect(stepByNo(0)).toBeUndefined();
    expect(stepByNo(8)).toBeUndefined();
    expect(stepByNo(1.5)).toBeUndefined();
    expect(stepByKey("golive")?.no).toBe(7);
    expect(stepByKey("toString")).toBeUndefined();
  });

  it("recognises only the five states when reading them back", () => {
    for (const s of STEP_STATES) expect(isStepState(s)).toBe(true);
    expect(isStepState("approved")).toBe(false);
    expect(isStepState(undefined)).toBe(false);
  });

  it("starts a new service with step 1 open and the rest not reached", () => {
    expect(initialStates()).toEqual([
      "in_progress",
      "locked",
      "locked",
      "locked",
      "locked",
      "locked",
      "locked",
    ]);
    // A fresh array each time, so one service's progress cannot leak into another's.
    expect(initialStates()).not.toBe(initialStates());
  });
});

describe("applyStepAction", () => {
  it("keeps a saved draft open without changing any state", () => {
    const r = must(initialStates(), 1, "save_draft", "agency");
    expect(r.states).toEqual(initialStates());
    expect(r.opened).toBeNull();
  });

  it("locks the form for review when the agency submits", () => {
    const r = must(initialStates(), 1, "submit", "agency");
    expect(r.states[0]).toBe("in_review");
    expect(r.states.slice(1).every((s) => s === "locked")).toBe(true);
    expect(r.opened).toBeNull();
    // The form is locked: neither a draft save nor a second submission is accepted.
    expect(applyStepAction(r.states, 1, "save_draft", "agency")).toEqual({ ok: false, reason: "not_allowed" });
    expect(applyStepAction(r.states, 1, "submit", "agency")).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("marks the step done and opens the next one when the officer approves", () => {
    const r = must(at(1, "in_review"), 1, "approve", "officer");
    expect(r.states.slice(0, 3)).toEqual(["done", "in_progress", "locked"]);
    expect(r.opened).toBe(2);
  });

  it("sends a step back to the agency, which can edit and resubmit it", () => {
    const returned = must(at(2, "in_review"), 2, "return", "officer");
    expect(returned.states[1]).toBe("returned");
    expect(returned.opened).toBeNull();
    const saved = must(returned.states, 2, "save_draft", "agency");
    expect(saved.states[1]).toBe("returned");
    const resubmitted = must(saved.states, 2, "submit", "agency");
    expect(resubmitted.states[1]).toBe("in_review");
    const approved = must(resubmitted.states, 2, "approve", "officer");
    expect(approved.states.slice(1, 3)).toEqual(["done", "in_progress"]);
  });

  it("opens nothing when step 7 is approved, and every step is then approved", () => {
    const before = at(7, "in_review");
    expect(allStepsApproved(before)).toBe(false);
    const r = must(before, 7, "approve", "officer");
    expect(r.opened).toBeNull();
    expect(r.states).toEqual(Array(7).fill("done"));
    expect(allStepsApproved(r.states)).toBe(true);
  });

  it("walks all seven steps from a new service to launch", () => {
    let states = initialStates();
    for (const step of STEPS) {
      states = must(states, step.no, "submit", "agency").states;
      const r = must(states, step.no, "approve", "officer");
      expect(r.opened).toBe(step.no < 7 ? step.no + 1 : null);
      states = r.states;
    }
    expect(allStepsApproved(states)).toBe(true);
  });

  it("never changes the array it is given", () => {
    const states = Object.freeze(at(3, "in_review")) as readonly StepState[];
    const copy = [...states];
    const r = must(states, 3, "approve", "officer");
    expect(states).toEqual(copy);
    expect(r.states).not.toBe(states);
    const draft = must(at(3, "in_progress"), 3, "save_draft", "agency");
    expect(draft.states).toEqual(at(3, "in_progress"));
  });

  it("refuses a step number that is not a step", () => {
    for (const no of [0, 8, -1, 2.5, Number.NaN]) {
      expect(applyStepAction(initialStates(), no, "save_draft", "agency"), String(no)).toEqual({
        ok: false,
        reason: "not_allowed",
      });
    }
  });

  it("does not pull back a later step that is already ahead of the approved one", () => {
    const odd: StepState[] = ["in_review", "done", "locked", "locked", "locked", "locked", "locked"];
    const r = must(odd, 1, "approve", "officer");
    expect(r.states.slice(0, 3)).toEqual(["done", "done", "locked"]);
    expect(r.opened).toBeNull();
  });

  /** The rules stated once, independently of the implementation's table. */
  const SUCCESSES: Record<string, StepState> = {
    "in_progress save_draft agency": "in_progress",
    "in_progress submit agency": "in_review",
    "returned save_draft agency": "returned",
    "returned submit agency": "in_review",
    "in_review approve officer": "done",
    "in_review return officer": "returned",
  };
  const AGENCY_ACTIONS: StepAction[] = ["save_draft", "submit"];
  const cases = STEP_STATES.flatMap((state) =>
    (["save_draft", "submit", "approve", "return"] as StepAction[]).flatMap((action) =>
      (["agency", "officer"] as StepActor[]).map((actor) => ({ state, action, actor })),
    ),
  );

  it("covers all 40 combinations of state, action and actor in the table below", () => {
    expect(cases).toHaveLength(5 * 4 * 2);
  });

  it.each(cases)("$action by $actor on a step that is $state", ({ state, action, actor }) => {
    const before = at(3, state);
    const r = applyStepAction(before, 3, action, actor);
    const key = `${state} ${action} ${actor}`;
    const to = SUCCESSES[key];
    if (to) {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.states[2]).toBe(to);
      expect(r.states.slice(0, 2)).toEqual(["done", "done"]);
      expect(r.states[3]).toBe(action === "approve" ? "in_progress" : "locked");
      expect(r.opened).toBe(action === "approve" ? 4 : null);
    } else {
      const ownedByAgency = AGENCY_ACTIONS.includes(action);
      const reason =
        state === "locked"
          ? "locked"
          : ownedByAgency !== (actor === "agency")
            ? "wrong_actor"
            : "not_allowed";
      expect(r).toEqual({ ok: false, reason });
    }
    expect(before).toEqual(at(3, state));
  });

  it("offers each party exactly the actions it may take", () => {
    expect(allowedStepActions(at(2, "in_progress"), 2, "agency")).toEqual(["save_draft", "submit"]);
    expect(allowedStepActions(at(2, "in_progress"), 2, "officer")).toEqual([]);
    expect(allowedStepActions(at(2, "in_review"), 2, "officer")).toEqual(["approve", "return"]);
    expect(allowedStepActions(at(2, "in_review"), 2, "agency")).toEqual([]);
    expect(allowedStepActions(at(2, "in_progress"), 3, "agency")).toEqual([]);
  });
});

describe("progress and the dashboard", () => {
  it("takes the first step that is not done as the current one", () => {
    expect(currentStep(initialStates())).toMatchObject({ no: 1, key: "credential", state: "in_progress" });
    expect(currentStep(at(4, "returned"))).toMatchObject({ no: 4, key: "platform_application", state: "returned" });
    expect(currentStep(Array(7).fill("done"))).toBeNull();
  });

  it("has all steps approved only when all seven are done", () => {
    expect(allStepsApproved(at(7, "in_progress"))).toBe(false);
    expect(allStepsApproved(Array(7).fill("done"))).toBe(true);
    expect(allStepsApproved(Array(6).fill("done"))).toBe(false);
  });

  it("says the agency moves on an open or returned step and the officer on one under review", () => {
    expect(nextMoveFor(at(3, "in_progress"))).toBe("agency");
    expect(nextMoveFor(at(3, "returned"))).toBe("agency");
    expect(nextMoveFor(at(3, "in_review"))).toBe("officer");
    expect(nextMoveFor(Array(7).fill("done"))).toBeNull();
  });

  it("puts a service waiting on the agency or on an officer in the matching card", () => {
    expect(waitingOnAgency(at(2, "in_progress"))).toBe(true);
    expect(waitingOnAgency(at(2, "returned"))).toBe(true);
    expect(waitingOnAgency(at(2, "in_review"))).toBe(false);
    expect(waitingOnOfficer(at(2, "in_review"))).toBe(true);
    expect(waitingOnOfficer(at(2, "returned"))).toBe(false);
    expect(waitingOnAgency(Array(7).fill("done"))).toBe(false);
    expect(waitingOnOfficer(Array(7).fill("done"))).toBe(false);
  });

  it("counts a service as testing on UAT or Pre-Production while that step is current, in any state", () => {
    for (const state of ["in_progress", "in_review", "returned"] as StepState[]) {
      expect(inUatTesting(at(3, state)), state).toBe(true);
      expect(inPreprodTesting(at(6, state)), state).toBe(true);
    }
    expect(inUatTesting(at(2, "in_review"))).toBe(false);
    expect(inUatTesting(at(4, "in_progress"))).toBe(false);
    expect(inPreprodTesting(at(3, "in_progress"))).toBe(false);
    expect(inPreprodTesting(at(7, "in_progress"))).toBe(false);
  });

  it("gives every card's answer for one service at once", () => {
    expect(dashboardBuckets(at(3, "in_review"), false)).toEqual({
      waitingOnAgency: false,
      waitingOnOfficer: true,
      inUatTesting: true,
      inPreprodTesting: false,
      launched: false,
    });
    expect(dashboardBuckets(Array(7).fill("done"), true)).toMatchObject({ launched: true, waitingOnAgency: false });
    expect(dashboardBuckets(Array(7).fill("done"), false)).toMatchObject({ launched: false, waitingOnAgency: false, waitingOnOfficer: false });
  });
});

describe("what each step owns and when it is frozen", () => {
  it("lets the agency change a step's things only while the step is open to it", () => {
    for (const state of STEP_STATES) {
      const states = at(2, state);
      const ok = mayWrite(states, 2, "testers", "agency");
      if (state === "in_progress" || state === "returned") expect(ok).toEqual({ ok: true });
      else expect(ok.ok, state).toBe(false);
    }
    expect(mayWrite(at(2, "in_review"), 2, "testers", "agency")).toEqual({ ok: false, reason: "frozen" });
    expect(mayWrite(at(2, "in_progress"), 3, "attempts", "agency")).toEqual({ ok: false, reason: "locked" });
  });

  it("refuses a thing the step does not own, and the wrong party", () => {
    expect(mayWrite(at(3, "in_progress"), 3, "testers", "agency")).toEqual({ ok: false, reason: "not_owned" });
    expect(mayWrite(at(2, "in_progress"), 2, "testers", "officer")).toEqual({ ok: false, reason: "wrong_actor" });
    expect(mayWrite(at(2, "in_progress"), 9, "testers", "agency")).toEqual({ ok: false, reason: "not_owned" });
  });

  it("keeps the go-live booking the agency's until confirmed, then only an officer's", () => {
    expect(canWrite(at(7, "in_progress"), 7, "booking", "agency")).toBe(true);
    expect(canWrite(at(7, "in_review"), 7, "booking", "agency")).toBe(false);
    expect(canWrite(at(7, "in_review"), 7, "booking", "officer")).toBe(true);
    expect(canWrite(at(7, "returned"), 7, "booking", "officer")).toBe(false);
  });

  it("names the steps that own each thing", () => {
    expect(stepsOwning("testers")).toEqual([2, 5]);
    expect(stepsOwning("attempts")).toEqual([3, 6]);
    expect(stepsOwning("booking")).toEqual([7]);
  });

  it("launches only with seven approvals and a live booking that is due", () => {
    const done = Array<StepState>(7).fill("done");
    const booking = { batchDate: "2027-01-05", confirmedAt: new Date(0), launchedAt: null };
    expect(isLiveBooking(booking)).toBe(true);
    expect(mayLaunch(done, booking, "2027-01-05")).toBe(true);
    expect(mayLaunch(done, booking, "2027-01-04")).toBe(false);
    expect(mayLaunch(at(7, "in_review"), booking, "2027-01-05")).toBe(false);
    expect(mayLaunch(done, { ...booking, confirmedAt: null, batchDate: null }, "2027-01-05")).toBe(false);
    expect(mayLaunch(done, { ...booking, launchedAt: new Date(0) }, "2027-01-05")).toBe(false);
  });
});
