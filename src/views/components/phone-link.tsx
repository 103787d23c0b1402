import { formatThaiPhone, telHref } from "../../domain/phone";

/** A phone number shown one way everywhere, tap-to-call. */
export function PhoneLink(props: { phone: string }) {
  return (
    <a href={telHref(props.phone)} class="nowrap">
      {formatThaiPhone(props.phone)}
    </a>
  );
}
