import { crc32, deflateSync } from 'node:zlib';

/**
 * A real, decodable PNG of one colour (base64), small enough to keep responses light: what an
 * `image_generation_call` carries as its `result`, so a client that decodes or saves it gets a valid file.
 */
export function solidPngBase64(rgb: readonly [number, number, number], side = 8): string {
  const row = Buffer.alloc(1 + side * 3);
  for (let x = 0; x < side; x++) row.set(rgb, 1 + x * 3); // filter byte 0, then RGB triples
  const pixels = Buffer.concat(Array.from({ length: side }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, default compression/filter/interlace
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return png.toString('base64');
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}
