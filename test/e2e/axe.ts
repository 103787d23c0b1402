/**
 * axe-core straight into the page, for the sweeps: @axe-core/playwright's analyze()
 * evaluates axe's 1.3 MB unminified source in the page, then again in a new blank
 * page where it merges the results (built for cross-origin frames, which our pages
 * don't have). Here the minified build of the same axe-core is evaluated once per
 * visit and axe.run() checks the page where it is: the same rules, about a third of the time.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import type { AxeResults } from "axe-core";

// The axe-core that @axe-core/playwright itself depends on (the version it was built for).
const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"));
const AXE_SOURCE = readFileSync(fromAxePlaywright.resolve("axe-core/axe.min.js"), "utf8");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The serious and critical WCAG 2.1 A/AA violations on the page as it is now, one line each. */
export async function seriousViolations(page: Page, path: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe
        // Only violations are read: the other result types are not collected node by node.
        .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
        .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))),
    TAGS,
  );
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}) — ${v.targets.join(", ")}`);
}
