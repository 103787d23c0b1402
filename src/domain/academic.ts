/**
 * @module
 * The academic-position request workflow, declared once: statuses, who has the
 * next move in each, which ones hold a place in the queue, the officer actions
 * that move a request between them (with what each needs and does), the
 * documents' own statuses and when they are frozen, and the Thai words for every
 * refusal. Pure. Views read it to decide which buttons and forms exist; the
 * services enforce it inside each write's transaction; routes only map a
 * refusal to its HTTP status.
 */
import type { Role } from "./roles";

export const POSITIONS = {
  assistant_professor: { th: "ผู้ช่วยศาสตราจารย์", en: "Assistant Professor" },
  associate_professor: { th: "รองศาสตราจารย์", en: "Associate Professor" },
  professor: { th: "ศาสตราจารย์", en: "Professor" },
} as const;
export type Position = keyof typeof POSITIONS;
export const POSITION_KEYS = Object.keys(POSITIONS) as Position[];

export const STATUSES = {
  draft: { th: "ร่าง", tone: "neutral" },
  submitted: { th: "รอรับเรื่อง", tone: "waiting" },
  received: { th: "รับเรื่อง", tone: "active" },
  doc_review: { th: "อยู่ระหว่างตรวจสอบเอกสาร", tone: "active" },
  doc_checked: { th: "ตรวจสอบเอกสารแล้วเสร็จ", tone: "done" },
  docs_requested: { th: "ขอเอกสารเพิ่มเติม", tone: "attention" },
  peer_review: { th: "อยู่ระหว่างการพิจารณาผลงาน", tone: "active" },
  committee: { th: "เสนอสภามหาวิทยาลัย/กกอ.", tone: "active" },
  finished: { th: "สิ้นสุด", tone: "done" },
} as const;
export type RequestStatus = keyof typeof STATUSES;
export const STATUS_KEYS = Object.keys(STATUSES) as RequestStatus[];

export type NextActor = "university" | "applicant" | "officer";
export const NEXT_ACTOR_LABEL: Record<NextActor, string> = {
  university: "รอมหาวิทยาลัย",
  applicant: "รอเจ้าของผลงาน",
  officer: "รอเจ้าหน้าที่",
};

/** Who must act for the request to move on; null when it is over. */
export function nextActor(status: RequestStatus): NextActor | null {
  switch (status) {
    case "draft":
    case "docs_requested":
      return "university";
    case "finished":
      return null;
    default:
      return "officer";
  }
}

/**
 * Statuses that hold a place in the officers' queue: from receipt until the end,
 * except while more documents are awaited (the seed: "ท่านจะถูกออกจากคิวและเข้าคิวใหม่
 * เมื่อระบบได้รับเอกสาร").
 */
/** The university edits (and submits) a request only while it is still its draft. */
export function isDraft(status: RequestStatus): boolean {
  return status === "draft";
}

export function isInQueue(status: RequestStatus): boolean {
  return ["received", "doc_review", "doc_checked", "peer_review", "committee"].includes(status);
}

/** Statuses in which the documents are being handled, so more can be asked for. */
export const DOCUMENT_STAGES: readonly RequestStatus[] = ["received", "doc_review", "doc_checked"];

// ---------------------------------------------------------------------------
// Documents

/** Each supporting document's own status: ได้รับแล้ว → ตรวจแล้ว → ถูกต้อง / ต้องแก้ไข. */
export const DOCUMENT_STATUSES = {
  received: "ได้รับแล้ว",
  checked: "ตรวจแล้ว",
  ok: "ถูกต้อง",
  needs_fix: "ต้องแก้ไข",
} as const;
export type DocumentStatus = keyof typeof DOCUMENT_STATUSES;
export const DOCUMENT_STATUS_KEYS = Object.keys(DOCUMENT_STATUSES) as DocumentStatus[];

export function isDocumentStatus(value: unknown): value is DocumentStatus {
  return typeof value === "string" && Object.hasOwn(DOCUMENT_STATUSES, value);
}

/** A document that has passed the officer's check: not waiting for one, not sent back. */
export function isDocumentChecked(status: DocumentStatus): boolean {
  return status === "checked" || status === "ok";
}

