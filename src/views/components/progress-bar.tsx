import { currentStep, STEPS, STEP_STATE_LABEL, type StepState } from "../../domain/onboarding/workflow";

/**
 * The 7-step progress bar, one component everywhere progress shows. A list in
 * order (so it reads correctly aloud); CSS lays it out across on wide screens
 * and stacks it on a phone.
 */
export function ProgressBar(props: { states: readonly StepState[]; serviceId?: string; current?: number | null; label?: string }) {
  return (
    <ol class="progress" aria-label={props.label ?? "ความคืบหน้า 7 ขั้นตอน"}>
      {STEPS.map((step, i) => {
        const state = props.states[i] ?? "locked";
        const isCurrent = props.current === step.no;
        const linkable = props.serviceId && state !== "locked";
        return (
          <li class={`step step-${state}${isCurrent ? " step-current" : ""}`} aria-current={isCurrent ? "step" : undefined}>
            <span class="step-no" aria-hidden="true">
              {state === "done" ? "✓" : step.no}
            </span>
            <span class="step-text">
              {linkable ? <a href={`/eservices/${props.serviceId}/steps/${step.no}`}>{step.th}</a> : step.th}
              <span class="step-state">{STEP_STATE_LABEL[state]}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A list card's one line of progress: the current step and its state ("ขั้นตอนที่ 3/7: …").
 * The full 7-step bar stays on the service's own page.
 */
export function CurrentStepLine(props: { states: readonly StepState[]; serviceId: string }) {
  const cur = currentStep(props.states);
  if (!cur) {
    return (
      <p class="current-step step-done">
        <span class="step-no" aria-hidden="true">
          ✓
        </span>
        <span class="step-text">ครบทั้ง {STEPS.length} ขั้นตอนแล้ว</span>
      </p>
    );
  }
  return (
    <p class={`current-step step-${cur.state}`}>
      <span class="step-no" aria-hidden="true">
        {cur.no}
      </span>
      <span class="step-text">
        <a href={`/eservices/${props.serviceId}/steps/${cur.no}`}>
          ขั้นตอนที่ {cur.no}/{STEPS.length}: {cur.th}
        </a>
        <span class="step-state">{STEP_STATE_LABEL[cur.state]}</span>
      </span>
    </p>
  );
}
