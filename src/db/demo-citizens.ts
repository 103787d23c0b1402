/**
 * @module
 * Demo citizens: the people the ThaiD simulator can sign in as, and whose
 * national IDs the demo requests are filed under. Fictional; the IDs only pass
 * the check digit.
 */
export interface DemoCitizen {
  pid: string;
  title: string;
  givenName: string;
  familyName: string;
  nameEn: string;
  birthdate: string;
  email: string | null;
}

export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  {
    pid: "1101700230368",
    title: "นาย",
    givenName: "ทศวรรษ",
    familyName: "พลพิจิตร",
    nameEn: "Thotsawat Phonphichit",
    birthdate: "1984-03-12",
    email: "thotsawat.p@example.ac.th",
  },
  {
    pid: "3100600456785",
    title: "นางสาว",
    givenName: "กมลชนก",
    familyName: "ศรีสวัสดิ์",
    nameEn: "Kamonchanok Srisawat",
    birthdate: "1979-11-02",
    email: "kamonchanok.s@example.ac.th",
  },
  {
    pid: "1409900123454",
    title: "นาย",
    givenName: "ภาณุพงศ์",
    familyName: "วงศ์ไทย",
    nameEn: "Phanuphong Wongthai",
    birthdate: "1988-07-21",
    email: null,
  },
];
