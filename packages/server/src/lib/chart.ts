/**
 * Small bar charts as PNG images for generated documents, drawn pixel by pixel and written with
 * Node's zlib (no image library): bars, a baseline and faint grid lines. Labels and numbers go in the
 * document's text beside the image (a caption and a table), so the picture needs no font.
 */
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];

export const CHART_COLOURS: readonly Rgb[] = [
  [200, 22, 29],
  [230, 126, 34],
  [41, 128, 185],
  [39, 174, 96],
  [142, 68, 173],
  [127, 140, 141],
];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGB raster as PNG bytes (8-bit truecolour, no filtering). */
export function pngOf(width: number, height: number, pixels: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A bar chart of the values (one bar each, coloured in turn or all in the first colour), as PNG. */
export function barChartPng(values: readonly number[], options: { width?: number; height?: number; colourEach?: boolean } = {}): Buffer {
  const width = options.width ?? 600;
  const height = options.height ?? 300;
  const px = new Uint8Array(width * height * 3).fill(255);
  const fill = (x0: number, y0: number, x1: number, y1: number, c: Rgb) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++)
      for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
        const i = (y * width + x) * 3;
        px[i] = c[0];
        px[i + 1] = c[1];
        px[i + 2] = c[2];
      }
  };
  const left = 20;
  const bottom = height - 20;
  const top = 20;
  const max = Math.max(1, ...values);
  for (let g = 1; g <= 4; g++) {
    const y = Math.round(bottom - ((bottom - top) * g) / 4);
    fill(left, y, width - 10, y + 1, [225, 225, 225]);
  }
  const n = Math.max(1, values.length);
  const slot = (width - left - 10) / n;
  values.forEach((v, i) => {
    const h = Math.round(((bottom - top) * Math.max(0, v)) / max);
    const x0 = Math.round(left + i * slot + slot * 0.18);
    const x1 = Math.round(left + (i + 1) * slot - slot * 0.18);
    fill(x0, bottom - h, x1, bottom, options.colourEach ? CHART_COLOURS[i % CHART_COLOURS.length]! : CHART_COLOURS[0]!);
  });
  fill(left, bottom, width - 10, bottom + 2, [80, 80, 80]);
  fill(left, top, left + 2, bottom, [80, 80, 80]);
  return pngOf(width, height, px);
}
