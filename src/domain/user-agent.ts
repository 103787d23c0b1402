/**
 * @module
 * A short, human description of the device that asked for a QR sign-in
 * ("Chrome บน Windows"), so the person scanning can tell whether it was them.
 */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return "ไม่ทราบอุปกรณ์";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /SamsungBrowser/.test(ua)
        ? "Samsung Internet"
        : /Firefox\//.test(ua)
          ? "Firefox"
          : /Chrome\/|CriOS/.test(ua)
            ? "Chrome"
            : /Safari\//.test(ua)
              ? "Safari"
              : "เบราว์เซอร์ไม่ทราบชื่อ";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Android/.test(ua)
        ? "Android"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : "ระบบไม่ทราบชื่อ";
  return `${browser} บน ${os}`;
}
