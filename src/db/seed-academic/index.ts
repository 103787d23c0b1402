/**
 * @module
 * Demo data for the academic-position tracker: seven universities and a few
 * dozen requests in every status, with timelines, the queue, ticket counters
 * and some uploaded-document records. It contains the seed manual's two
 * requests (screens 6-8) exactly; everything else comes from a small seeded
 * PRNG, so the same `now` always gives the same tickets, dates and names.
 * Only ids and the PID ciphertexts (fresh IVs) differ between runs.
 * Never run in production.
 *
 * The records are in `data.ts`, the code that builds and writes the rows in
 * `generate.ts`.
 */
export { DEMO_UNIVERSITIES } from "./data";
export { seedAcademicDemo, STEP_DAYS } from "./generate";
