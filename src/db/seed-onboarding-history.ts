/**
 * @module
 * Demo histories for the onboarding overview (issue 14): three more agencies whose
 * services are spread over the seven steps, each approved step stamped with its
 * submission and review and each officer decision in the audit log (some steps
 * returned once before approval), eight launched in past Tuesday batches, two booked
 * for coming ones, and one agency idle for over a month. Enough services finish the
 * early steps for the agency's "typical time" to be shown there, and too few the
 * later ones, so both cases can be seen. Same rows on every run (seeded).
 */
import { eq } from "drizzle-orm";
import { goLiveBatch, upcomingTuesdays } from "../domain/onboarding/golive";
import { STEP_COUNT, type StepState } from "../domain/onboarding/workflow";
import type { Db } from "./client";
import { prng } from "./prng";
import { agencies, auditEvents, eservices, eserviceSteps, users } from "./schema";

const DAY = 86_400_000;

export const HISTORY_AGENCIES = [
  { id: "agency-doe", nameTh: "กรมการจัดหางาน", nameEn: "Department of Employment", ministry: "กระทรวงแรงงาน" },
  { id: "agency-dbd", nameTh: "กรมพัฒนาธุรกิจการค้า", nameEn: "Department of Business Development", ministry: "กระทรวงพาณิชย์" },
  { id: "agency-cpd", nameTh: "กรมส่งเสริมสหกรณ์", nameEn: "Cooperative Promotion Department", ministry: "กระทรวงเกษตรและสหกรณ์" },
] as const;
/** The agency whose services have not moved for over 30 days. */
export const IDLE_AGENCY_ID = "agency-cpd";

/** Typical days per step; each service takes 0.5–1.8 times as long. */
const BASE_DAYS = [7, 21, 10, 14, 18, 9, 6];

/** How many services have approved how many steps (8: approved and launched), the funnel's shape. */
const STAGES: [approved: number, services: number][] = [
  [0, 3],
  [1, 4],
  [2, 5],
  [3, 4],
  [4, 3],
  [5, 3],
  [6, 3],
  [7, 2],
  [8, 8],
];

const NAMES = [
  "ขึ้นทะเบียนผู้ประกันตนว่างงาน", "ขออนุญาตทำงานคนต่างด้าว", "จดทะเบียนนิติบุคคล", "ขอหนังสือรับรองนิติบุคคล", "แจ้งเปลี่ยนแปลงกรรมการ",
  "จองชื่อนิติบุคคล", "ยื่นงบการเงิน", "ขอคัดสำเนาเอกสารทะเบียน", "สมัครงานออนไลน์", "ขอรับเงินทดแทนการขาดรายได้", "ลงทะเบียนฝึกอาชีพ",
  "ขอใบอนุญาตจัดหางาน", "แจ้งการจ้างคนพิการ", "ขอรับรองผู้ประกอบการ", "จดทะเบียนพาณิชย์", "ขอเลขทะเบียนสหกรณ์", "ยื่นรายงานประจำปีสหกรณ์",
  "ขอกู้เงินกองทุนสหกรณ์", "ตรวจสอบสถานะสมาชิกสหกรณ์", "ขอรับการส่งเสริมกลุ่มเกษตรกร", "แจ้งย้ายสำนักงานใหญ่", "ขอหนังสือรับรองการจดทะเบียน",
  "ขอตรวจดูเอกสาร", "ยื่นคำขอเลิกนิติบุคคล", "ขอจดทะเบียนสัญญาหลักประกัน", "ลงทะเบียนผู้ประกอบการ SME", "ขอรับคำปรึกษาธุรกิจ",
  "ยื่นคำร้องแรงงานนอกระบบ", "จองคิวรับบริการจัดหางาน", "ขอรับรองมาตรฐานฝีมือแรงงาน", "ขอตราประทับนิติบุคคล", "แจ้งเพิ่มทุน",
  "สมัครตลาดนัดแรงงาน", "ขอเอกสารรับรองสหกรณ์", "ลงทะเบียนอบรมบัญชีสหกรณ์",
];

interface Event {
  action: "eservice.step.submit" | "eservice.step.return" | "eservice.step.approve";
  at: number;
  stepNo: number;
}

/**
 * Seeds the histories into `db` relative to `now`. Approvals and returns are
 * signed by the demo officer when there is one.
 */
