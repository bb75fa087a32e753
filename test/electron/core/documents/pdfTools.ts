/**
 * Poppler's command-line tools (poppler-utils, installed by CI) as test oracles: text as
 * pdftotext extracts it, word boxes, and pages rendered to grayscale pixels.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withPdf<T>(bytes: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'documents-test-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page (`pdftotext -layout`), pages separated by form feeds. */
export function pdfText(bytes: Uint8Array): string {
  return withPdf(bytes, (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: 'pipe' }));
}

export function pdfPageTexts(bytes: Uint8Array): string[] {
  const pages = pdfText(bytes).split('\f');
  if (pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box in points from the page's top-left (`pdftotext -bbox`). */
export function wordBoxes(bytes: Uint8Array): { pages: { width: number; height: number }[]; words: WordBox[] } {
  const html = withPdf(bytes, (file) => execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: 'pipe' }));
  const pages: { width: number; height: number }[] = [];
  const words: WordBox[] = [];
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
    if (m[1]) pages.push({ width: Number(m[1]), height: Number(m[2]) });
    else words.push({ page: pages.length, text: m[7]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), xMin: Number(m[3]), yMin: Number(m[4]), xMax: Number(m[5]), yMax: Number(m[6]) });
  }
  return { pages, words };
}

export interface GrayImage {
  width: number;
  height: number;
  /** One byte a pixel, 0 black … 255 white. */
  pixels: Uint8Array;
}

function parsePgm(data: Buffer): GrayImage {
  // P5 <width> <height> <maxval> then raw bytes.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: new Uint8Array(data.subarray(header[0].length, header[0].length + width * height)) };
}

/** Pages rendered by pdftoppm in grayscale at `dpi` (only `first`..`last` when given). */
export function renderPages(bytes: Uint8Array, dpi: number, first?: number, last?: number): GrayImage[] {
  return withPdf(bytes, (file, dir) => {
    const range = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
    // Poppler's complaints about broken fonts (the control case) go to the captured stderr.
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', ...range, file, join(dir, 'page')], { stdio: 'pipe' });
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => parsePgm(readFileSync(join(dir, f))));
  });
}

/** Pixels whose gray levels differ by more than `tolerance`. */
export function differingPixels(a: GrayImage, b: GrayImage, tolerance = 24): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('images differ in size');
  let n = 0;
  for (let i = 0; i < a.pixels.length; i++) if (Math.abs(a.pixels[i]! - b.pixels[i]!) > tolerance) n++;
  return n;
}

/** Pixels darker than mid-gray inside a box given in points (whole image when omitted). */
export function darkPixels(img: GrayImage, dpi: number, box?: { xMin: number; yMin: number; xMax: number; yMax: number }): number {
  const s = dpi / 72;
  const x0 = box ? Math.max(0, Math.floor(box.xMin * s)) : 0;
  const y0 = box ? Math.max(0, Math.floor(box.yMin * s)) : 0;
  const x1 = box ? Math.min(img.width, Math.ceil(box.xMax * s)) : img.width;
  const y1 = box ? Math.min(img.height, Math.ceil(box.yMax * s)) : img.height;
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (img.pixels[y * img.width + x]! < 128) n++;
  return n;
}

/** Whether the print stamp (drawn on every page) carries the preview's diagonal watermark. */
export function hasPreviewWatermark(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('latin1');
  const start = text.indexOf('% print stamp');
  return start >= 0 && text.indexOf(' gs ', start) > start && text.indexOf(' gs ', start) < start + 512;
}
