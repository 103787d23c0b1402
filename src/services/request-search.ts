/**
 * @module
 * "Contains this text" over a request's ticket number, applicant name and letter
 * number. Terms of three characters or more go through the trigram index of
 * migration 0011 (the same matches as LIKE, without reading every request);
 * shorter ones, which a trigram index cannot answer, fall back to LIKE.
 */
import { sql, type SQL } from "drizzle-orm";
import { academicRequests as r } from "../db/schema";

/** The trigram tokenizer's unit: a term shorter than this has no trigram to look up. */
export const TRIGRAM = 3;

/** The request's three searched texts contain `term`, by scanning with LIKE. */
export function likeMatch(term: string): SQL {
  const pattern = `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  return sql`(${r.ticketNo} LIKE ${pattern} ESCAPE '\\' OR ${r.applicantFirstName} || ' ' || ${r.applicantLastName} LIKE ${pattern} ESCAPE '\\' OR ${r.letterNo} LIKE ${pattern} ESCAPE '\\')`;
}

/** The same question through the full-text index; `term` must have at least `TRIGRAM` characters. */
export function indexMatch(term: string): SQL {
  // One quoted phrase: FTS5 operators and punctuation in the term are text to find.
  const phrase = `"${term.replaceAll('"', '""')}"`;
  return sql`${r.id} IN (SELECT request_id FROM request_search WHERE request_search MATCH ${phrase})`;
}

export function textMatch(term: string): SQL {
  return [...term].length >= TRIGRAM ? indexMatch(term) : likeMatch(term);
}