/**
 * From "documents checked" on, the documents are what was checked: no uploads
 * and no status changes, so the status never claims more than the files show.
 * Asking for more documents (ขอเอกสารเพิ่มเติม) opens them again; after สิ้นสุด
 * they are read-only for good.
 */
export const DOCUMENTS_FROZEN_IN: readonly RequestStatus[] = ["doc_checked", "peer_review", "committee", "finished"];

/** Who may do what to a request's documents, and to its status. */
export const WORKFLOW_ROLES = {
  /** The officer actions below. */
  act: ["officer", "admin"],
  /** Upload a document (only to the university's own requests). */
  upload: ["university"],
  /** Mark a document's status. */
  checkDocument: ["officer", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export function mayDo(role: Role | null | undefined, what: keyof typeof WORKFLOW_ROLES): boolean {
  return !!role && (WORKFLOW_ROLES[what] as readonly Role[]).includes(role);
}

export type DocumentRefusal = "finished" | "documents_checked";

/** Whether the documents of a request in `status` may change (an upload or a status mark). */
export function documentsChange(status: RequestStatus): { ok: true } | { ok: false; reason: DocumentRefusal } {
  if (status === "finished") return { ok: false, reason: "finished" };
  if (DOCUMENTS_FROZEN_IN.includes(status)) return { ok: false, reason: "documents_checked" };
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Officer actions

/** What must be true of the documents before an action may be taken. */
export type ActionPrecondition = "documents_checked";

export interface ActionRule {
  th: string;
  from: readonly RequestStatus[];
  to: RequestStatus;
  /** What the officer must enter with the action. */
  requires?: "receiptNo" | "note";
  /** What must hold first; checked against the rows read in the action's transaction. */
  precondition?: ActionPrecondition;
  /** How the action moves the request in the queue. */
  queue?: "join" | "leave" | "rejoin";
  /**
   * The timeline line, e.g. "รับเรื่อง (หมายเลขรับเอกสาร: 1548)". Every action also
   * mails it to the coordinator and the applicant (services/requests.ts).
   */
  describe(input: { receiptNo?: string; note?: string }): string;
}

export const ACTIONS = {
  receive: {
    th: "รับเรื่อง",
    from: ["submitted"],
    to: "received",
    requires: "receiptNo",
    queue: "join",
    describe: ({ receiptNo }) => `รับเรื่อง (หมายเลขรับเอกสาร: ${receiptNo})`,
  },
  start_doc_review: {
    th: "เริ่มตรวจสอบเอกสาร",
    from: ["received"],
    to: "doc_review",
    describe: () => "อยู่ระหว่างตรวจสอบเอกสาร",
  },
  finish_doc_review: {
    th: "ตรวจสอบเอกสารแล้วเสร็จ",
    from: ["doc_review"],
    to: "doc_checked",
    precondition: "documents_checked",
    describe: () => "ตรวจสอบเอกสารแล้วเสร็จ",
  },
  request_documents: {
    th: "ขอเอกสารเพิ่มเติม",
    from: DOCUMENT_STAGES,
    to: "docs_requested",
    requires: "note",
    queue: "leave",
    describe: ({ note }) => `ขอเอกสารเพิ่มเติม: ${note} (ออกจากคิว)`,
  },
  documents_received: {
    th: "ได้รับเอกสารเพิ่มเติม",
    from: ["docs_requested"],
    to: "doc_review",
    queue: "rejoin",
    describe: () => "ได้รับเอกสารเพิ่มเติม เข้าคิวใหม่ และอยู่ระหว่างตรวจสอบเอกสาร",
  },
  start_peer_review: {
    th: "ส่งพิจารณาผลงาน",
    from: ["doc_checked"],
    to: "peer_review",
    describe: () => "อยู่ระหว่างการพิจารณาผลงานโดยผู้ทรงคุณวุฒิ",
  },
  propose_committee: {
    th: "เสนอสภามหาวิทยาลัย/กกอ.",
    from: ["peer_review"],
    to: "committee",
    describe: () => "เสนอสภามหาวิทยาลัย/กกอ.",
  },
  finish: {
    th: "สิ้นสุด",
    from: ["committee"],
    to: "finished",
    requires: "note",
    queue: "leave",
    describe: ({ note }) => `สิ้นสุด: ${note}`,
  },
} as const satisfies Record<string, ActionRule>;
export type RequestAction = keyof typeof ACTIONS;
export const ACTION_KEYS = Object.keys(ACTIONS) as RequestAction[];

export function isRequestAction(value: unknown): value is RequestAction {
  return typeof value === "string" && Object.hasOwn(ACTIONS, value);
}

/** The officer actions the status table allows in `status`, whatever the documents. */
export function availableActions(status: RequestStatus): RequestAction[] {
  return ACTION_KEYS.filter((a) => (ACTIONS[a].from as readonly RequestStatus[]).includes(status));
}

export type ActionRefusal = "illegal" | "no_documents" | "documents_unchecked";

/** Why the documents do not meet `precondition`, or null when they do. */
function unmet(precondition: ActionPrecondition | undefined, documents: readonly { status: DocumentStatus }[]): ActionRefusal | null {
  if (precondition !== "documents_checked") return null;
  if (documents.length === 0) return "no_documents";
  return documents.every((d) => isDocumentChecked(d.status)) ? null : "documents_unchecked";
}

export type TransitionResult = { ok: true; to: RequestStatus; rule: ActionRule } | { ok: false; reason: ActionRefusal };

/**
 * Where `action` takes a request in `status` with these documents, or why not.
 * Without `documents` only the status table is consulted (the demo seed replays
 * stories whose documents it writes to match).
 */
export function transition(
  status: RequestStatus,
  action: RequestAction,
  documents?: readonly { status: DocumentStatus }[],
): TransitionResult {
  const rule: ActionRule = ACTIONS[action];
  if (!rule.from.includes(status)) return { ok: false, reason: "illegal" };
  const blocked = documents ? unmet(rule.precondition, documents) : null;
  return blocked ? { ok: false, reason: blocked } : { ok: true, to: rule.to, rule };
}

/**
 * What the officer's panel offers: the actions the table allows in `status`,
 * each either open or with the reason it is not yet possible.
 */
export function offeredActions(
  status: RequestStatus,
  documents: readonly { status: DocumentStatus }[],
): { action: RequestAction; refusal: ActionRefusal | null }[] {
  return availableActions(status).map((action) => {
    const t = transition(status, action, documents);
    return { action, refusal: t.ok ? null : t.reason };
  });
}

// ---------------------------------------------------------------------------
// Refusals in Thai (routes show them; views use them for hints)

export const ACTION_REFUSAL_TH: Record<ActionRefusal | "conflict" | "missing_receipt" | "missing_note", string> = {
  illegal: "ไม่สามารถดำเนินการนี้ในสถานะปัจจุบันได้",
  conflict: "คำขอนี้ถูกเปลี่ยนสถานะโดยผู้อื่นแล้ว กรุณาตรวจสอบอีกครั้ง",
  missing_receipt: "กรุณากรอกหมายเลขรับเอกสาร",
  missing_note: "กรุณากรอกหมายเหตุ",
  no_documents: "ยังไม่มีเอกสารให้ตรวจสอบ จึงยังบันทึก “ตรวจสอบเอกสารแล้วเสร็จ” ไม่ได้",
  documents_unchecked: "ยังมีเอกสารที่ต้องแก้ไขหรือยังไม่ได้ตรวจ จึงยังบันทึก “ตรวจสอบเอกสารแล้วเสร็จ” ไม่ได้",
};

export const UPLOAD_REFUSAL_TH: Record<DocumentRefusal, string> = {
  finished: "คำขอนี้สิ้นสุดแล้ว ไม่สามารถเพิ่มเอกสารได้",
  documents_checked: "เอกสารของคำขอนี้ตรวจสอบแล้วเสร็จ จึงเพิ่มเอกสารไม่ได้ (เจ้าหน้าที่จะขอเอกสารเพิ่มเติมหากจำเป็น)",
};

export const DOCUMENT_STATUS_REFUSAL_TH: Record<DocumentRefusal, string> = {
  finished: "คำขอนี้สิ้นสุดแล้ว เอกสารและสถานะเอกสารแก้ไขไม่ได้",
  documents_checked: "เอกสารของคำขอนี้ตรวจสอบแล้วเสร็จ จึงเปลี่ยนสถานะเอกสารไม่ได้ (ขอเอกสารเพิ่มเติมก่อน หากต้องแก้ไข)",
};
