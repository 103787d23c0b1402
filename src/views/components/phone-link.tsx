import { formatThaiPhone, telHref } from "../../domain/phone";

/** A phone number shown one way everywhere, tap-to-call; nothing for a draft that has none yet. */
export function PhoneLink(props: { phone: string | null }) {
  if (!props.phone?.trim()) return null;
  return (
    <a href={telHref(props.phone)} class="nowrap">
      {formatThaiPhone(props.phone)}
    </a>
  );
}

/** An e-mail address as a mail link; nothing when there is none (an empty link has no name). */
export function EmailLink(props: { email: string | null }) {
  if (!props.email?.trim()) return null;
  return <a href={`mailto:${props.email}`}>{props.email}</a>;
}
