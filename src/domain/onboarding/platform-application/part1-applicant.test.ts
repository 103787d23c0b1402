/**
 * @module
 * Part 1 of step 4 (ข้อมูลผู้แจ้งความประสงค์), and the province list its
 * address reads.
 */
import { describe, expect, it } from "vitest";
import { isThaiProvince, THAI_PROVINCES } from "../../thai-provinces";
import { administratorOf, AGENCY_TYPES, assigneeOf, AUTH_LETTER_REQUIRED, part1Form, personFieldNames, problemContactOf } from "./part1-applicant";
import { admin, coord, dataOf, errorsOf, issueCount, PID_C, validPart1 } from "./test-fixtures";

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
