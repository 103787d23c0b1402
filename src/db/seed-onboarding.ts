/**
 * @module
 * Demo agencies and e-services at different points of the 7 steps, so the
 * agency dashboard and the officers' review queue have something to show.
 */
import type { StepState } from "../domain/onboarding/workflow";
import type { Db } from "./client";
import { agencies, eservices, eserviceSteps, notifications } from "./schema";

export const DEMO_AGENCY_ID = "agency-ditp";

const L = "locked" as const;
const D = "done" as const;
const DEMO_SERVICES: { id: string; name: string; states: StepState[] }[] = [
  { id: "es-export-permit", name: "ขอใบอนุญาตส่งออกสินค้า", states: ["in_progress", L, L, L, L, L, L] },
  { id: "es-trade-fair", name: "ลงทะเบียนร่วมงานแสดงสินค้าต่างประเทศ", states: [D, "in_review", L, L, L, L, L] },
  { id: "es-exporter-id", name: "ขอบัตรประจำตัวผู้ส่งออก", states: [D, D, "in_progress", L, L, L, L] },
  { id: "es-training", name: "สมัครอบรมผู้ประกอบการส่งออก", states: [D, D, D, D, D, D, D] },
];

export async function seedOnboardingDemo(db: Db, now: Date): Promise<void> {
  const day = 86_400_000;
  await db.transaction(async (tx) => {
    await tx.insert(agencies).values({
      id: DEMO_AGENCY_ID,
      nameTh: "กรมส่งเสริมการค้าระหว่างประเทศ",
      nameEn: "Department of International Trade Promotion",
      ministry: "กระทรวงพาณิชย์",
      createdAt: new Date(now.getTime() - 60 * day),
    });
    for (const [i, s] of DEMO_SERVICES.entries()) {
      const created = new Date(now.getTime() - (40 - i * 5) * day);
      await tx.insert(eservices).values({
        id: s.id,
        agencyId: DEMO_AGENCY_ID,
        name: s.name,
        createdAt: created,
        updatedAt: now,
        launchedAt: s.states.every((x) => x === "done") ? new Date(now.getTime() - 3 * day) : null,
      });
      await tx.insert(eserviceSteps).values(
        s.states.map((state, k) => ({
          eserviceId: s.id,
          stepNo: k + 1,
          state,
          submittedAt: state === "in_review" || state === "done" ? new Date(created.getTime() + (k + 1) * day) : null,
          updatedAt: now,
        })),
      );
    }
    await tx.insert(notifications).values({
      id: "note-demo-1",
      agencyId: DEMO_AGENCY_ID,
      eserviceId: "es-export-permit",
      text: "ขอใบอนุญาตส่งออกสินค้า: กรุณากรอกข้อมูลขั้นตอน \"ขอ Credential\"",
      createdAt: new Date(now.getTime() - day),
    });
  });
}