export async function seedOnboardingHistories(db: Db, now: Date): Promise<void> {
  const rng = prng(20261414);
  const t = now.getTime();
  const [officer] = await db.select({ id: users.id }).from(users).where(eq(users.username, "officer"));
  const officerId = officer?.id ?? null;
  const names = [...NAMES];
  let n = 0;
  await db.transaction(async (tx) => {
    await tx.insert(agencies).values(HISTORY_AGENCIES.map((a) => ({ ...a, createdAt: new Date(t - 400 * DAY) })));
    for (const [approved, count] of STAGES) {
      for (let k = 0; k < count; k++, n++) {
        const launched = approved === 8;
        const done = Math.min(approved, STEP_COUNT);
        const idle = n % 11 === 4 && !launched && done < STEP_COUNT;
        const agencyId = idle ? IDLE_AGENCY_ID : HISTORY_AGENCIES[n % 2]!.id;
        // Work back from now: the open step has run for 1–25 days (40–75 for an idle service);
        // a launched service went live at least a week ago.
        const durations = BASE_DAYS.slice(0, done).map((d) => Math.max(1, Math.round(d * (0.5 + rng.next() * 1.3) * 10) / 10));
        const returned = durations.map(() => rng.chance(0.3));
        const tail = launched ? rng.int(10, 120) : idle ? rng.int(40, 75) : rng.int(1, 25);
        const created = t - (durations.reduce((a, b) => a + b, 0) + tail) * DAY - rng.int(0, 8) * 3_600_000;
        const events: Event[] = [];
        const steps: (typeof eserviceSteps.$inferInsert)[] = [];
        let at = created;
        for (let i = 0; i < STEP_COUNT; i++) {
          const stepNo = i + 1;
          if (i < done) {
            const end = at + durations[i]! * DAY;
            if (returned[i]) {
              // Submitted a third of the way in, returned two days later, resubmitted, approved.
              const firstSubmit = at + (durations[i]! / 3) * DAY;
              events.push({ action: "eservice.step.submit", at: firstSubmit, stepNo }, { action: "eservice.step.return", at: firstSubmit + Math.min(2, durations[i]! / 3) * DAY, stepNo });
            }
            const submit = end - Math.min(3, durations[i]! / 3) * DAY;
            events.push({ action: "eservice.step.submit", at: submit, stepNo }, { action: "eservice.step.approve", at: end, stepNo });
            steps.push({ eserviceId: "", stepNo, state: "done", submittedAt: new Date(submit), reviewedAt: new Date(end), reviewedBy: officerId, updatedAt: new Date(end) });
            at = end;
          } else if (i === done) {
            // Step 7 is submitted only by confirming a booking, so it waits here with the agency.
            const state: StepState = idle || stepNo === STEP_COUNT ? "in_progress" : rng.pick(["in_progress", "in_progress", "in_review", "returned"] as const);
            const opened = at;
            const submit = opened + Math.max(0.5, tail - 3) * DAY;
            if (state === "in_review") events.push({ action: "eservice.step.submit", at: submit, stepNo });
            if (state === "returned") events.push({ action: "eservice.step.submit", at: submit - DAY, stepNo }, { action: "eservice.step.return", at: submit, stepNo });
            const touched = state === "in_progress" ? opened + (idle ? 0 : Math.min(tail - 0.5, 2) * DAY) : submit;
            steps.push({
              eserviceId: "",
              stepNo,
              state,
              submittedAt: state === "in_progress" ? null : new Date(state === "returned" ? submit - DAY : submit),
              reviewedAt: state === "returned" ? new Date(submit) : null,
              reviewedBy: state === "returned" ? officerId : null,
              comments: state === "returned" ? { "comment.general": "กรุณาแก้ไขข้อมูลให้ครบถ้วนตามคู่มือ แล้วส่งใหม่อีกครั้ง" } : null,
              updatedAt: new Date(touched),
            });
          } else {
            steps.push({ eserviceId: "", stepNo, state: "locked", updatedAt: new Date(created) });
          }
        }
        const id = `es-h${String(n + 1).padStart(2, "0")}`;
        const lastChange = Math.max(...steps.map((s) => (s.updatedAt as Date).getTime()));
        // Step 7's approval books the batch its confirmation got; the booked ones are still to come.
        const approvedAll = done === STEP_COUNT;
        const batch = approvedAll ? (launched ? goLiveBatch(new Date(at)) : upcomingTuesdays(now, 3)[k % 2 === 0 ? 0 : 2]!) : null;
        const launchedAt = launched && batch ? new Date(`${batch}T03:00:00Z`) : null;
        await tx.insert(eservices).values({
          id,
          agencyId,
          name: names[n % names.length]!,
          createdAt: new Date(created),
          updatedAt: new Date(launchedAt ? Math.max(lastChange, launchedAt.getTime()) : lastChange),
          goliveRequestedDate: batch,
          goliveBatchDate: batch,
          goliveConfirmedAt: batch ? new Date(at) : null,
          launchedAt,
        });
        await tx.insert(eserviceSteps).values(steps.map((s) => ({ ...s, eserviceId: id })));
        if (events.length) await tx.insert(auditEvents).values(
          events.map((e) => ({
            at: new Date(e.at),
            actorId: e.action === "eservice.step.submit" ? null : officerId,
            action: e.action,
            subjectType: "eservice",
            subjectId: id,
            data: { stepNo: e.stepNo },
          })),
        );
      }
    }
  });
}
