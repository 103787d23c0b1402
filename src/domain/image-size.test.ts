import { describe, expect, it } from "vitest";
import { iconSizeProblem, imageSize } from "./image-size";

function png(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

function jpeg(width: number, height: number): Uint8Array {
  // SOI, an APP0 segment to skip, then SOF0 with the frame size.
  return new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08,
    height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0, 0, 0, 0, 0, 0,
  ]);
}

describe("imageSize", () => {
  it("reads a PNG's size from IHDR and a JPEG's from its start-of-frame", () => {
    expect(imageSize(png(512, 512))).toEqual({ type: "png", width: 512, height: 512 });
    expect(imageSize(jpeg(640, 480))).toEqual({ type: "jpeg", width: 640, height: 480 });
  });

  it("gives up on anything else", () => {
    expect(imageSize(new TextEncoder().encode("GIF89a......"))).toBeNull();
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0x00]))).toBeNull();
  });
});

describe("iconSizeProblem", () => {
  it("accepts a square of at least 120×120 and explains everything else in Thai", () => {
    expect(iconSizeProblem({ type: "png", width: 120, height: 120 })).toBeNull();
    expect(iconSizeProblem({ type: "png", width: 1024, height: 1024 })).toBeNull();
    expect(iconSizeProblem({ type: "png", width: 100, height: 100 })).toBe("ไอคอนต้องมีขนาดอย่างน้อย 120×120 พิกเซล (ไฟล์นี้ 100×100 พิกเซล)");
    expect(iconSizeProblem({ type: "jpeg", width: 200, height: 120 })).toBe("ไอคอนต้องเป็นสี่เหลี่ยมจัตุรัส (ไฟล์นี้ 200×120 พิกเซล)");
    expect(iconSizeProblem(null)).toMatch(/^อ่านขนาดรูปภาพไม่ได้/);
  });
});
