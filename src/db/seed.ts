/**
 * @module
 * Demo data for a fresh database, written once when there are no users yet.
 * Never run in production (the Node host skips it there).
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { users } from "./schema";
import type { Role } from "../domain/roles";
import type { PasswordKdf } from "../platform/ports";
import { newId } from "../services/crypto";
import { hashPassword } from "../services/password";
import { pidKeys } from "../services/pid-crypto";
import { seedAcademicDemo } from "./seed-academic";
import { DEMO_AGENCY_ID, seedOnboardingDemo } from "./seed-onboarding";

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  /** The university or agency the account works for. */
  orgId?: string;
}

/** Printed by `npm start` and listed in README; the e2e suite signs in with them. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: "officer", password: "Officer#2567", role: "officer", displayName: "สมศรี ตรวจการ (เจ้าหน้าที่)" },
  { username: "admin", password: "Admin#2567", role: "admin", displayName: "ผู้ดูแลระบบ" },
  { username: "chula.staff", password: "Univ#2567", role: "university", displayName: "เจน ประสานงาน (จุฬาฯ)", orgId: "uni-chula" },
  { username: "dga.agency", password: "Agency#2567", role: "agency", displayName: "วิไล ดิจิทัล (หน่วยงาน)", orgId: DEMO_AGENCY_ID },
];

/**
 * Seeds the demo accounts, universities and academic requests if the users
 * table is empty; returns whether it wrote anything.
 */
export async function seedDemoData(db: Db, kdf: PasswordKdf, now: Date, dataKey: string): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  const rows = await Promise.all(
    DEMO_ACCOUNTS.map(async (a) => ({
      id: newId(),
      role: a.role,
      username: a.username,
      usernameLower: a.username.toLowerCase(),
      passwordHash: await hashPassword(kdf, a.password),
      displayName: a.displayName,
      orgId: a.orgId ?? null,
      createdAt: now,
    })),
  );
  await db.insert(users).values(rows);
  const keys = await pidKeys(dataKey);
  await seedAcademicDemo(db, keys, now);
  await seedOnboardingDemo(db, keys, now);
  return true;
}
