import { describe, expect, it } from "vitest";
import { validateForm } from "../forms";
import { PERSONAL_DATA_KEYS } from "./credentials";
import {
  administratorOf,
  AGENCY_TYPES,
  assigneeOf,
  AUTH_LETTER_REQUIRED,
  CONSENTS,
  freeMailWarnings,
  GROUP_FIELDS,
  IDENTITY_LEVELS_STEP4,
  isFreeMailDomain,
  JURISTIC_DATA,
  part1Form,
  part2Form,
  PART2_NOTES,
  part3Form,
  PART_FIELDS,
  PART_LABELS,
  PARTS,
  personFieldNames,
  prefillFromEarlierSteps,
  problemContactOf,
  TARGET_USERS,
  visibleFields,
} from "./platform-application";
import { isThaiProvince, THAI_PROVINCES } from "../thai-provinces";

/** Errors by path, or {} when the input is valid. */
function errorsOf(schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) {
  const r = validateForm(schema, input);
  return r.ok ? {} : r.errors;
}

/** The parsed output, failing the test with the messages when invalid. */
function dataOf<S extends Parameters<typeof validateForm>[0]>(schema: S, input: Record<string, unknown>) {
  const r = validateForm(schema, input);
  if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** Every issue zod raised (not one per path), to be sure nothing is reported twice. */
function issueCount(schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) {
  const r = schema.safeParse(input);
  return r.success ? 0 : r.error.issues.length;
}

const PID_A = "1-1017-00230-36-8"; // check digit 8: valid
const PID_B = "3100500123458";
const PID_C = "5109900012348";

// ---------------------------------------------------------------------------

describe("THAI_PROVINCES", () => {
  it("lists the 76 provinces and Bangkok, once each", () => {
    expect(THAI_PROVINCES).toHaveLength(77);
    expect(new Set(THAI_PROVINCES).size).toBe(77);
    for (const name of ["กรุงเทพมหานคร", "เชียงใหม่", "บึงกาฬ", "พระนครศรีอยุธยา", "นครศรีธรรมราช", "อุบลราชธานี"]) {
      expect(THAI_PROVINCES).toContain(name);
    }
    expect(THAI_PROVINCES).not.toContain("กรุงเทพฯ");
  });

  it("is in Thai dictionary order, leading vowels skipped", () => {
    expect([...THAI_PROVINCES].sort((a, b) => a.localeCompare(b, "th"))).toEqual([...THAI_PROVINCES]);
    expect(THAI_PROVINCES[0]).toBe("กระบี่");
    expect(THAI_PROVINCES.at(-1)).toBe("อุบลราชธานี");
    // เชียงราย sorts under ช, after ชุมพร and before ตรัง.
    const i = THAI_PROVINCES.indexOf("เชียงราย");
    expect(THAI_PROVINCES[i - 1]).toBe("ชุมพร");
    expect(THAI_PROVINCES[i + 1]).toBe("เชียงใหม่");
  });

  it("tells a province name from anything else", () => {
    expect(isThaiProvince("ภูเก็ต")).toBe(true);
    expect(isThaiProvince("ภูเก็ต ")).toBe(false);
    expect(isThaiProvince("Phuket")).toBe(false);
  });
});

// ---------------------------------------------------------------------------

const agency = {
  agencyNameTh: " กองทัพเรือ ",
  agencyNameEn: "Royal Thai Navy",
  agencyAbbrTh: "ทร.",
  agencyAbbrEn: "RTN",
  parentTh: "กระทรวงกลาโหม",
  parentEn: "Ministry of Defence",
  addrNo: "2",
  addrMoo: "",
  addrSoi: "",
  addrRoad: "อรุณอมรินทร์",
  subdistrict: "ศิริราช",
  district: "บางกอกน้อย",
  province: "กรุงเทพมหานคร",
  postcode: "10700",
  website: "",
  agencyType: "central",
};
const assignee = {
  assigneeName: "สมชาย ใจดี",
  assigneePid: PID_A,
  assigneeDivision: "กองเทคโนโลยีสารสนเทศ",
  assigneePosition: "นักวิชาการคอมพิวเตอร์",
  assigneeOfficePhone: "02-123-4567",
  assigneeMobile: "081-234-5678",
  assigneeEmail: "somchai@navy.mi.th",
};
const admin = {
  adminName: "สมหญิง รักงาน",
  adminPid: PID_B,
  adminDivision: "กองพัฒนาระบบ",
  adminPosition: "นักวิชาการคอมพิวเตอร์ชำนาญการ",
  adminOfficePhone: "02-765-4321",
  adminMobile: "091-111-2222",
  adminEmail: "somying@navy.mi.th",
};
const coord = {
  coordName: "สมศักดิ์ ประสานดี",
  coordPid: PID_C,
  coordDivision: "ศูนย์บริการประชาชน",
  coordPosition: "เจ้าพนักงานธุรการ",
  coordOfficePhone: "02-222-3333",
  coordMobile: "061-234-5678",
  coordEmail: "somsak@navy.mi.th",
};
const validPart1 = {
  ...agency,
  ...assignee,
  adminSame: "yes",
  hasAuthLetter: "yes",
  contactChannel: "callcenter",
  callcenterPhone: "1111",
  callcenterEmail: "callcenter@navy.mi.th",
};

const cleanAgency = {
  agencyNameTh: "กองทัพเรือ",
  agencyNameEn: "Royal Thai Navy",
  agencyAbbrTh: "ทร.",
  agencyAbbrEn: "RTN",
  parentTh: "กระทรวงกลาโหม",
  parentEn: "Ministry of Defence",
  addrNo: "2",
  addrMoo: null,
  addrSoi: null,
  addrRoad: "อรุณอมรินทร์",
  subdistrict: "ศิริราช",
  district: "บางกอกน้อย",
  province: "กรุงเทพมหานคร",
  postcode: "10700",
  website: null,
  agencyType: "central",
};
const cleanAssignee = {
  assigneeName: "สมชาย ใจดี",
  assigneePid: "1101700230368",
  assigneeDivision: "กองเทคโนโลยีสารสนเทศ",
  assigneePosition: "นักวิชาการคอมพิวเตอร์",
  assigneeOfficePhone: "021234567",
  assigneeMobile: "0812345678",
  assigneeEmail: "somchai@navy.mi.th",
};

describe("part 1: ข้อมูลผู้แจ้งความประสงค์", () => {
  it("accepts a complete submission and keeps only the branches chosen", () => {
    const data = dataOf(part1Form, {
      ...validPart1,
      // Left over from branches the agency switched away from: not kept.
      agencyTypeOther: "หน่วยงานพิเศษ",
      ...admin,
      coordinatorWho: "other",
      ...coord,
      unrelated: "x",
    });
    expect(data).toEqual({
      ...cleanAgency,
      ...cleanAssignee,
      adminSame: "yes",
      contactChannel: "callcenter",
      callcenterPhone: "1111",
      callcenterEmail: "callcenter@navy.mi.th",
    });
    expect(data).not.toHaveProperty("hasAuthLetter");
  });

  it("reports every missing answer of an empty form at once, on the field names", () => {
    expect(errorsOf(part1Form, {})).toEqual({
      agencyNameTh: "กรุณากรอกชื่อหน่วยงาน (ภาษาไทย)",
      agencyNameEn: "กรุณากรอกชื่อหน่วยงาน (ภาษาอังกฤษ)",
      agencyAbbrTh: "กรุณากรอกชื่อย่อหน่วยงาน (ภาษาไทย)",
      agencyAbbrEn: "กรุณากรอกชื่อย่อหน่วยงาน (ภาษาอังกฤษ)",
      parentTh: "กรุณากรอกสังกัด (ภาษาไทย)",
      parentEn: "กรุณากรอกสังกัด (ภาษาอังกฤษ)",
      addrNo: "กรุณากรอกเลขที่",
      subdistrict: "กรุณากรอกแขวง/ตำบล",
      district: "กรุณากรอกเขต/อำเภอ",
      province: "กรุณาเลือกจังหวัด",
      postcode: "กรุณากรอกรหัสไปรษณีย์",
      agencyType: "กรุณาเลือกรูปแบบหน่วยงาน",
      assigneeName: "กรุณากรอกชื่อ – นามสกุลของผู้ได้รับมอบหมาย",
      assigneePid: "กรุณากรอกเลขบัตรประชาชนของผู้ได้รับมอบหมาย",
      assigneeDivision: "กรุณากรอกสำนัก/กองของผู้ได้รับมอบหมาย",
      assigneePosition: "กรุณากรอกตำแหน่งของผู้ได้รับมอบหมาย",
      assigneeOfficePhone: "กรุณากรอกเบอร์โทรสำนักงานของผู้ได้รับมอบหมาย",
      assigneeMobile: "กรุณากรอกเบอร์โทรศัพท์มือถือของผู้ได้รับมอบหมาย",
      assigneeEmail: "กรุณากรอกอีเมลของผู้ได้รับมอบหมาย",
      authLetter: AUTH_LETTER_REQUIRED,
      adminSame: "กรุณาเลือกข้อมูลผู้ติดต่อประสานงาน (Administrator)",
      contactChannel: "กรุณาเลือกช่องทางการติดต่อประสานงานกรณีงานบริการมีปัญหา",
    });
  });

  it("gives five messages for five problems in different sub-forms, each once", () => {
    const input = {
      ...validPart1,
      agencyNameEn: "กองทัพเรือ", // Thai in the English name
      postcode: "1070", // four digits
      assigneePid: "1101700230369", // wrong check digit
      hasAuthLetter: "no",
      contactChannel: "coordinator", // …without saying who
    };
    expect(errorsOf(part1Form, input)).toEqual({
      agencyNameEn: "กรุณากรอกชื่อหน่วยงานเป็นภาษาอังกฤษ",
      postcode: "รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก",
      assigneePid: "เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องเป็นตัวเลข 13 หลักและเลขตรวจสอบถูกต้อง)",
      authLetter: AUTH_LETTER_REQUIRED,
      coordinatorWho: "กรุณาเลือกผู้ประสานงานกรณีงานบริการมีปัญหาการใช้งาน",
    });
    expect(issueCount(part1Form, input)).toBe(5);
  });

  describe("1.1 agency", () => {
    it("wants Thai script in the Thai names and none in the English ones", () => {
      expect(
        errorsOf(part1Form, {
          ...validPart1,
          agencyNameTh: "Royal Thai Navy",
          agencyAbbrTh: "RTN",
          parentTh: "MOD",
          agencyAbbrEn: "ทร.",
          parentEn: "Ministry กลาโหม",
        }),
      ).toEqual({
        agencyNameTh: "กรุณากรอกชื่อหน่วยงานเป็นภาษาไทย",
        agencyAbbrTh: "กรุณากรอกชื่อย่อหน่วยงานเป็นภาษาไทย",
        parentTh: "กรุณากรอกสังกัดเป็นภาษาไทย",
        agencyAbbrEn: "กรุณากรอกชื่อย่อหน่วยงานเป็นภาษาอังกฤษ",
        parentEn: "กรุณากรอกสังกัดเป็นภาษาอังกฤษ",
      });
    });

    it("treats blank-only text as missing", () => {
      expect(errorsOf(part1Form, { ...validPart1, agencyNameTh: "   ", addrNo: "\t" })).toEqual({
        agencyNameTh: "กรุณากรอกชื่อหน่วยงาน (ภาษาไทย)",
        addrNo: "กรุณากรอกเลขที่",
      });
    });

    it("caps lengths in characters as people count them", () => {
      expect(errorsOf(part1Form, { ...validPart1, agencyAbbrTh: "ที่".repeat(51) })).toEqual({
        agencyAbbrTh: "ชื่อย่อหน่วยงาน (ภาษาไทย)ต้องไม่เกิน 50 ตัวอักษร (ตอนนี้ 51)",
      });
      expect(errorsOf(part1Form, { ...validPart1, agencyAbbrTh: "ที่".repeat(50) })).toEqual({});
    });

    it("keeps the optional address parts, blank ones as null, and reads Thai digits", () => {
      const data = dataOf(part1Form, {
        ...validPart1,
        addrMoo: " ๕ ",
        addrSoi: "สุขุมวิท 5",
        addrRoad: "",
        postcode: "๑๐๗๐๐",
      });
      expect(data).toMatchObject({ addrMoo: "5", addrSoi: "สุขุมวิท 5", addrRoad: null, postcode: "10700" });
      const { addrMoo: _m, addrSoi: _s, addrRoad: _r, website: _w, ...rest } = validPart1;
      expect(dataOf(part1Form, rest)).toMatchObject({ addrMoo: null, addrSoi: null, addrRoad: null, website: null });
    });

    it("checks หมู่ and the postcode", () => {
      expect(errorsOf(part1Form, { ...validPart1, addrMoo: "หมู่ 5", postcode: "10700a" })).toEqual({
        addrMoo: "หมู่ต้องเป็นตัวเลข (เช่น 5)",
        postcode: "รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก",
      });
      expect(errorsOf(part1Form, { ...validPart1, postcode: "107000" })).toEqual({
        postcode: "รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก",
      });
    });

    it("takes the province from the list only, the capital's short forms read as its name", () => {
      expect(errorsOf(part1Form, { ...validPart1, province: "Bangkok" })).toEqual({ province: "กรุณาเลือกจังหวัด" });
      expect(dataOf(part1Form, { ...validPart1, province: " เชียงใหม่ " }).province).toBe("เชียงใหม่");
      expect(dataOf(part1Form, { ...validPart1, province: "กทม." }).province).toBe("กรุงเทพมหานคร");
      expect(dataOf(part1Form, { ...validPart1, province: "กรุงเทพฯ" }).province).toBe("กรุงเทพมหานคร");
    });

    it("accepts an http(s) website, adding https:// when the scheme is left out", () => {
      expect(dataOf(part1Form, { ...validPart1, website: "www.navy.mi.th" }).website).toBe("https://www.navy.mi.th");
      expect(dataOf(part1Form, { ...validPart1, website: "http://www.navy.mi.th/th/" }).website).toBe(
        "http://www.navy.mi.th/th/",
      );
      for (const website of ["ftp://navy.mi.th", "navy", "https://", "javascript:alert(1)", "https://a:b@navy.mi.th"]) {
        expect(errorsOf(part1Form, { ...validPart1, website })).toEqual({
          website: "เว็บไซต์หน่วยงานไม่ถูกต้อง (เช่น https://www.agency.go.th)",
        });
      }
    });

    it("offers the manual's six agency types and asks for a description with อื่นๆ", () => {
      expect(Object.values(AGENCY_TYPES)).toEqual([
        "ราชการส่วนกลาง",
        "ราชการส่วนภูมิภาค/ราชการส่วนท้องถิ่น",
        "รัฐสภา/ศาล/องค์กรอิสระ/องค์กรอิสระ-ตามรัฐธรรมนูญ",
        "รัฐวิสาหกิจ/องค์การมหาชน/สถาบันอุดมศึกษาของรัฐ",
        "หน่วยงานอิสระของรัฐ",
        "อื่นๆ โปรดระบุ",
      ]);
      for (const agencyType of Object.keys(AGENCY_TYPES).filter((k) => k !== "other")) {
        expect(dataOf(part1Form, { ...validPart1, agencyType }).agencyType).toBe(agencyType);
      }
      expect(errorsOf(part1Form, { ...validPart1, agencyType: "other" })).toEqual({
        agencyTypeOther: "กรุณาระบุรูปแบบหน่วยงาน",
      });
      expect(errorsOf(part1Form, { ...validPart1, agencyType: "other", agencyTypeOther: "  " })).toEqual({
        agencyTypeOther: "กรุณาระบุรูปแบบหน่วยงาน",
      });
      expect(dataOf(part1Form, { ...validPart1, agencyType: " other ", agencyTypeOther: " มูลนิธิ " })).toMatchObject({
        agencyType: "other",
        agencyTypeOther: "มูลนิธิ",
      });
      expect(errorsOf(part1Form, { ...validPart1, agencyType: "ministry" })).toEqual({
        agencyType: "กรุณาเลือกรูปแบบหน่วยงาน",
      });
    });
  });

  describe("1.2 assigned person", () => {
    it("checks the national ID, phones and e-mail with the shared rules", () => {
      expect(
        errorsOf(part1Form, {
          ...validPart1,
          assigneePid: "1234567890123",
          assigneeOfficePhone: "12345",
          assigneeMobile: "02-123-4567", // a landline is not a mobile
          assigneeEmail: "somchai@",
        }),
      ).toEqual({
        assigneePid: "เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องเป็นตัวเลข 13 หลักและเลขตรวจสอบถูกต้อง)",
        assigneeOfficePhone: "เบอร์โทรศัพท์ไม่ถูกต้อง (เช่น 081-234-5678 หรือ 02-123-4567)",
        assigneeMobile: "เบอร์โทรศัพท์มือถือไม่ถูกต้อง (เช่น 081-234-5678)",
        assigneeEmail: "รูปแบบอีเมลไม่ถูกต้อง (เช่น name@agency.go.th)",
      });
    });

    it("takes an office number with its extension", () => {
      expect(dataOf(part1Form, { ...validPart1, assigneeOfficePhone: "02-123-4567 ต่อ 7001" }).assigneeOfficePhone).toBe(
        "021234567ต่อ7001",
      );
    });

    it("asks for the signed letter through the hidden hasAuthLetter, with the message on authLetter", () => {
      for (const hasAuthLetter of [undefined, "", "no"]) {
        expect(errorsOf(part1Form, { ...validPart1, hasAuthLetter })).toEqual({ authLetter: AUTH_LETTER_REQUIRED });
      }
      expect(AUTH_LETTER_REQUIRED).toBe("กรุณาอัปโหลดหนังสือมอบหมาย (PDF) ที่ลงนามแล้ว");
    });
  });

  describe("Administrator", () => {
    it("is the assignee when adminSame is yes", () => {
      const data = dataOf(part1Form, validPart1);
      expect(administratorOf(data)).toEqual(assigneeOf(data));
      expect(administratorOf(data).email).toBe("somchai@navy.mi.th");
    });

    it("is a second person in full when adminSame is no", () => {
      expect(errorsOf(part1Form, { ...validPart1, adminSame: "no" })).toEqual({
        adminName: "กรุณากรอกชื่อ – นามสกุลของผู้ติดต่อประสานงาน (Administrator)",
        adminPid: "กรุณากรอกเลขบัตรประชาชนของผู้ติดต่อประสานงาน (Administrator)",
        adminDivision: "กรุณากรอกสำนัก/กองของผู้ติดต่อประสานงาน (Administrator)",
        adminPosition: "กรุณากรอกตำแหน่งของผู้ติดต่อประสานงาน (Administrator)",
        adminOfficePhone: "กรุณากรอกเบอร์โทรสำนักงานของผู้ติดต่อประสานงาน (Administrator)",
        adminMobile: "กรุณากรอกเบอร์โทรศัพท์มือถือของผู้ติดต่อประสานงาน (Administrator)",
        adminEmail: "กรุณากรอกอีเมลของผู้ติดต่อประสานงาน (Administrator)",
      });
      expect(errorsOf(part1Form, { ...validPart1, adminSame: "no", ...admin, adminPid: "3100500123459" })).toEqual({
        adminPid: "เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องเป็นตัวเลข 13 หลักและเลขตรวจสอบถูกต้อง)",
      });
      const data = dataOf(part1Form, { ...validPart1, adminSame: " no ", ...admin });
      expect(data).toMatchObject({ adminSame: "no", adminName: "สมหญิง รักงาน", adminPid: "3100500123458" });
      expect(administratorOf(data)).toEqual({
        name: "สมหญิง รักงาน",
        pid: "3100500123458",
        division: "กองพัฒนาระบบ",
        position: "นักวิชาการคอมพิวเตอร์ชำนาญการ",
        officePhone: "027654321",
        mobile: "0911112222",
        email: "somying@navy.mi.th",
      });
    });

    it("must be chosen", () => {
      expect(errorsOf(part1Form, { ...validPart1, adminSame: "maybe" })).toEqual({
        adminSame: "กรุณาเลือกข้อมูลผู้ติดต่อประสานงาน (Administrator)",
      });
    });
  });

  describe("problem-contact channel", () => {
    it("with a Contact Center wants its phone (a hotline is fine) and e-mail", () => {
      expect(
        errorsOf(part1Form, { ...validPart1, callcenterPhone: undefined, callcenterEmail: "" }),
      ).toEqual({
        callcenterPhone: "กรุณากรอกเบอร์โทรของ Contact Center / Call Center",
        callcenterEmail: "กรุณากรอกอีเมลของ Contact Center / Call Center",
      });
      expect(errorsOf(part1Form, { ...validPart1, callcenterPhone: "12", callcenterEmail: "cc" })).toEqual({
        callcenterPhone: "เบอร์โทรศัพท์ไม่ถูกต้อง (เช่น 1111, 02-123-4567 หรือ 081-234-5678)",
        callcenterEmail: "รูปแบบอีเมลไม่ถูกต้อง (เช่น name@agency.go.th)",
      });
      expect(dataOf(part1Form, { ...validPart1, callcenterPhone: "1 548" })).toMatchObject({ callcenterPhone: "1548" });
      expect(dataOf(part1Form, { ...validPart1, callcenterPhone: "02-123-4567" })).toMatchObject({
        callcenterPhone: "021234567",
      });
      const data = dataOf(part1Form, validPart1);
      expect(problemContactOf(data)).toEqual({ kind: "callcenter", phone: "1111", email: "callcenter@navy.mi.th" });
    });

    it("without one names the coordinator: the assignee, the Administrator or someone else in full", () => {
      const base = { ...validPart1, contactChannel: "coordinator", callcenterPhone: "1111", callcenterEmail: "x" };
      expect(errorsOf(part1Form, base)).toEqual({
        coordinatorWho: "กรุณาเลือกผู้ประสานงานกรณีงานบริการมีปัญหาการใช้งาน",
      });

      const toAssignee = dataOf(part1Form, { ...base, coordinatorWho: "assignee", ...coord });
      expect(toAssignee).toMatchObject({ contactChannel: "coordinator", coordinatorWho: "assignee" });
      for (const dropped of ["callcenterPhone", "callcenterEmail", ...personFieldNames("coord")]) {
        expect(toAssignee).not.toHaveProperty(dropped);
      }
      expect(problemContactOf(toAssignee)).toEqual({ kind: "person", person: assigneeOf(toAssignee) });

      const toAdmin = dataOf(part1Form, { ...base, adminSame: "no", ...admin, coordinatorWho: "admin" });
      expect(problemContactOf(toAdmin)).toEqual({ kind: "person", person: administratorOf(toAdmin) });
      expect(administratorOf(toAdmin).name).toBe("สมหญิง รักงาน");

      expect(errorsOf(part1Form, { ...base, coordinatorWho: "other" })).toEqual({
        coordName: "กรุณากรอกชื่อ – นามสกุลของผู้ประสานงานกรณีงานบริการมีปัญหา",
        coordPid: "กรุณากรอกเลขบัตรประชาชนของผู้ประสานงานกรณีงานบริการมีปัญหา",
        coordDivision: "กรุณากรอกสำนัก/กองของผู้ประสานงานกรณีงานบริการมีปัญหา",
        coordPosition: "กรุณากรอกตำแหน่งของผู้ประสานงานกรณีงานบริการมีปัญหา",
        coordOfficePhone: "กรุณากรอกเบอร์โทรสำนักงานของผู้ประสานงานกรณีงานบริการมีปัญหา",
        coordMobile: "กรุณากรอกเบอร์โทรศัพท์มือถือของผู้ประสานงานกรณีงานบริการมีปัญหา",
        coordEmail: "กรุณากรอกอีเมลของผู้ประสานงานกรณีงานบริการมีปัญหา",
      });
      const toOther = dataOf(part1Form, { ...base, coordinatorWho: "other", ...coord });
      expect(toOther).toMatchObject({ coordinatorWho: "other", coordName: "สมศักดิ์ ประสานดี", coordPid: PID_C });
      expect(problemContactOf(toOther)).toEqual({
        kind: "person",
        person: {
          name: "สมศักดิ์ ประสานดี",
          pid: PID_C,
          division: "ศูนย์บริการประชาชน",
          position: "เจ้าพนักงานธุรการ",
          officePhone: "022223333",
          mobile: "0612345678",
          email: "somsak@navy.mi.th",
        },
      });
    });

    it("rejects an unknown channel or coordinator", () => {
      expect(errorsOf(part1Form, { ...validPart1, contactChannel: "line" })).toEqual({
        contactChannel: "กรุณาเลือกช่องทางการติดต่อประสานงานกรณีงานบริการมีปัญหา",
      });
      expect(errorsOf(part1Form, { ...validPart1, contactChannel: "coordinator", coordinatorWho: "boss" })).toEqual({
        coordinatorWho: "กรุณาเลือกผู้ประสานงานกรณีงานบริการมีปัญหาการใช้งาน",
      });
    });
  });
});

describe("free e-mail warnings", () => {
  it("knows the public webmail domains, whatever the case", () => {
    for (const a of ["a@gmail.com", "A@GMAIL.COM", "x@hotmail.co.th", "y@outlook.com", "z@yahoo.co.th", "me@icloud.com"]) {
      expect(isFreeMailDomain(a)).toBe(true);
    }
    expect(isFreeMailDomain("proton.me")).toBe(true);
    for (const a of ["somchai@navy.mi.th", "it@dga.or.th", "a@company.co.th", "a@gmail.com.evil.th", "a@mygmail.com"]) {
      expect(isFreeMailDomain(a)).toBe(false);
    }
  });

  it("warns, without blocking, on each shown e-mail field on a free domain", () => {
    const values = {
      ...validPart1,
      assigneeEmail: "somchai@Gmail.com",
      callcenterEmail: "callcenter@hotmail.co.th",
      adminEmail: "hidden@gmail.com", // adminSame = yes: not shown, no warning
    };
    expect(freeMailWarnings(values)).toEqual({
      assigneeEmail:
        "แนะนำให้ใช้อีเมลของหน่วยงาน (เช่น .go.th, .or.th, .co.th) แทนอีเมลทั่วไปอย่าง gmail.com ตามที่ สพร. ไม่แนะนำให้ใช้ Free Email",
      callcenterEmail:
        "แนะนำให้ใช้อีเมลของหน่วยงาน (เช่น .go.th, .or.th, .co.th) แทนอีเมลทั่วไปอย่าง hotmail.co.th ตามที่ สพร. ไม่แนะนำให้ใช้ Free Email",
    });
    expect(validateForm(part1Form, values).ok).toBe(true);
  });

  it("covers the Administrator and the coordinator when they are shown", () => {
    const values = {
      ...validPart1,
      adminSame: "no",
      ...admin,
      adminEmail: "admin@outlook.com",
      contactChannel: "coordinator",
      coordinatorWho: "other",
      ...coord,
      coordEmail: "coord@yahoo.com",
      callcenterEmail: "cc@gmail.com", // hidden now
    };
    const warnings = freeMailWarnings(values);
    expect(Object.keys(warnings)).toEqual(["adminEmail", "coordEmail"]);
    expect(warnings.adminEmail).toMatch(/^แนะนำให้ใช้อีเมลของหน่วยงาน/);
    expect(freeMailWarnings(validPart1)).toEqual({});
    expect(freeMailWarnings({ assigneeEmail: "gmail.com" })).toEqual({}); // not an address yet
  });
});

// ---------------------------------------------------------------------------

const validPart2 = {
  targetUsers: "citizen",
  launchDate: "2026-09-01",
  serviceName: " ขอรับเงินสงเคราะห์ ",
  description: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
  accessUrl: "https://service.navy.mi.th/welfare",
  accessDetails: "",
  wantsPersonalData: "no",
  identityLevel: "none",
  canDownload: "no",
  wantsNotification: "yes",
  smartTracking: "no",
  profileAccess: "mtoken",
  landingUrl: "https://service.navy.mi.th/mtoken",
};
const oidc = {
  profileAccess: "oidc",
  domain: "service.navy.mi.th",
  landingUrl: "https://service.navy.mi.th/",
  loginCallbacks: ["https://service.navy.mi.th/callback"],
  logoutCallbacks: "https://service.navy.mi.th/logout",
};

describe("part 2: รายละเอียดของบริการ", () => {
  it("accepts a complete submission and drops what the answers do not ask for", () => {
    const data = dataOf(part2Form, {
      ...validPart2,
      personalData: ["pid"], // wantsPersonalData = no
      juristicData: ["juristic_id"], // targetUsers = citizen
      domain: "service.navy.mi.th", // mToken
      loginCallbacks: "https://service.navy.mi.th/callback",
    });
    expect(data).toEqual({
      targetUsers: "citizen",
      launchDate: "2026-09-01",
      serviceName: "ขอรับเงินสงเคราะห์",
      description: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
      accessUrl: "https://service.navy.mi.th/welfare",
      accessDetails: null,
      wantsPersonalData: "no",
      identityLevel: "none",
      deviceAccess: [],
      canDownload: "no",
      wantsNotification: "yes",
      smartTracking: "no",
      profileAccess: "mtoken",
      landingUrl: "https://service.navy.mi.th/mtoken",
    });
  });

  it("reports every missing answer of an empty form at once", () => {
    expect(errorsOf(part2Form, {})).toEqual({
      launchDate: "กรุณาเลือกวันที่ต้องการเปิดให้บริการจริง (ประมาณการ)",
      serviceName: "กรุณากรอกชื่อบริการ",
      description: "กรุณากรอกรายละเอียดของบริการ",
      accessUrl: "กรุณากรอก URL ในการเข้าถึงงานบริการ",
      identityLevel: "กรุณาเลือกระดับการยืนยันตัวตนของผู้ใช้บริการ",
      canDownload: "กรุณาเลือกว่างานบริการมีฟีเจอร์ดาวน์โหลดหรือบันทึกเอกสาร รูปภาพลงเครื่องหรือไม่",
      wantsNotification: "กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่",
      smartTracking: "กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์ Smart Tracking หรือไม่",
      targetUsers: "กรุณาเลือกกลุ่มเป้าหมายผู้ใช้บริการ",
      wantsPersonalData: "กรุณาเลือกว่างานบริการต้องการเข้าถึงข้อมูลส่วนบุคคลหรือไม่",
      profileAccess: "กรุณาเลือกรูปแบบการเชื่อมโยงบริการ (Profile access)",
    });
  });

  it("asks for juristic data only when juristic persons are among the users", () => {
    expect(Object.values(TARGET_USERS)).toEqual(["บุคคลธรรมดา", "นิติบุคคล", "บุคคลธรรมดาและนิติบุคคล"]);
    expect(JURISTIC_DATA).toEqual({ juristic_id: "เลขนิติบุคคล", juristic_name: "ชื่อนิติบุคคล" });
    for (const targetUsers of ["juristic", "both"]) {
      expect(errorsOf(part2Form, { ...validPart2, targetUsers })).toEqual({
        juristicData: "กรุณาเลือกข้อมูลนิติบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
      });
      expect(errorsOf(part2Form, { ...validPart2, targetUsers, juristicData: [""] })).toEqual({
        juristicData: "กรุณาเลือกข้อมูลนิติบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
      });
    }
    expect(errorsOf(part2Form, { ...validPart2, targetUsers: "both", juristicData: ["juristic_tax"] })).toEqual({
      "juristicData.0": "ข้อมูลนิติบุคคลที่เลือกไม่ถูกต้อง",
    });
    const data = dataOf(part2Form, { ...validPart2, targetUsers: "both", juristicData: ["juristic_name", "juristic_id"] });
    expect(data).toMatchObject({ targetUsers: "both", juristicData: ["juristic_id", "juristic_name"] });
    expect(dataOf(part2Form, { ...validPart2, targetUsers: "juristic", juristicData: "juristic_id" })).toMatchObject({
      juristicData: ["juristic_id"],
    });
    expect(errorsOf(part2Form, { ...validPart2, targetUsers: "foreigner" })).toEqual({
      targetUsers: "กรุณาเลือกกลุ่มเป้าหมายผู้ใช้บริการ",
    });
  });

  it("asks for at least one personal data field when personal data is wanted", () => {
    expect(errorsOf(part2Form, { ...validPart2, wantsPersonalData: "yes" })).toEqual({
      personalData: "กรุณาเลือกข้อมูลส่วนบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
    });
    expect(errorsOf(part2Form, { ...validPart2, wantsPersonalData: "yes", personalData: ["pid", "blood_type"] })).toEqual({
      "personalData.1": "ข้อมูลส่วนบุคคลที่เลือกไม่ถูกต้อง",
    });
    const data = dataOf(part2Form, { ...validPart2, wantsPersonalData: "yes", personalData: ["email", "pid", "pid"] });
    expect(data).toMatchObject({ wantsPersonalData: "yes", personalData: ["pid", "email"] });
  });

  it("offers three identity levels, including none", () => {
    expect(Object.keys(IDENTITY_LEVELS_STEP4)).toEqual(["none", "id_card", "id_card_face"]);
    for (const identityLevel of ["none", "id_card", "id_card_face"]) {
      expect(dataOf(part2Form, { ...validPart2, identityLevel }).identityLevel).toBe(identityLevel);
    }
    expect(errorsOf(part2Form, { ...validPart2, identityLevel: "face" })).toEqual({
      identityLevel: "กรุณาเลือกระดับการยืนยันตัวตนของผู้ใช้บริการ",
    });
  });

  it("takes device access from step 1's keys, saving files being its own question here", () => {
    expect(dataOf(part2Form, { ...validPart2, deviceAccess: ["microphone", "gps"] }).deviceAccess).toEqual([
      "gps",
      "microphone",
    ]);
    expect(errorsOf(part2Form, { ...validPart2, deviceAccess: ["gps", "save_files"] })).toEqual({
      "deviceAccess.1": "อุปกรณ์ที่เลือกไม่ถูกต้อง",
    });
  });

  it("asks the three yes/no feature questions and gives the manual's notes for them", () => {
    expect(
      errorsOf(part2Form, { ...validPart2, canDownload: "", wantsNotification: "true", smartTracking: undefined }),
    ).toEqual({
      canDownload: "กรุณาเลือกว่างานบริการมีฟีเจอร์ดาวน์โหลดหรือบันทึกเอกสาร รูปภาพลงเครื่องหรือไม่",
      wantsNotification: "กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่",
      smartTracking: "กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์ Smart Tracking หรือไม่",
    });
    expect(PART2_NOTES.canDownload).toContain("หน่วยงานจำเป็นต้องแก้ไข Code เพื่อบันทึกข้อมูลลงเครื่อง");
    expect(PART2_NOTES.wantsNotification).toContain("Push Notification");
    expect(PART2_NOTES.wantsNotification).toContain("Personal Inbox");
  });

  it("checks the launch date and the https access URL", () => {
    expect(errorsOf(part2Form, { ...validPart2, launchDate: "2026-02-30", accessUrl: "http://service.navy.mi.th" })).toEqual({
      launchDate: "วันที่ต้องการเปิดให้บริการจริงไม่ใช่วันที่ที่ถูกต้อง",
      accessUrl: "http://service.navy.mi.th ต้องขึ้นต้นด้วย https://",
    });
    expect(errorsOf(part2Form, { ...validPart2, accessUrl: "ทางรัฐ" })).toEqual({
      accessUrl: "ทางรัฐ ไม่ใช่ URL ที่ถูกต้อง (เช่น https://service.go.th/)",
    });
    expect(dataOf(part2Form, { ...validPart2, accessDetails: " ผ่านแอปทางรัฐ และเคาน์เตอร์ ทร. " }).accessDetails).toBe(
      "ผ่านแอปทางรัฐ และเคาน์เตอร์ ทร.",
    );
  });

  it("uses step 2's profile access: mToken needs a landing page, OIDC the domain and callbacks", () => {
    expect(errorsOf(part2Form, { ...validPart2, landingUrl: "" })).toEqual({
      landingUrl: "กรุณากรอกLanding Page URL",
    });
    expect(errorsOf(part2Form, { ...validPart2, profileAccess: "oidc" })).toEqual({
      domain: "กรุณากรอกDomain",
      loginCallbacks: "กรุณาเพิ่ม Callback URL อย่างน้อย 1 รายการ",
      logoutCallbacks: "กรุณาเพิ่ม Logout Callback URL อย่างน้อย 1 รายการ",
    });
    const data = dataOf(part2Form, { ...validPart2, ...oidc });
    expect(data).toMatchObject({
      profileAccess: "oidc",
      domain: "service.navy.mi.th",
      landingUrl: "https://service.navy.mi.th/",
      loginCallbacks: ["https://service.navy.mi.th/callback"],
      logoutCallbacks: ["https://service.navy.mi.th/logout"],
    });
  });

  it("reports the part's own problems and the OIDC domain rule together", () => {
    const input = {
      ...validPart2,
      ...oidc,
      serviceName: "",
      targetUsers: "both",
      loginCallbacks: ["https://service.navy.mi.th/callback", "https://evil.example.com/callback"],
    };
    expect(errorsOf(part2Form, input)).toEqual({
      serviceName: "กรุณากรอกชื่อบริการ",
      juristicData: "กรุณาเลือกข้อมูลนิติบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
      "loginCallbacks.1": "https://evil.example.com/callback ไม่อยู่ในโดเมน service.navy.mi.th",
    });
    expect(issueCount(part2Form, input)).toBe(3);
  });
});

// ---------------------------------------------------------------------------

describe("part 3: คำรับรองและคำยินยอม", () => {
  const allAgreed = Object.fromEntries(CONSENTS.map((c) => [c.key, "agree"]));

  it("carries the manual's three statements word for word", () => {
    expect(CONSENTS.map((c) => c.key)).toEqual(["consentDataAccess", "consentAccuracy", "consentTerms"]);
    expect(CONSENTS[0].th).toMatch(/^ข้าพเจ้ายินยอมให้สำนักงาน.*เข้าถึงข้อมูล เอกสาร และหลักฐานต่าง ๆ ที่ข้าพเจ้าได้ให้ไว้/);
    expect(CONSENTS[1].th).toMatch(/^ข้าพเจ้าขอรับรองว่าข้อมูล ตลอดจนเอกสารและหลักฐานต่าง ๆ มีความถูกต้อง ครบถ้วน/);
    expect(CONSENTS[1].th).toMatch(/ภายในระยะเวลาที่ สพร\. กำหนด$/);
    expect(CONSENTS[2].th).toBe(
      'ข้าพเจ้าได้อ่านและตกลงที่จะปฏิบัติตามข้อกำหนดและเงื่อนไข และประกาศความเป็นส่วนตัว (Privacy Notice) เกี่ยวกับการนำบริการภาครัฐมาให้บริการบนแพลตฟอร์มดิจิทัลกลาง "ทางรัฐ" ตลอดจนข้อกำหนดอื่นใดที่เกี่ยวข้อง',
    );
  });

  it("needs each statement accepted, each message on its own checkbox", () => {
    expect(errorsOf(part3Form, {})).toEqual({
      consentDataAccess: "กรุณากด ตกลง เพื่อยอมรับการให้ สพร. เข้าถึงข้อมูล เอกสาร และหลักฐานต่าง ๆ",
      consentAccuracy: "กรุณากด ตกลง เพื่อยอมรับคำรับรองความถูกต้องของข้อมูล เอกสาร และหลักฐาน",
      consentTerms: "กรุณากด ตกลง เพื่อยอมรับข้อกำหนดและเงื่อนไข และประกาศความเป็นส่วนตัว (Privacy Notice)",
    });
    expect(errorsOf(part3Form, { ...allAgreed, consentAccuracy: "yes" })).toEqual({
      consentAccuracy: "กรุณากด ตกลง เพื่อยอมรับคำรับรองความถูกต้องของข้อมูล เอกสาร และหลักฐาน",
    });
    for (const c of CONSENTS) expect(c.message).toMatch(/^กรุณากด ตกลง เพื่อยอมรับ/);
  });

  it("accepts all three", () => {
    expect(dataOf(part3Form, { ...allAgreed, consentTerms: " agree " })).toEqual({
      consentDataAccess: true,
      consentAccuracy: true,
      consentTerms: true,
    });
  });
});

// ---------------------------------------------------------------------------

describe("labels, fields and parts", () => {
  it("names the three parts as the manual does", () => {
    expect(PARTS.map((p) => [p.no, p.th])).toEqual([
      [1, "ข้อมูลผู้แจ้งความประสงค์"],
      [2, "รายละเอียดของบริการ"],
      [3, "คำรับรองและคำยินยอม"],
    ]);
    expect(PARTS[0].form).toBe(part1Form);
  });

  it("has a Thai label for every error path and every posted field", () => {
    const paths = new Set<string>();
    const collect = (schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) => {
      for (const k of Object.keys(errorsOf(schema, input))) paths.add(k.split(".")[0]!);
    };
    collect(part1Form, {});
    collect(part1Form, { adminSame: "no", agencyType: "other", contactChannel: "coordinator", coordinatorWho: "other" });
    collect(part1Form, { contactChannel: "callcenter" });
    collect(part2Form, {});
    collect(part2Form, { targetUsers: "both", wantsPersonalData: "yes", profileAccess: "oidc" });
    collect(part3Form, {});
    for (const p of paths) expect(PART_LABELS, p).toHaveProperty(p);
    for (const no of [1, 2, 3] as const) {
      for (const f of PART_FIELDS[no]) if (f !== "hasAuthLetter") expect(PART_LABELS, f).toHaveProperty(f);
    }
    expect(PART_LABELS.assigneeEmail).toBe("อีเมล (ที่ออกโดยหน่วยงานของท่าน) (ผู้ได้รับมอบหมาย)");
    expect(PART_FIELDS[1]).toContain("hasAuthLetter");
    expect(PART_FIELDS[1]).not.toContain("authLetter");
  });
});

describe("visibleFields", () => {
  const none = {
    agencyTypeOther: false,
    adminPerson: false,
    callcenter: false,
    coordinator: false,
    coordinatorPerson: false,
    personalData: false,
    juristicData: false,
    landingUrl: false,
    oidc: false,
  };

  it("shows nothing conditional before anything is chosen", () => {
    expect(visibleFields(1, {})).toEqual(none);
    expect(visibleFields(2, {})).toEqual(none);
    expect(visibleFields(3, { ...validPart1, ...validPart2 })).toEqual(none);
  });

  it("follows part 1's branches as the schema does", () => {
    expect(visibleFields(1, validPart1)).toEqual({ ...none, callcenter: true });
    expect(
      visibleFields(1, { agencyType: "other", adminSame: "no", contactChannel: "coordinator", coordinatorWho: "other" }),
    ).toEqual({ ...none, agencyTypeOther: true, adminPerson: true, coordinator: true, coordinatorPerson: true });
    // coordinatorWho only counts under the coordinator channel.
    expect(visibleFields(1, { contactChannel: "callcenter", coordinatorWho: "other" })).toEqual({ ...none, callcenter: true });
    // Part 2's answers do not open part 1's groups.
    expect(visibleFields(1, { wantsPersonalData: "yes", profileAccess: "oidc" })).toEqual(none);
  });

  it("follows part 2's branches as the schema does", () => {
    expect(visibleFields(2, validPart2)).toEqual({ ...none, landingUrl: true });
    expect(visibleFields(2, { targetUsers: "both", wantsPersonalData: " yes ", profileAccess: "oidc" })).toEqual({
      ...none,
      juristicData: true,
      personalData: true,
      landingUrl: true,
      oidc: true,
    });
    expect(visibleFields(2, { targetUsers: "juristic" }).juristicData).toBe(true);
    expect(visibleFields(2, { targetUsers: "citizen" }).juristicData).toBe(false);
  });

  it("names the fields inside each group", () => {
    expect(GROUP_FIELDS.adminPerson).toEqual([
      "adminName",
      "adminPid",
      "adminDivision",
      "adminPosition",
      "adminOfficePhone",
      "adminMobile",
      "adminEmail",
    ]);
    expect(GROUP_FIELDS.oidc).toEqual(["domain", "loginCallbacks", "logoutCallbacks"]);
  });
});

describe("prefillFromEarlierSteps", () => {
  const step1 = {
    category: "สวัสดิการและความช่วยเหลือ",
    shortDescription: "ขอรับเงินสงเคราะห์",
    fullDescription: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
    hasIcon: "yes",
    launchDate: "2026-09-01",
    wantsPersonalData: "yes",
    personalData: ["email", "pid", "unknown"],
    identityLevel: "id_card_face",
    wantsNotification: "yes",
    deviceAccess: ["camera", "save_files"],
    tasks: ["ขอรับเงินสงเคราะห์"],
  };
  const step2 = {
    profileAccess: "oidc",
    domain: "service.navy.mi.th",
    landingUrl: "https://service.navy.mi.th/",
    loginCallbacks: "https://service.navy.mi.th/callback\r\nhttps://service.navy.mi.th/callback2\n",
    logoutCallbacks: ["https://service.navy.mi.th/logout", ""],
  };

  it("maps the overlapping answers onto part 2's field names", () => {
    expect(prefillFromEarlierSteps(step1, step2, " ทดสอบงานบริการกองทัพเรือ ")).toEqual({
      launchDate: "2026-09-01",
      serviceName: "ทดสอบงานบริการกองทัพเรือ",
      description: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
      wantsPersonalData: "yes",
      personalData: ["pid", "email"],
      identityLevel: "id_card_face",
      deviceAccess: ["camera"],
      canDownload: "yes",
      wantsNotification: "yes",
      profileAccess: "oidc",
      landingUrl: "https://service.navy.mi.th/",
      domain: "service.navy.mi.th",
      loginCallbacks: ["https://service.navy.mi.th/callback", "https://service.navy.mi.th/callback2"],
      logoutCallbacks: ["https://service.navy.mi.th/logout"],
    });
  });

  it("leaves out what is unknown, invalid or belongs to a branch not taken", () => {
    expect(prefillFromEarlierSteps(null, undefined)).toEqual({});
    expect(
      prefillFromEarlierSteps(
        { wantsPersonalData: "no", personalData: ["pid"], identityLevel: "none", launchDate: "01/09/2569", deviceAccess: "gps" },
        { profileAccess: "mtoken", landingUrl: "https://a.go.th/", domain: "a.go.th", loginCallbacks: ["https://a.go.th/cb"] },
        "",
      ),
    ).toEqual({
      wantsPersonalData: "no",
      deviceAccess: ["gps"],
      profileAccess: "mtoken",
      landingUrl: "https://a.go.th/",
    });
  });

  it("gives answers part 2 accepts once the rest is filled in", () => {
    const prefill = prefillFromEarlierSteps(step1, step2, "ทดสอบงานบริการกองทัพเรือ");
    const data = dataOf(part2Form, {
      ...prefill,
      targetUsers: "citizen",
      accessUrl: "https://service.navy.mi.th/",
      smartTracking: "no",
    });
    expect(data).toMatchObject({ personalData: ["pid", "email"], identityLevel: "id_card_face", canDownload: "yes" });
    expect(PERSONAL_DATA_KEYS).toContain("pid");
  });
});
