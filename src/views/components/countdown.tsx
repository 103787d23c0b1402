/** Time left until `deadline`, rendered now and kept live by static/js/countdown.js. */
export function Countdown(props: { deadline: Date; now: Date }) {
  const ms = props.deadline.getTime() - props.now.getTime();
  const s = Math.max(0, Math.floor(ms / 1000));
  const text = ms <= 0 ? "ถึงกำหนดแล้ว" : `${Math.floor(s / 86400) ? `${Math.floor(s / 86400)} วัน ` : ""}${Math.floor((s % 86400) / 3600)} ชั่วโมง ${Math.floor((s % 3600) / 60)} นาที ${s % 60} วินาที`;
  return (
    <span class="countdown" data-deadline={props.deadline.toISOString()} role="timer" aria-live="off">
      {text}
    </span>
  );
}
