/**
 * Silent speech in the formats `POST /audio/speech` offers, as files a player or decoder accepts: 24 kHz
 * mono like the real voices. WAV is a PCM RIFF/WAVE file; PCM the bare 16-bit little-endian samples; MP3
 * silent MPEG-2 Layer III frames; AAC silent ADTS frames; FLAC a STREAMINFO block and CONSTANT subframes;
 * Opus an Ogg stream (OpusHead, OpusTags, 20 ms silence packets). WAV and MP3 also carry the spoken text
 * as metadata (a LIST/INFO comment, an ID3v2 TXXX frame), so that transcribing the file gives it back.
 */
export type SpeechFormat = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';

export const SAMPLE_RATE = 24_000;

export const CONTENT_TYPES: Record<SpeechFormat, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

/** The ID3 / INFO description under which the spoken text travels. */
export const TEXT_TAG = 'openai-mock:input';

export function encodeSilence(format: SpeechFormat, seconds: number, text: string): Buffer {
  const samples = Math.max(1, Math.round(seconds * SAMPLE_RATE));
  switch (format) {
    case 'wav':
      return wav(samples, text);
    case 'pcm':
      return Buffer.alloc(samples * 2);
    case 'mp3':
      return mp3(samples, text);
    case 'aac':
      return aac(samples);
    case 'flac':
      return flac(samples);
    case 'opus':
      return opus(samples);
  }
}

// ---- WAV ----

function wav(samples: number, text: string): Buffer {
  const dataBytes = samples * 2;
  const comment = Buffer.from(`${text}\0`, 'utf8');
  const padded = comment.length % 2 ? Buffer.concat([comment, Buffer.alloc(1)]) : comment;
  const info = Buffer.concat([Buffer.from('INFOICMT', 'ascii'), u32le(comment.length), padded]);
  const list = Buffer.concat([Buffer.from('LIST', 'ascii'), u32le(info.length), info]);
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8); // PCM
  fmt.writeUInt16LE(1, 10); // mono
  fmt.writeUInt32LE(SAMPLE_RATE, 12);
  fmt.writeUInt32LE(SAMPLE_RATE * 2, 16); // byte rate
  fmt.writeUInt16LE(2, 20); // block align
  fmt.writeUInt16LE(16, 22); // bits per sample
  const dataHeader = Buffer.concat([Buffer.from('data', 'ascii'), u32le(dataBytes)]);
  const riffSize = 4 + fmt.length + list.length + dataHeader.length + dataBytes;
  return Buffer.concat([
    Buffer.from('RIFF', 'ascii'),
    u32le(riffSize),
    Buffer.from('WAVE', 'ascii'),
    fmt,
    list,
    dataHeader,
    Buffer.alloc(dataBytes),
  ]);
}

// ---- MP3: MPEG-2 Layer III, 24 kHz, 64 kbps, mono; 576 samples in 192 bytes per frame ----

const MP3_HEADER = [0xff, 0xf3, 0x84, 0xc4];
const MP3_FRAME_BYTES = 192;
const MP3_FRAME_SAMPLES = 576;

function mp3(samples: number, text: string): Buffer {
  const frames = Math.ceil(samples / MP3_FRAME_SAMPLES);
  const frame = Buffer.alloc(MP3_FRAME_BYTES); // zero side info and main data: a silent granule
  frame.set(MP3_HEADER, 0);
  return Buffer.concat([id3Text(text), ...Array.from({ length: frames }, () => frame)]);
}

/** An ID3v2.4 tag with one TXXX frame (UTF-8) holding the text. */
function id3Text(text: string): Buffer {
  const body = Buffer.concat([Buffer.from([3]), Buffer.from(`${TEXT_TAG}\0${text}`, 'utf8')]);
  const frame = Buffer.concat([
    Buffer.from('TXXX', 'ascii'),
    syncsafe(body.length),
    Buffer.from([0, 0]),
    body,
  ]);
  return Buffer.concat([Buffer.from('ID3', 'ascii'), Buffer.from([4, 0, 0]), syncsafe(frame.length), frame]);
}

