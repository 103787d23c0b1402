import { encode } from "uqr";

/**
 * A QR code as inline SVG, drawn server-side: one path of unit squares, so it is
 * crisp at any size and needs no script or image request.
 */
export function QrCode(props: { text: string; label: string; size?: number }) {
  const qr = encode(props.text, { ecc: "M", border: 2 });
  let d = "";
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={props.size ?? 240}
      height={props.size ?? 240}
      shape-rendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
