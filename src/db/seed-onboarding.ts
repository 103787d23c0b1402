/**
 * @module
 * Demo agencies and e-services at different points of the 7 steps, so the
 * agency dashboard and the officers' review queue have something to show, and
 * every agency page has a service to open: step 4 with its three parts answered,
 * step 5 with a tester and a screenshot, step 6 with a test attempt not yet reviewed.
 */
import type { StepState } from "../domain/onboarding/workflow";
import { encryptPid, type PidKeys } from "../services/pid-crypto";
import type { Db } from "./client";
import { seedOnboardingHistories } from "./seed-onboarding-history";
import { agencies, eserviceFiles, eservices, eserviceSteps, notifications, testers, testResults } from "./schema";

export const DEMO_AGENCY_ID = "agency-ditp";

const L = "locked" as const;
const D = "done" as const;
const DEMO_SERVICES: { id: string; name: string; states: StepState[] }[] = [
  { id: "es-export-permit", name: "ขอใบอนุญาตส่งออกสินค้า", states: ["in_progress", L, L, L, L, L, L] },
  { id: "es-trade-fair", name: "ลงทะเบียนร่วมงานแสดงสินค้าต่างประเทศ", states: [D, "in_review", L, L, L, L, L] },
  { id: "es-exporter-id", name: "ขอบัตรประจำตัวผู้ส่งออก", states: [D, D, "in_progress", L, L, L, L] },
  { id: "es-training", name: "สมัครอบรมผู้ประกอบการส่งออก", states: [D, D, D, D, D, D, D] },
  { id: "es-origin-cert", name: "ขอหนังสือรับรองถิ่นกำเนิดสินค้า", states: [D, D, D, "in_progress", L, L, L] },
  { id: "es-trade-mark", name: "ขอรับรองเครื่องหมายสินค้าส่งออก", states: [D, D, D, D, "in_progress", L, L] },
  { id: "es-export-stats", name: "ขอข้อมูลสถิติการส่งออก", states: [D, D, D, D, D, "in_progress", L] },
];

/** Step 4 of es-origin-cert, all three parts answered as the agency typed them (phones as digits). */
const ORIGIN_CERT_STEP4: Record<string, string | string[]> = {
  agencyNameTh: "กรมส่งเสริมการค้าระหว่างประเทศ", agencyNameEn: "Department of International Trade Promotion",
  agencyAbbrTh: "สค.", agencyAbbrEn: "DITP", parentTh: "กระทรวงพาณิชย์", parentEn: "Ministry of Commerce",
  addrNo: "563", addrRoad: "นนทบุรี", subdistrict: "บางกระสอ", district: "เมืองนนทบุรี", province: "นนทบุรี", postcode: "11000",
  website: "https://www.ditp.go.th/", agencyType: "central",
  assigneeName: "วิไล ดิจิทัล", assigneePid: "1101700230368", assigneeDivision: "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
  assigneePosition: "นักวิชาการคอมพิวเตอร์ชำนาญการ", assigneeOfficePhone: "025075555", assigneeMobile: "0871357910",
  assigneeEmail: "wilai.d@ditp.go.th", adminSame: "yes", contactChannel: "callcenter", callcenterPhone: "1169",
  callcenterEmail: "1169@ditp.go.th", targetUsers: "juristic", juristicData: ["juristic_id", "juristic_name"], launchDate: "2027-03-01",
  serviceName: "ขอหนังสือรับรองถิ่นกำเนิดสินค้า", description: "ยื่นคำขอหนังสือรับรองถิ่นกำเนิดสินค้า (Certificate of Origin) ผ่านแอปพลิเคชันทางรัฐ",
  accessUrl: "https://co.ditp.go.th/", wantsPersonalData: "no", identityLevel: "none", canDownload: "yes",
  wantsNotification: "yes", smartTracking: "no", profileAccess: "mtoken", landingUrl: "https://co.ditp.go.th/mtoken",
  consentDataAccess: "agree", consentAccuracy: "agree", consentTerms: "agree",
};

export async function seedOnboardingDemo(db: Db, keys: PidKeys, now: Date): Promise<void> {
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
          answers: s.id === "es-origin-cert" && k === 3 ? ORIGIN_CERT_STEP4 : null,
          updatedAt: now,
        })),
      );
    }
    // What the open steps own. The files' bytes are not in the demo store: their downloads answer 404.
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
    const file = (id: string, eserviceId: string, stepNo: number, kind: "auth_letter" | "screenshot", fileName: string, contentType: string) => ({
      id, eserviceId, stepNo, kind, fileKey: `demo-${id}`, fileName, contentType, size: 48_213, createdAt: at(2),
    });
    await tx.insert(eserviceFiles).values([
      file("file-demo-letter", "es-origin-cert", 4, "auth_letter", "หนังสือมอบหมาย-สค.pdf", "application/pdf"),
      file("file-demo-screen", "es-trade-mark", 5, "screenshot", "หน้าจอหลัก.png", "image/png"),
    ]);
    await tx.insert(testers).values({
      id: "tester-demo-1", eserviceId: "es-trade-mark", stepNo: 5, fullName: "ปกรณ์ ทดสอบดี", organisation: "กรมส่งเสริมการค้าระหว่างประเทศ",
      email: "pakorn.t@ditp.go.th", phone: "0812345678", pidEnc: await encryptPid(keys, "3100500123458"), os: "android", createdAt: at(2),
    });
    await tx.insert(testResults).values({
      // The UAT attempt es-trade-mark's step 3 was approved with.
      id: "attempt-demo-uat", eserviceId: "es-trade-mark", stepNo: 3, attemptNo: 1, details: "ทดสอบบน UAT ครบทุกกรณี",
      fileKey: "demo-attempt-demo-uat", fileName: "Minimum-Testcase-เครื่องหมายสินค้า.xlsx", size: 19_456, summary: { passed: 10, failed: 0, total: 10 },
      status: "approved", createdAt: at(12),
    });
    await tx.insert(testResults).values({
      id: "attempt-demo-1", eserviceId: "es-export-stats", stepNo: 6, attemptNo: 1, details: "ติดตั้งบน Pre-Production แล้ว ทดสอบครบ 12 กรณี ผ่าน 11 กรณี",
      fileKey: "demo-attempt-demo-1", fileName: "Minimum-Testcase-สถิติการส่งออก.xlsx", size: 20_480, summary: { passed: 11, failed: 1, total: 12 },
      status: "pending", createdAt: at(1),
    });
    await tx.insert(notifications).values({
      id: "note-demo-1",
      agencyId: DEMO_AGENCY_ID,
      eserviceId: "es-export-permit",
      text: "ขอใบอนุญาตส่งออกสินค้า: กรุณากรอกข้อมูลขั้นตอน \"ขอ Credential\"",
      createdAt: new Date(now.getTime() - day),
    });
  });
  // Other agencies' services, so the officers' overview and the typical times have histories to show.
  await seedOnboardingHistories(db, now);
}
