/** 8-bit greyscale PNG encoding (pngjs): rows top to bottom, one byte per pixel. */
import pngjs from 'pngjs';

export interface GreyImage {
  width: number;
  height: number;
  /** width·height bytes, row 0 at the top. */
  pixels: Uint8Array;
}

export interface EncodedPng {
  width: number;
  height: number;
  png: Uint8Array;
}

export function encodeGreyPng(image: GreyImage): EncodedPng {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height) throw new RangeError('pixels must have width·height bytes');
  const png = new pngjs.PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const bytes = pngjs.PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  return { width, height, png: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}
