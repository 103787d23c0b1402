/**
 * @module
 * "Contains this text" over a request's ticket number, applicant name and letter
 * number. SQLite answers it two ways, each fast where the other is slow:
 * - LIKE, in an index or in `submitted_at` order: fast when other filters narrow
 *   the rows first (the search index of migration 0007), or when matches are
 *   common (a page of 20 is found after a short scan);
 * - the trigram index of migration 0011 (requests officers see, not drafts):
 *   counts any term at once, and finds a rare one without reading every request,
 *   but every match costs a lookup, so it loses on common terms.
 * The same matches either way; test/node/request-search.test.ts holds them equal.
 */
import { sql, type SQL } from "drizzle-orm";
import { academicRequests as r } from "../db/schema";

/** The trigram tokenizer's unit: a term shorter than this has no trigram to look up. */
export const TRIGRAM = 3;
/** Up to this many matches, a page is fetched through the index; above it, matches are dense enough to scan for. */
export const FEW_MATCHES = 500;

/**
 * The request's three searched texts contain `term`, by scanning. LIKE ignores the case
 * of ASCII letters only, so a term without any is the same question as a plain
 * substring search, which `instr` answers in half the time (5.6 → 2.8 ms over the
 * 7,655 requests of one status and position at 100k).
 */
export function likeMatch(term: string): SQL {
  if (!/[A-Za-z]/.test(term)) {
    return sql`(instr(${r.ticketNo}, ${term}) > 0 OR instr(${r.applicantFirstName} || ' ' || ${r.applicantLastName}, ${term}) > 0 OR instr(${r.letterNo}, ${term}) > 0)`;
  }
  const pattern = `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  return sql`(${r.ticketNo} LIKE ${pattern} ESCAPE '\\' OR ${r.applicantFirstName} || ' ' || ${r.applicantLastName} LIKE ${pattern} ESCAPE '\\' OR ${r.letterNo} LIKE ${pattern} ESCAPE '\\')`;
}

/** One quoted FTS5 phrase: operators and punctuation in the term are text to find. */
function phrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** The same question through the full-text index, for requests that are not drafts; `term` must have at least `TRIGRAM` characters. */
export function indexMatch(term: string): SQL {
  return sql`${r.id} IN (SELECT request_id FROM request_search WHERE request_search MATCH ${phrase(term)})`;
}

/** How many requests that are not drafts contain `term`, from the index alone. */
export function indexCount(term: string): SQL {
  return sql`SELECT count(*) AS n FROM request_search WHERE request_search MATCH ${phrase(term)}`;
}

export function indexable(term: string): boolean {
  return [...term].length >= TRIGRAM;
}
