/**
 * @module
 * The officers' queue as numbers. Each request that joins gets a queue number above
 * every other (`queue_seq`); its place is 1 + how many waiting requests have a smaller
 * number. Waiting requests are counted per block of QUEUE_BUCKET numbers, so a place
 * costs one sum over blocks and one count inside a block, not a count of the whole queue.
 */

/** Numbers per block; migrations/0006 repeats it as a literal. */
export const QUEUE_BUCKET = 256;

/** The block a queue number is counted in. */
export function queueBucket(seq: number): number {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`queue number must be a positive integer, got ${seq}`);
  return Math.floor(seq / QUEUE_BUCKET);
}

export interface QueueMove {
  /** Give up the current queue number (and the place that goes with it). */
  leave: boolean;
  /** Take a new number behind everyone waiting. */
  join: boolean;
}

/**
 * What a status change does to a request's place: joining (or rejoining) always
 * goes to the back, giving up any place it had; a move between queued statuses
 * keeps the place; anything else gives it up.
 */
export function queueMove(rule: "join" | "leave" | "rejoin" | undefined, toQueuedStatus: boolean, queuedNow: boolean): QueueMove {
  const join = rule === "join" || rule === "rejoin";
  const keeps = !join && toQueuedStatus && queuedNow;
  return { leave: queuedNow && !keeps, join };
}
