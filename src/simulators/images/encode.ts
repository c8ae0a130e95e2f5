/**
 * Small, real image files, so that a client that decodes, measures or saves a generated image gets a valid
 * file: PNG (a two-colour gradient, truecolour or with alpha), baseline JPEG and lossless WebP (one colour
 * each — the smallest valid streams of those formats). Built with node:zlib and a few bit writers.
 */
import { crc32, deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

export interface Picture {
  width: number;
  height: number;
  from: Rgb;
  to: Rgb;
  /** Transparent outside a centred disc (gpt-image `background: "transparent"`). */
  transparent: boolean;
}

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export function encodeImage(picture: Picture, format: ImageFormat): Buffer {
  if (format === 'jpeg') return encodeJpeg(picture);
  if (format === 'webp') return encodeWebp(picture);
  return encodePng(picture);
}

/**
 * Pixel dimensions of the preview for an image of `width`×`height`: the requested size divided by 32 when
 * that keeps the exact aspect ratio and fits in 64 pixels (1024×1024 → 32×32, 1792×1024 → 56×32), else
 * scaled to 64 pixels on the long side.
 */
export function previewSize(width: number, height: number): { width: number; height: number } {
  if (width % 32 === 0 && height % 32 === 0 && width <= 2048 && height <= 2048)
    return { width: width / 32, height: height / 32 };
  const scale = 64 / Math.max(width, height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

// ---- PNG ----

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function encodePng(p: Picture): Buffer {
  const channels = p.transparent ? 4 : 3;
  const stride = 1 + p.width * channels;
  const pixels = Buffer.alloc(stride * p.height);
  const cx = (p.width - 1) / 2;
  const cy = (p.height - 1) / 2;
  const radius = Math.min(p.width, p.height) / 2;
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const t = (x + y) / Math.max(1, p.width + p.height - 2);
      const at = y * stride + 1 + x * channels; // each row starts with filter byte 0
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(p.from[c]! + (p.to[c]! - p.from[c]!) * t);
      if (p.transparent) pixels[at + 3] = Math.hypot(x - cx, y - cy) <= radius ? 255 : 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(p.width, 0);
  header.writeUInt32BE(p.height, 4);
  header.set([8, p.transparent ? 6 : 2, 0, 0, 0], 8); // 8-bit, RGB(A), deflate, no filter, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

// ---- bit writers ----

/** Most significant bit first (JPEG). */
class MsbWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #n = 0;
  write(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.#acc = (this.#acc << 1) | ((value >> i) & 1);
      if (++this.#n === 8) this.#flushByte();
    }
  }
  /** Pads the last byte with 1s, as JPEG entropy data ends. */
  finish(): number[] {
    while (this.#n !== 0) this.write(1, 1);
    return this.bytes;
  }
  #flushByte() {
    this.bytes.push(this.#acc);
    if (this.#acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.#acc = 0;
    this.#n = 0;
  }
}

/** Least significant bit first (WebP lossless). */
class LsbWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #n = 0;
  write(value: number, bits: number): void {
    for (let i = 0; i < bits; i++) {
      this.#acc |= ((value >> i) & 1) << this.#n;
      if (++this.#n === 8) {
        this.bytes.push(this.#acc);
        this.#acc = 0;
        this.#n = 0;
      }
    }
  }
  finish(): number[] {
    if (this.#n > 0) this.bytes.push(this.#acc);
    return this.bytes;
  }
}

// ---- JPEG (baseline, 3 components, every block a flat colour) ----

// The standard luminance DC table (ITU T.81 K.3): categories 0–11.
const DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// An AC table with the one symbol a flat block needs: end-of-block, coded as a single 0 bit.
const AC_COUNTS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_SYMBOLS = [0x00];

/** Canonical Huffman codes for a table given by code counts per length. */
function huffmanCodes(counts: readonly number[], symbols: readonly number[]) {
  const codes = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < counts[length - 1]!; i++) codes.set(symbols[k++]!, { code: code++, length });
    code <<= 1;
  }
  return codes;
}

const DC_CODES = huffmanCodes(DC_COUNTS, DC_SYMBOLS);

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** The one colour of a JPEG or WebP preview: mostly the main colour, a little of the second. */
const solid = (p: Picture): Rgb =>
  [0, 1, 2].map((c) => Math.round(p.from[c]! * 0.7 + p.to[c]! * 0.3)) as [number, number, number];

function encodeJpeg(p: Picture): Buffer {
  const [r, g, b] = solid(p);
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const levels = [
    y,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ];
  // A flat 8×8 block's only coefficient is DC = 8 × (level − 128), quantised here by 1.
  const dc = levels.map((v) => Math.max(-1024, Math.min(1016, Math.round(8 * (v - 128)))));
  const blocks = Math.ceil(p.width / 8) * Math.ceil(p.height / 8);
  const bits = new MsbWriter();
  const previous = [0, 0, 0];
  for (let i = 0; i < blocks; i++) {
    for (let c = 0; c < 3; c++) {
      const diff = dc[c]! - previous[c]!;
      previous[c] = dc[c]!;
      const magnitude = Math.abs(diff);
      const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
      const code = DC_CODES.get(category)!;
      bits.write(code.code, code.length);
      if (category > 0) bits.write(diff < 0 ? diff + (1 << category) - 1 : diff, category);
      bits.write(0, 1); // end of block
    }
  }
  const components = [1, 2, 3].flatMap((id) => [id, 0x11, 0]); // 1×1 sampling, quantisation table 0
  const bytes = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF 1.01
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, p.height >> 8, p.height & 0xff, p.width >> 8, p.width & 0xff, 3, ...components]),
    ...segment(0xc4, [0x00, ...DC_COUNTS, ...DC_SYMBOLS, 0x10, ...AC_COUNTS, ...AC_SYMBOLS]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...bits.finish(),
    0xff,
    0xd9,
  ];
  return Buffer.from(bytes);
}

// ---- WebP (lossless VP8L, one colour: every prefix code has a single symbol, so pixels cost no bits) ----

function encodeWebp(p: Picture): Buffer {
  const [r, g, b] = solid(p);
  const alpha = 255; // the whole picture is the subject: nothing of it is background
  const bits = new LsbWriter();
  bits.write(0x2f, 8); // VP8L signature
  bits.write(p.width - 1, 14);
  bits.write(p.height - 1, 14);
  bits.write(p.transparent ? 1 : 0, 1); // alpha is used
  bits.write(0, 3); // version
  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  // Green, red, blue, alpha, distance: each a simple prefix code of one 8-bit symbol.
  for (const symbol of [g, r, b, alpha, 0]) {
    bits.write(1, 1); // simple code
    bits.write(0, 1); // one symbol
    bits.write(1, 1); // coded on 8 bits
    bits.write(symbol, 8);
  }
  const data = Buffer.from(bits.finish());
  const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
  const header = Buffer.alloc(20);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(12 + padded.length, 4);
  header.write('WEBPVP8L', 8, 'ascii');
  header.writeUInt32LE(data.length, 16);
  return Buffer.concat([header, padded]);
}
