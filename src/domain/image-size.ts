/**
 * @module
 * The real pixel size of a PNG or JPEG, read from its bytes (the IHDR chunk, or
 * the first JPEG start-of-frame marker), so a rule like "at least 120×120,
 * square" is checked against the image itself and not a claim about it.
 */
export interface ImageSize {
  type: "png" | "jpeg";
  width: number;
  height: number;
}

export function imageSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    // 8-byte signature, then the IHDR chunk: length(4) "IHDR"(4) width(4) height(4).
    if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { type: "png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1]!;
      // Padding fill bytes and markers without a length.
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = (bytes[i + 5]! << 8) | bytes[i + 6]!;
        const width = (bytes[i + 7]! << 8) | bytes[i + 8]!;
        return { type: "jpeg", width, height };
      }
      if (length < 2) return null;
      i += 2 + length;
    }
  }
  return null;
}

export const MIN_ICON_PIXELS = 120;

/** The Thai complaint about an icon's size, or null when it is square and at least 120×120. */
export function iconSizeProblem(size: ImageSize | null): string | null {
  if (!size) return "อ่านขนาดรูปภาพไม่ได้ กรุณาใช้ไฟล์ JPG หรือ PNG";
  if (size.width !== size.height) return `ไอคอนต้องเป็นสี่เหลี่ยมจัตุรัส (ไฟล์นี้ ${size.width}×${size.height} พิกเซล)`;
  if (size.width < MIN_ICON_PIXELS) return `ไอคอนต้องมีขนาดอย่างน้อย ${MIN_ICON_PIXELS}×${MIN_ICON_PIXELS} พิกเซล (ไฟล์นี้ ${size.width}×${size.height} พิกเซล)`;
  return null;
}
