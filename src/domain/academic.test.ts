import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  ACTION_KEYS,
  availableActions,
  documentsChange,
  isInQueue,
  mayDo,
  offeredActions,
  nextActor,
  STATUS_KEYS,
  transition,
  type RequestStatus,
} from "./academic";

describe("the request workflow", () => {
  it("walks the happy path from submission to the end", () => {
    const path: [RequestStatus, keyof typeof ACTIONS][] = [
      ["submitted", "receive"],
      ["received", "start_doc_review"],
      ["doc_review", "finish_doc_review"],
      ["doc_checked", "start_peer_review"],
      ["peer_review", "propose_committee"],
      ["committee", "finish"],
    ];
    let status: RequestStatus = "submitted";
    for (const [from, action] of path) {
      expect(status).toBe(from);
      const r = transition(status, action);
      expect(r.ok).toBe(true);
      if (r.ok) status = r.to;
    }
    expect(status).toBe("finished");
  });

  it("allows asking for more documents from every document stage and nowhere else", () => {
    for (const s of STATUS_KEYS) {
      expect(transition(s, "request_documents").ok, s).toBe(["received", "doc_review", "doc_checked"].includes(s));
    }
  });

  it("puts a request whose documents arrived back into document review", () => {
    const r = transition("docs_requested", "documents_received");
    expect(r).toMatchObject({ ok: true, to: "doc_review" });
    expect(ACTIONS.documents_received.queue).toBe("rejoin");
    expect(ACTIONS.request_documents.queue).toBe("leave");
  });

  it("rejects every transition the table does not list", () => {
    expect(transition("submitted", "finish").ok).toBe(false);
    expect(transition("finished", "receive").ok).toBe(false);
    expect(transition("draft", "receive").ok).toBe(false);
    expect(transition("docs_requested", "start_doc_review").ok).toBe(false);
    let allowed = 0;
    for (const s of STATUS_KEYS) for (const a of ACTION_KEYS) if (transition(s, a).ok) allowed++;
    // 1 per single-source action + 3 for request_documents.
    expect(allowed).toBe(ACTION_KEYS.length + 2);
  });

  it("offers no action on a finished request or a draft", () => {
    expect(availableActions("finished")).toEqual([]);
    expect(availableActions("draft")).toEqual([]);
    expect(availableActions("doc_review")).toEqual(["finish_doc_review", "request_documents"]);
  });

  it("says who has the next move", () => {
    expect(nextActor("submitted")).toBe("officer");
    expect(nextActor("docs_requested")).toBe("university");
    expect(nextActor("finished")).toBeNull();
  });

  it("keeps a place in the queue only between receipt and the end, and not while documents are awaited", () => {
    expect(STATUS_KEYS.filter(isInQueue)).toEqual(["received", "doc_review", "doc_checked", "peer_review", "committee"]);
  });

  it("writes the timeline line the seed shows for a receipt", () => {
    expect(ACTIONS.receive.describe({ receiptNo: "1548" })).toBe("รับเรื่อง (หมายเลขรับเอกสาร: 1548)");
  });
});

describe("documents and the request status", () => {
  const docs = (...statuses: ("received" | "checked" | "ok" | "needs_fix")[]) => statuses.map((status) => ({ status }));

  it("allows ตรวจสอบเอกสารแล้วเสร็จ only when there are documents and every one is checked or correct", () => {
    expect(transition("doc_review", "finish_doc_review", docs("ok", "checked")).ok).toBe(true);
    expect(transition("doc_review", "finish_doc_review", docs())).toEqual({ ok: false, reason: "no_documents" });
    expect(transition("doc_review", "finish_doc_review", docs("ok", "needs_fix"))).toEqual({ ok: false, reason: "documents_unchecked" });
    expect(transition("doc_review", "finish_doc_review", docs("received"))).toEqual({ ok: false, reason: "documents_unchecked" });
    // The status table still comes first.
    expect(transition("received", "finish_doc_review", docs("ok"))).toEqual({ ok: false, reason: "illegal" });
  });

  it("offers the blocked action with its reason, so the page can say why instead of showing a button", () => {
    expect(offeredActions("doc_review", docs("needs_fix"))).toEqual([
      { action: "finish_doc_review", refusal: "documents_unchecked" },
      { action: "request_documents", refusal: null },
    ]);
    expect(offeredActions("finished", docs("ok"))).toEqual([]);
  });

  it("freezes the documents from ตรวจสอบเอกสารแล้วเสร็จ on, and for good after สิ้นสุด", () => {
    const open = STATUS_KEYS.filter((s) => documentsChange(s).ok);
    expect(open).toEqual(["draft", "submitted", "received", "doc_review", "docs_requested"]);
    expect(documentsChange("doc_checked")).toEqual({ ok: false, reason: "documents_checked" });
    expect(documentsChange("finished")).toEqual({ ok: false, reason: "finished" });
  });

  it("names who may act, upload and mark documents", () => {
    expect(mayDo("officer", "act")).toBe(true);
    expect(mayDo("university", "act")).toBe(false);
    expect(mayDo("university", "upload")).toBe(true);
    expect(mayDo("officer", "upload")).toBe(false);
    expect(mayDo("applicant", "checkDocument")).toBe(false);
    expect(mayDo(null, "act")).toBe(false);
  });
});
