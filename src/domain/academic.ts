/**
 * @module
 * The academic-position request workflow as data: statuses, who has the next
 * move in each, which ones hold a place in the queue, and the officer actions
 * that move a request between them. Pure; the services apply it in transactions.
 */

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
export function isInQueue(status: RequestStatus): boolean {
  return ["received", "doc_review", "doc_checked", "peer_review", "committee"].includes(status);
}

/** Statuses in which the documents are being handled, so more can be asked for. */
export const DOCUMENT_STAGES: readonly RequestStatus[] = ["received", "doc_review", "doc_checked"];

export interface ActionRule {
  th: string;
  from: readonly RequestStatus[];
  to: RequestStatus;
  /** What the officer must enter with the action. */
  requires?: "receiptNo" | "note";
  /** How the action moves the request in the queue. */
  queue?: "join" | "leave" | "rejoin";
  /** The timeline line, e.g. "รับเรื่อง (หมายเลขรับเอกสาร: 1548)". */
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

/** The officer actions offered for a request in `status`. */
export function availableActions(status: RequestStatus): RequestAction[] {
  return ACTION_KEYS.filter((a) => (ACTIONS[a].from as readonly RequestStatus[]).includes(status));
}

export type TransitionResult = { ok: true; to: RequestStatus; rule: ActionRule } | { ok: false };

/** Where `action` takes a request in `status`, or not ok when the table forbids it. */
export function transition(status: RequestStatus, action: RequestAction): TransitionResult {
  const rule: ActionRule = ACTIONS[action];
  return rule.from.includes(status) ? { ok: true, to: rule.to, rule } : { ok: false };
}
