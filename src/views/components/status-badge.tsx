import { NEXT_ACTOR_LABEL, nextActor, STATUSES, type RequestStatus } from "../../domain/academic";

/** The coloured status dot of the seed's list, with its words (colour is never the only cue). */
export function StatusBadge(props: { status: RequestStatus }) {
  const s = STATUSES[props.status];
  return <span class={`badge badge-${s.tone}`}>{s.th}</span>;
}

/** รอมหาวิทยาลัย / รอเจ้าของผลงาน / รอเจ้าหน้าที่: who has the next move. */
export function NextActorTag(props: { status: RequestStatus }) {
  const actor = nextActor(props.status);
  if (!actor) return null;
  return <span class={`next-actor next-${actor}`}>{NEXT_ACTOR_LABEL[actor]}</span>;
}
