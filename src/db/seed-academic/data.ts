/**
 * @module
 * The academic tracker's fixed demo records: the seven universities and their
 * letter prefixes, mail domains and coordinators, fields, Thai names, the
 * documents an officer asks for, the seed manual's two requests, the demo
 * citizens' own requests and how many generated requests end in each status.
 * `generate.ts` turns them into rows.
 */
import { DEMO_CITIZENS } from "../demo-citizens";
import type { Position, RequestAction, RequestStatus } from "../../domain/academic";

/** Fixed, readable ids so other seed code can link the demo university user to `uni-chula`. */
export const DEMO_UNIVERSITIES: readonly { id: string; code: string; nameTh: string; nameEn: string }[] = [
  { id: "uni-chula", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" },
  { id: "uni-ku", code: "00200", nameTh: "มหาวิทยาลัยเกษตรศาสตร์", nameEn: "Kasetsart University" },
  { id: "uni-kku", code: "00300", nameTh: "มหาวิทยาลัยขอนแก่น", nameEn: "Khon Kaen University" },
  { id: "uni-cmu", code: "00400", nameTh: "มหาวิทยาลัยเชียงใหม่", nameEn: "Chiang Mai University" },
  { id: "uni-tu", code: "00500", nameTh: "มหาวิทยาลัยธรรมศาสตร์", nameEn: "Thammasat University" },
  { id: "uni-mahidol", code: "00600", nameTh: "มหาวิทยาลัยมหิดล", nameEn: "Mahidol University" },
  { id: "uni-psu", code: "00900", nameTh: "มหาวิทยาลัยสงขลานครินทร์", nameEn: "Prince of Songkla University" },
];

export interface Coordinator {
  name: string;
  phone: string;
  email: string;
}

export interface UniversityFlavour {
  /** Start of the university's letter numbers, e.g. "อว 64" → "อว 6412/3456". */
  letterPrefix: string;
  /** Demo mail domain; `.example.ac.th` so no real inbox ever receives demo mail. */
  mailDomain: string;
  /** Province codes (2nd-3rd digits of a national ID) most of its staff were registered in. */
  provinces: readonly string[];
  coordinators: readonly Coordinator[];
}

/**
 * The manual's two coordinators, exactly as printed. Their addresses look real
 * (gmail.com, gek.com), so they stay on the manual's two requests only: officer
 * actions on generated requests mail *.example.ac.th addresses.
 */
const JEN: Coordinator = { name: "เจน", phone: "087-1357910", email: "jennie_@gek.com" };
const TANNY: Coordinator = { name: "ตันนี่", phone: "02706725669", email: "namthip.p@gmail.com" };

export const UNIVERSITY_FLAVOUR: Record<string, UniversityFlavour> = {
  "uni-chula": {
    letterPrefix: "อว 64",
    mailDomain: "chula.example.ac.th",
    provinces: ["10", "11", "12"],
    coordinators: [
      { name: "เจน ประสานงาน", phone: "02-218-0125", email: "jen.p@chula.example.ac.th" },
      { name: "สุภาวดี แสงอรุณ", phone: "02-218-0127", email: "supawadee.s@chula.example.ac.th" },
    ],
  },
  "uni-ku": {
    letterPrefix: "อว 65",
    mailDomain: "ku.example.ac.th",
    provinces: ["10", "73"],
    coordinators: [
      { name: "นันทนา เกษมสุข", phone: "02-579-0113", email: "nantana.k@ku.example.ac.th" },
      { name: "ศักดิ์ชัย พูลผล", phone: "084-220-9361", email: "sakchai.p@ku.example.ac.th" },
    ],
  },
  "uni-kku": {
    letterPrefix: "อว 66",
    mailDomain: "kku.example.ac.th",
    provinces: ["40", "41", "46"],
    coordinators: [
      { name: "สมพร ภูมิภักดิ์", phone: "043-202-115", email: "somporn.p@kku.example.ac.th" },
      { name: "อรทัย ศรีสุราช", phone: "086-455-9012", email: "orathai.s@kku.example.ac.th" },
    ],
  },
  "uni-cmu": {
    letterPrefix: "อว 83",
    mailDomain: "cmu.example.ac.th",
    provinces: ["50", "51", "57"],
    coordinators: [
      { name: "อัมพร ใจคำ", phone: "053-941-310", email: "amporn.j@cmu.example.ac.th" },
      { name: "เกศินี ปัญญาวงศ์", phone: "081-765-2240", email: "ketsinee.p@cmu.example.ac.th" },
    ],
  },
  "uni-tu": {
    letterPrefix: "อว 67",
    mailDomain: "tu.example.ac.th",
    provinces: ["10", "13"],
    coordinators: [
      { name: "นามทิพย์ ประเสริฐวงศ์", phone: "02-564-4440", email: "namthip.p@tu.example.ac.th" },
      { name: "ปวีณา ทองคำ", phone: "02-564-4441", email: "paweena.t@tu.example.ac.th" },
    ],
  },
  "uni-mahidol": {
    letterPrefix: "อว 78",
    mailDomain: "mahidol.example.ac.th",
    provinces: ["10", "73"],
    coordinators: [
      { name: "วราภรณ์ ศรีวงศ์", phone: "02-849-6230", email: "waraporn.s@mahidol.example.ac.th" },
      { name: "กฤษดา บุญญา", phone: "089-412-7735", email: "kritsada.b@mahidol.example.ac.th" },
    ],
  },
  "uni-psu": {
    letterPrefix: "อว 68",
    mailDomain: "psu.example.ac.th",
    provinces: ["90", "94", "95"],
    coordinators: [
      { name: "ฮาลีมะ สาและ", phone: "074-282-053", email: "halima.s@psu.example.ac.th" },
      { name: "ธนพร แก้วประดิษฐ์", phone: "092-310-4478", email: "thanaporn.k@psu.example.ac.th" },
    ],
  },
};

export interface Field {
  th: string;
  en: string;
}

const NEUROSURGERY: Field = { th: "ประสาทศัลยศาสตร์", en: "Neurological Surgery" };
const NUCLEAR_TECHNOLOGY: Field = { th: "เทคโนโลยีนิวเคลียร์", en: "Nuclear Technology" };
const NURSING: Field = { th: "พยาบาลศาสตร์", en: "Nursing Science" };
const COMPUTER_ENGINEERING: Field = { th: "วิศวกรรมคอมพิวเตอร์", en: "Computer Engineering" };

export const FIELDS: readonly Field[] = [
  NEUROSURGERY,
  NUCLEAR_TECHNOLOGY,
  NURSING,
  COMPUTER_ENGINEERING,
  { th: "อายุรศาสตร์", en: "Internal Medicine" },
  { th: "กุมารเวชศาสตร์", en: "Pediatrics" },
  { th: "เภสัชศาสตร์", en: "Pharmacy" },
  { th: "ทันตแพทยศาสตร์", en: "Dentistry" },
  { th: "สาธารณสุขศาสตร์", en: "Public Health" },
  { th: "วิศวกรรมไฟฟ้า", en: "Electrical Engineering" },
  { th: "วิศวกรรมโยธา", en: "Civil Engineering" },
  { th: "วิทยาการคอมพิวเตอร์", en: "Computer Science" },
  { th: "เคมี", en: "Chemistry" },
  { th: "ฟิสิกส์", en: "Physics" },
  { th: "คณิตศาสตร์", en: "Mathematics" },
  { th: "เทคโนโลยีการอาหาร", en: "Food Technology" },
  { th: "พืชศาสตร์", en: "Plant Science" },
  { th: "สัตวแพทยศาสตร์", en: "Veterinary Science" },
  { th: "วิทยาศาสตร์ทางทะเล", en: "Marine Science" },
  { th: "เศรษฐศาสตร์", en: "Economics" },
  { th: "นิติศาสตร์", en: "Law" },
  { th: "รัฐศาสตร์", en: "Political Science" },
  { th: "บริหารธุรกิจ", en: "Business Administration" },
  { th: "การบัญชี", en: "Accounting" },
  { th: "ภาษาศาสตร์", en: "Linguistics" },
  { th: "ประวัติศาสตร์", en: "History" },
  { th: "จิตวิทยา", en: "Psychology" },
  { th: "สถาปัตยกรรม", en: "Architecture" },
];

/** Thai names with a romanisation for the demo e-mail addresses. */
export type Name = readonly [th: string, en: string];
export const MALE_NAMES: readonly Name[] = [
  ["สมชาย", "somchai"], ["ธนากร", "thanakorn"], ["ปกรณ์", "pakorn"], ["วรวุฒิ", "worawut"],
  ["ณัฐพล", "nattapon"], ["กิตติพงษ์", "kittipong"], ["อภิชาติ", "apichart"], ["ศุภชัย", "supachai"],
  ["พีรพล", "peerapon"], ["ชัยวัฒน์", "chaiwat"], ["ธีรวัฒน์", "teerawat"], ["สุรเชษฐ์", "surachet"],
  ["อนุชา", "anucha"], ["วีรยุทธ", "weerayut"], ["เอกชัย", "ekachai"], ["ธนวัฒน์", "thanawat"],
  ["จักรพันธ์", "jakkapan"], ["ประเสริฐ", "prasert"],
];
export const FEMALE_NAMES: readonly Name[] = [
  ["สุภาพร", "supaporn"], ["วรรณา", "wanna"], ["ปิยะนุช", "piyanuch"], ["กนกวรรณ", "kanokwan"],
  ["ณัฐธิดา", "nattida"], ["พรทิพย์", "porntip"], ["อรอุมา", "onuma"], ["ศิริพร", "siriporn"],
  ["จิราภรณ์", "jiraporn"], ["ชลธิชา", "chonticha"], ["นภัสสร", "napatsorn"], ["รัตนาภรณ์", "rattanaporn"],
  ["สุนิสา", "sunisa"], ["ธิดารัตน์", "thidarat"], ["พิมพ์ชนก", "pimchanok"], ["เบญจวรรณ", "benjawan"],
];
export const FAMILY_NAMES: readonly Name[] = [
  ["ศรีสุข", "srisuk"], ["วงศ์สวัสดิ์", "wongsawat"], ["ทองดี", "thongdee"], ["จันทร์เพ็ญ", "chanpen"],
  ["สุขประเสริฐ", "sukprasert"], ["แก้วมณี", "kaewmanee"], ["บุญมา", "boonma"], ["รัตนวงศ์", "rattanawong"],
  ["ชัยมงคล", "chaimongkol"], ["พงษ์พานิช", "pongpanich"], ["อินทรสุวรรณ", "intarasuwan"], ["เจริญผล", "charoenphon"],
  ["สิทธิโชค", "sittichok"], ["ไชยวงศ์", "chaiwong"], ["ศรีบุญเรือง", "sriboonruang"], ["ภักดีวงศ์", "pakdeewong"],
  ["นาคสวัสดิ์", "naksawat"], ["เพชรรัตน์", "petcharat"], ["ยอดดำเนิน", "yoddamnoen"], ["กิตติวัฒนา", "kittiwattana"],
  ["มณีรัตน์", "maneerat"], ["ปัญญาดี", "panyadee"],
];

/** What the officer asks for, and the file the university sends again. */
export const DOCUMENT_REQUESTS: readonly { note: string; fileName: string }[] = [
  { note: "หลักฐานการเผยแพร่ผลงานในวารสารที่อยู่ในฐานข้อมูล TCI กลุ่ม 1 หรือ Scopus", fileName: "หลักฐานการเผยแพร่ผลงาน.pdf" },
  { note: "แบบ ก.พ.อ. 03 ยังไม่มีลายมือชื่อผู้บังคับบัญชา", fileName: "แบบ ก.พ.อ. 03.pdf" },
  { note: "แบบแสดงหลักฐานการมีส่วนร่วมในผลงานลงนามไม่ครบทุกคน", fileName: "แบบแสดงหลักฐานการมีส่วนร่วมในผลงาน.pdf" },
  { note: "ผลงานทางวิชาการฉบับสมบูรณ์ไม่ครบตามที่ระบุในแบบคำขอ", fileName: "ผลงานทางวิชาการ.pdf" },
];
/** Uploaded with every submission that has document records. */
export const SUBMISSION_FILES: readonly string[] = [
  "แบบ ก.พ.อ. 03.pdf",
  "ผลงานทางวิชาการ.pdf",
  "หลักฐานการเผยแพร่ผลงาน.pdf",
  "แบบแสดงหลักฐานการมีส่วนร่วมในผลงาน.pdf",
];

export const OUTCOMES = {
  approved: "สภามหาวิทยาลัยอนุมัติแต่งตั้งแล้ว",
  notApproved: "ผลการพิจารณาผลงานไม่ผ่านเกณฑ์ แจ้งมหาวิทยาลัยแล้ว",
} as const;
type Outcome = keyof typeof OUTCOMES;

/** The seed manual's two requests (screens 6-8), both filed under DEMO_CITIZENS[0]. */
export const MANUAL_REQUESTS: readonly FixedStory[] = [
  {
    ticketNo: "2567-00100-0003",
    universityId: "uni-chula",
    applicant: { title: "นาย", firstName: "เอก", lastName: "พลพิจิตร", email: null },
    position: "assistant_professor",
    field: NEUROSURGERY,
    letterNo: "5874398/8752",
    coordinator: JEN,
    status: "doc_checked",
    receiptNo: "1548",
    // 22 ส.ค. 2567 เวลา 7:34 in Bangkok; the timeline (screen 8) is all on that day.
    steps: [
      { action: "submit", at: "2024-08-22T00:34:00Z" },
      { action: "receive", at: "2024-08-22T02:10:00Z" },
      { action: "start_doc_review", at: "2024-08-22T03:05:00Z" },
      { action: "finish_doc_review", at: "2024-08-22T08:40:00Z" },
    ],
  },
  {
    ticketNo: "2567-00500-0005",
    universityId: "uni-tu",
    applicant: { title: "นาย", firstName: "ทศวรรษ", lastName: "พลพิจิตร", email: DEMO_CITIZENS[0]!.email },
    position: "associate_professor",
    field: NUCLEAR_TECHNOLOGY,
    letterNo: "31657591",
    coordinator: TANNY,
    status: "submitted",
    // 26 ส.ค. 2567 เวลา 13:17 in Bangkok; still รอรับเรื่อง.
    steps: [{ action: "submit", at: "2024-08-26T06:17:00Z" }],
  },
];

/**
 * Earlier 2567 submissions of the two manual universities, so their numbering
 * is gapless: จุฬาฯ 0001-0002 before 0003, ธรรมศาสตร์ 0001-0004 before 0005.
 * All finished long ago, so the manual's request is first in the queue (screen 6: คิวที่ 1).
 */
export const MANUAL_YEAR_EARLIER_SUBMISSIONS: Record<string, readonly string[]> = {
  "uni-chula": ["2024-02-13T03:20:00Z", "2024-05-07T07:45:00Z"],
  "uni-tu": ["2024-01-24T02:40:00Z", "2024-03-19T06:05:00Z", "2024-05-28T04:30:00Z", "2024-07-16T08:10:00Z"],
};

/** Requests for the other demo citizens, timed so each person's story reads in order. */
export const CITIZEN_PLANS: readonly Plan[] = [
  // DEMO_CITIZENS[1]: a first ผศ. attempt that failed, a second that passed, now รศ. waiting on documents.
  {
    owner: 1, universityId: "uni-mahidol", status: "finished", position: "assistant_professor", field: NURSING,
    outcome: "notApproved", ageDays: [280, 300], maxSpanDays: 120,
  },
  {
    owner: 1, universityId: "uni-mahidol", status: "finished", position: "assistant_professor", field: NURSING,
    outcome: "approved", ageDays: [120, 140], maxSpanDays: 130,
  },
  {
    owner: 1, universityId: "uni-mahidol", status: "docs_requested", position: "associate_professor", field: NURSING,
    rounds: ["doc_review"], ageDays: [5, 20], maxSpanDays: 60,
  },
  // DEMO_CITIZENS[2]: sent documents once and is back in the queue.
  {
    owner: 2, universityId: "uni-kku", status: "doc_review", position: "assistant_professor", field: COMPUTER_ENGINEERING,
    rounds: ["received"], ageDays: [3, 15],
  },
];

const ASSISTANT: Position = "assistant_professor";
/**
 * Generated requests by final status. `rounds[i]` says where the i-th one of
 * that status was asked for more documents; `positions[i]` fixes its position.
 * 24 finished ผศ. here plus DEMO_CITIZENS[1]'s two give "similar requests took
 * X-Y days" more than its 20 samples.
 */
export const GENERATED_PLAN: readonly {
  status: RequestStatus;
  count: number;
  rounds?: readonly (readonly RequestStatus[])[];
  positions?: readonly (Position | null)[];
}[] = [
  { status: "draft", count: 3, positions: [null] },
  { status: "submitted", count: 4 },
  { status: "received", count: 3 },
  { status: "doc_review", count: 4, rounds: [["received"], ["doc_review"]] },
  { status: "doc_checked", count: 3, rounds: [["doc_checked"]] },
  { status: "docs_requested", count: 3, rounds: [["received"], ["doc_review"], ["doc_review", "doc_checked"]] },
  { status: "peer_review", count: 5, rounds: [["doc_review"]], positions: ["professor"] },
  { status: "committee", count: 3 },
  {
    status: "finished",
    // At least 20 of each position finish within any 12 months, so the public processing
    // times (issue 14) show a figure for every position and the overview's weeks fill in.
    count: 68,
    rounds: [["doc_review"], ["received"], ["doc_checked"], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], ["received"], [], [], [], [], ["doc_review"], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], ["doc_checked"]],
    positions: [
      ...Array<Position>(24).fill(ASSISTANT),
      ...Array<Position>(22).fill("associate_professor"),
      ...Array<Position>(22).fill("professor"),
    ],
  },
];

// ---------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------

export interface Applicant {
  title: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

export interface Plan {
  status: RequestStatus;
  position: Position | null;
  /** Index into DEMO_CITIZENS; otherwise a generated person. */
  owner?: number;
  universityId?: string;
  field?: Field;
  /** Statuses in which more documents were asked for, in order. */
  rounds?: readonly RequestStatus[];
  outcome?: Outcome;
  /** Days from the last event to `now`. */
  ageDays?: readonly [number, number];
  /** Upper bound on submission-to-last-event, so a person's requests do not overlap. */
  maxSpanDays?: number;
  /** A fixed submission time (the earlier 2567 requests). */
  submittedAt?: string;
}

interface FixedStory {
  ticketNo: string;
  universityId: string;
  applicant: Applicant;
  position: Position;
  field: Field;
  letterNo: string;
  coordinator: Coordinator;
  status: RequestStatus;
  receiptNo?: string;
  steps: readonly { action: "submit" | RequestAction; at: string }[];
}