function syncsafe(n: number): Buffer {
  return Buffer.from([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
}

// ---- AAC: ADTS, AAC-LC, 24 kHz, mono; 1024 samples per frame ----

/** A raw data block with one silent single-channel element (max_sfb 0), then END. */
const AAC_SILENT = [0x01, 0x40, 0x20, 0x07];

function aac(samples: number): Buffer {
  const frames = Math.ceil(samples / 1024);
  const length = 7 + AAC_SILENT.length;
  const header = [
    0xff,
    0xf1, // sync, MPEG-4, layer 0, no CRC
    (1 << 6) | (6 << 2) | 0, // AAC-LC, 24 kHz (index 6), channel configuration high bit 0
    (1 << 6) | ((length >> 11) & 0x3), // mono; frame length high bits
    (length >> 3) & 0xff,
    ((length & 0x7) << 5) | 0x1f, // buffer fullness 0x7FF (variable)
    0xfc, // one raw data block
  ];
  const frame = Buffer.from([...header, ...AAC_SILENT]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

// ---- FLAC: 16-bit mono, blocks of 4096 samples, each one CONSTANT 0 subframe ----

const FLAC_BLOCK = 4096;

function flac(samples: number): Buffer {
  const frames = Math.ceil(samples / FLAC_BLOCK);
  const total = frames * FLAC_BLOCK;
  const info = Buffer.alloc(34);
  info.writeUInt16BE(FLAC_BLOCK, 0);
  info.writeUInt16BE(FLAC_BLOCK, 2);
  // min/max frame size (24 bits each) unknown: 0. Then 20 bits rate, 3 bits channels−1, 5 bits bps−1, 36 bits samples.
  const packed = (BigInt(SAMPLE_RATE) << 44n) | (0n << 41n) | (15n << 36n) | BigInt(total);
  info.writeBigUInt64BE(packed, 10);
  // MD5 of the audio left as zeros: "unknown", which decoders accept.
  const block = Buffer.concat([Buffer.from([0x80, 0, 0, 34]), info]); // last block, STREAMINFO, length 34
  const out: Buffer[] = [Buffer.from('fLaC', 'ascii'), block];
  for (let i = 0; i < frames; i++) out.push(flacFrame(i));
  return Buffer.concat(out);
}

function flacFrame(index: number): Buffer {
  // sync + fixed blocksize; 4096 (code 12), 24 kHz (code 7); mono, 16-bit; the frame number in UTF-8 coding
  const head = Buffer.from([0xff, 0xf8, (12 << 4) | 7, (0 << 4) | (4 << 1), ...utf8Number(index)]);
  const withCrc8 = Buffer.concat([head, Buffer.from([crc8(head)])]);
  const subframe = Buffer.from([0x00, 0x00, 0x00]); // CONSTANT subframe, value 0 on 16 bits
  const body = Buffer.concat([withCrc8, subframe]);
  const crc = crc16(body);
  return Buffer.concat([body, Buffer.from([crc >> 8, crc & 0xff])]);
}

/** FLAC's frame numbers use the UTF-8 scheme for integers (2 bytes hold 11 bits, 3 hold 16, …). */
function utf8Number(n: number): number[] {
  if (n < 0x80) return [n];
  let length = 2;
  while (n >= 2 ** (5 * length + 1)) length++;
  const tail: number[] = [];
  for (let i = 1; i < length; i++) {
    tail.unshift(0x80 | (n & 0x3f));
    n = Math.floor(n / 64);
  }
  return [((0xff << (8 - length)) & 0xff) | n, ...tail];
}

function crc8(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function crc16(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

// ---- Opus in Ogg: 20 ms CELT silence packets, 50 per page ----

const OPUS_SILENCE = [0xf8, 0xff, 0xfe];
const PRE_SKIP = 312;

function opus(samples: number): Buffer {
  const serial = 0x6f61696d; // "oaim"
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // channels
  head.writeUInt16LE(PRE_SKIP, 10);
  head.writeUInt32LE(SAMPLE_RATE, 12); // original input rate
  head.writeInt16LE(0, 16); // gain
  head.writeUInt8(0, 18); // mapping family 0
  const vendor = Buffer.from('openai-mock', 'ascii');
  const tags = Buffer.concat([Buffer.from('OpusTags', 'ascii'), u32le(vendor.length), vendor, u32le(0)]);
  const pages = [oggPage(serial, 0, 0, 0x02, [head]), oggPage(serial, 1, 0, 0, [tags])];
  const packets = Math.ceil(samples / (SAMPLE_RATE / 50));
  let granule = PRE_SKIP;
  for (let sent = 0, seq = 2; sent < packets; seq++) {
    const count = Math.min(50, packets - sent);
    sent += count;
    granule += count * 960; // 20 ms at Opus's 48 kHz clock
    const last = sent === packets;
    const packet = Buffer.from(OPUS_SILENCE);
    pages.push(
      oggPage(
        serial,
        seq,
        granule,
        last ? 0x04 : 0,
        Array.from({ length: count }, () => packet),
      ),
    );
  }
  return Buffer.concat(pages);
}

function oggPage(
  serial: number,
  sequence: number,
  granule: number,
  flags: number,
  packets: Buffer[],
): Buffer {
  const lacing: number[] = [];
  for (const p of packets) {
    let left = p.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'ascii');
  header.writeUInt8(0, 4);
  header.writeUInt8(flags, 5);
  header.writeBigUInt64LE(BigInt(granule), 6);
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(sequence, 18);
  header.writeUInt32LE(0, 22); // CRC, filled below
  header.writeUInt8(lacing.length, 26);
  const page = Buffer.concat([header, Buffer.from(lacing), ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

const OGG_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected (unlike zlib's). */
function oggCrc(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) ^ OGG_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}

// ---- reading files back (transcriptions) ----

export interface AudioFacts {
  /** Seconds, when the container says; else undefined. */
  seconds: number | undefined;
  /** The text a file made by `encodeSilence` carries. */
  text: string | undefined;
}

/** What a WAV, MP3, AAC, FLAC or Ogg Opus file says about its length (and its embedded text). */
export function readAudioFacts(bytes: Uint8Array): AudioFacts {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 12 && b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WAVE')
    return readWav(b);
  const frameSync = b.length >= 4 && b[0] === 0xff && (b[1]! & 0xf0) === 0xf0;
  if (frameSync && (b[1]! & 0x06) === 0) return readAdts(b);
  if (b.length >= 10 && (b.toString('ascii', 0, 3) === 'ID3' || frameSync)) return readMp3(b);
  if (b.length >= 27 && b.toString('ascii', 0, 4) === 'OggS') return readOgg(b);
  if (b.length >= 42 && b.toString('ascii', 0, 4) === 'fLaC') {
    const packed = b.readBigUInt64BE(18);
    const rate = Number(packed >> 44n);
    const total = Number(packed & 0xfffffffffn);
    return { seconds: rate > 0 && total > 0 ? total / rate : undefined, text: undefined };
  }
  return { seconds: undefined, text: undefined };
}

function readWav(b: Buffer): AudioFacts {
  let byteRate = 0;
  let dataBytes = 0;
  let text: string | undefined;
  for (let at = 12; at + 8 <= b.length; ) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ' && size >= 16 && body + 12 <= b.length) byteRate = b.readUInt32LE(body + 8);
    if (id === 'data') dataBytes = Math.min(size, b.length - body);
    if (id === 'LIST' && b.toString('ascii', body, body + 4) === 'INFO') {
      for (let sub = body + 4; sub + 8 <= Math.min(b.length, body + size); ) {
        const subId = b.toString('ascii', sub, sub + 4);
        const subSize = b.readUInt32LE(sub + 4);
        if (subId === 'ICMT') text = b.toString('utf8', sub + 8, sub + 8 + subSize).replace(/\0+$/, '');
        sub += 8 + subSize + (subSize % 2);
      }
    }
    at = body + size + (size % 2);
  }
  return { seconds: byteRate > 0 ? dataBytes / byteRate : undefined, text };
}

const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** AAC in ADTS: 1024 samples per raw data block, frame after frame. */
function readAdts(b: Buffer): AudioFacts {
  const rate = ADTS_RATES[(b[2]! >> 2) & 0xf];
  let samples = 0;
  for (let at = 0; at + 7 <= b.length && b[at] === 0xff && (b[at + 1]! & 0xf6) === 0xf0; ) {
    const length = ((b[at + 3]! & 0x3) << 11) | (b[at + 4]! << 3) | (b[at + 5]! >> 5);
    if (length < 7) break;
    samples += 1024 * ((b[at + 6]! & 0x3) + 1);
    at += length;
  }
  return { seconds: rate && samples ? samples / rate : undefined, text: undefined };
}

/** Ogg (Opus): the last page's granule position, less the pre-skip, on Opus's 48 kHz clock. */
function readOgg(b: Buffer): AudioFacts {
  const last = b.lastIndexOf('OggS');
  if (last < 0 || last + 14 > b.length) return { seconds: undefined, text: undefined };
  const granule = Number(b.readBigUInt64LE(last + 6));
  const isOpus = b.indexOf('OpusHead') >= 0;
  const preSkip = isOpus ? b.readUInt16LE(b.indexOf('OpusHead') + 10) : 0;
  return { seconds: isOpus && granule > preSkip ? (granule - preSkip) / 48_000 : undefined, text: undefined };
}

const MP3_BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

function readMp3(b: Buffer): AudioFacts {
  let at = 0;
  let text: string | undefined;
  if (b.toString('ascii', 0, 3) === 'ID3') {
    const size = ((b[6]! & 0x7f) << 21) | ((b[7]! & 0x7f) << 14) | ((b[8]! & 0x7f) << 7) | (b[9]! & 0x7f);
    text = readId3Text(b.subarray(10, 10 + size), b[3]!);
    at = 10 + size;
  }
  // Constant bitrate assumed: the first frame's bitrate over the audio's bytes.
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0)
    return { seconds: undefined, text };
  const mpeg1 = (b[at + 1]! & 0x18) === 0x18;
  const kbps = (mpeg1 ? MP3_BITRATES_V1 : MP3_BITRATES_V2)[b[at + 2]! >> 4] ?? 0;
  return { seconds: kbps > 0 ? ((b.length - at) * 8) / (kbps * 1000) : undefined, text };
}

function readId3Text(tag: Buffer, version: number): string | undefined {
  for (let at = 0; at + 10 <= tag.length; ) {
    const id = tag.toString('ascii', at, at + 4);
    if (!/^[A-Z0-9]{4}$/.test(id)) break;
    const size =
      version >= 4
        ? ((tag[at + 4]! & 0x7f) << 21) |
          ((tag[at + 5]! & 0x7f) << 14) |
          ((tag[at + 6]! & 0x7f) << 7) |
          (tag[at + 7]! & 0x7f)
        : tag.readUInt32BE(at + 4);
    const body = tag.subarray(at + 10, at + 10 + size);
    if (id === 'TXXX' && body[0] === 3) {
      const [description, ...value] = body.toString('utf8', 1).split('\0');
      if (description === TEXT_TAG) return value.join('\0');
    }
    at += 10 + size;
  }
  return undefined;
}
