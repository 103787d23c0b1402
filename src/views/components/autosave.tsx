/**
 * @module
 * Autosave while typing (htmx, when JavaScript runs): the form posts itself to its
 * draft URL two seconds after the last keystroke and the answer, a short Thai
 * notice, lands in a polite live region next to the save button. Without
 * JavaScript nothing here does anything and the save buttons remain the way.
 */
const AUTOSAVE_STATUS_ID = "autosave-status";

/** The attributes that make a `<form>` autosave to `draftUrl`. */
export function autosaveAttrs(draftUrl: string) {
  return {
    "hx-post": draftUrl,
    "hx-trigger": "input changed delay:2000ms",
    "hx-target": `#${AUTOSAVE_STATUS_ID}`,
    "hx-swap": "innerHTML",
  };
}

/** Where the autosave notice appears (empty until the first autosave). */
export function AutosaveStatus() {
  return <p id={AUTOSAVE_STATUS_ID} class="autosave-status hint" role="status" aria-live="polite"></p>;
}

const time = new Intl.DateTimeFormat("th-TH", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Bangkok" });

/** The fragment an autosave answers with: `บันทึกร่างแล้ว เวลา 14:05` (Bangkok time). */
export function DraftSaved(props: { at: Date }) {
  return <span data-draft-saved="">บันทึกร่างแล้ว เวลา {time.format(props.at)}</span>;
}

/** The fragment when an autosave is refused (the step was locked or sent for review meanwhile). */
export function DraftRefused(props: { message: string }) {
  return <span class="field-error">บันทึกร่างไม่ได้: {props.message}</span>;
}

/**
 * Saved, except fields not valid yet (they keep what was stored before): the form
 * still has unsaved input, so this carries no data-draft-saved and the leave warning stays.
 */
export function DraftPartlySaved(props: { at: Date; pending: string[] }) {
  return (
    <span>
      บันทึกร่างแล้ว เวลา {time.format(props.at)} ยกเว้นช่องที่ยังไม่ถูกต้อง: {props.pending.join(", ")}
    </span>
  );
}
