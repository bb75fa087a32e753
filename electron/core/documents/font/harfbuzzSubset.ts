/**
 * Font subsetting with HarfBuzz's hb-subset, compiled to WebAssembly and shipped inside the
 * `harfbuzzjs` package (no download at run time).
 *
 * Why not `@pdf-lib/fontkit`'s subsetter: it breaks CJK fonts (pdf-lib issue #1232): its
 * TrueType subsets lose glyphs and its CFF subsets are invalid, while text extraction still
 * works, so only a rendered page shows it. hb-subset is the reference implementation.
 *
 * Each source font is copied into the wasm heap once and its face kept, so a subset costs
 * only the subsetting (milliseconds). hb_subset_preprocess is not used: on a 30,000-glyph
 * CFF font it takes over a second and saves almost nothing per subset.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface HarfBuzzSubsetExports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, lengthPtr: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, setType: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize(): void;
}

// hb-subset.h
const HB_MEMORY_MODE_READONLY = 1;
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;
/** Keeps each glyph at its index (TrueType fallback fonts: the index is the CID the content streams use). */
const HB_SUBSET_FLAGS_RETAIN_GIDS = 0x2;
/** Keeps the .notdef box, drawn for a character the font lacks (that character is also reported). */
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200;

/** Tables a PDF never reads from an embedded CID font: dropping them also skips the layout closure. */
const DROPPED_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'VORG', 'vhea', 'vmtx', 'DSIG'];

function tag(name: string): number {
  return ((name.charCodeAt(0) << 24) | (name.charCodeAt(1) << 16) | (name.charCodeAt(2) << 8) | name.charCodeAt(3)) >>> 0;
}

/** The WebAssembly API, which this project's TypeScript libraries (ES2022, no DOM) do not declare. */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const WebAssemblyRuntime = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let wasm: HarfBuzzSubsetExports | null = null;

function harfbuzz(): HarfBuzzSubsetExports {
  if (wasm) return wasm;
  const require = createRequire(import.meta.url);
  const module = new WebAssemblyRuntime.Module(readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')));
  const instance = new WebAssemblyRuntime.Instance(module, {});
  const exports = instance.exports as unknown as HarfBuzzSubsetExports;
  exports._initialize();
  wasm = exports;
  return exports;
}

interface LoadedFace {
  face: number;
  /** The font's bytes in the wasm heap, which the face reads. */
  ptr: number;
}

/** Faces by the caller's key for the font (its file path). Kept for the process's life. */
const faces = new Map<string, LoadedFace>();

function loadFace(fontBytes: Uint8Array, faceIndex: number): LoadedFace {
  const hb = harfbuzz();
  const ptr = hb.malloc(fontBytes.byteLength);
  if (ptr === 0) throw new Error('hb-subset: out of memory loading the font');
  new Uint8Array(hb.memory.buffer).set(fontBytes, ptr);
  const blob = hb.hb_blob_create(ptr, fontBytes.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, faceIndex);
  hb.hb_blob_destroy(blob);
  return { face, ptr };
}

function faceFor(key: string, fontBytes: Uint8Array, faceIndex: number): LoadedFace {
  let loaded = faces.get(key);
  if (!loaded) faces.set(key, (loaded = loadFace(fontBytes, faceIndex)));
  return loaded;
}

/**
 * A subset of the font holding exactly the glyphs of `codePoints` (plus .notdef), as an
 * OpenType file. Code points the font lacks are simply absent from the result; callers
 * find them through the font's own cmap.
 */
export function subsetFont(
  key: string,
  fontBytes: Uint8Array,
  codePoints: Iterable<number>,
  options: {
    retainGlyphIds?: boolean;
    faceIndex?: number;
    /**
     * Load the font for this subset only: the wasm heap is fixed at 64 MB, and fallback fonts
     * (tens of megabytes each, rarely needed) would not fit beside the bundled ones if kept.
     */
    transient?: boolean;
  } = {},
): Uint8Array {
  const hb = harfbuzz();
  const loaded = options.transient ? loadFace(fontBytes, options.faceIndex ?? 0) : faceFor(key, fontBytes, options.faceIndex ?? 0);
  try {
    return subsetFace(hb, loaded.face, codePoints, options.retainGlyphIds ?? false);
  } finally {
    if (options.transient) {
      hb.hb_face_destroy(loaded.face);
      hb.free(loaded.ptr);
    }
  }
}

function subsetFace(hb: HarfBuzzSubsetExports, face: number, codePoints: Iterable<number>, retainGlyphIds: boolean): Uint8Array {
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb-subset: could not create the subset input');
  try {
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const cp of codePoints) hb.hb_set_add(unicodes, cp);
    hb.hb_set_clear(hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
    const drop = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const t of DROPPED_TABLES) hb.hb_set_add(drop, tag(t));
    hb.hb_subset_input_set_flags(
      input,
      hb.hb_subset_input_get_flags(input) |
        HB_SUBSET_FLAGS_NO_HINTING |
        HB_SUBSET_FLAGS_NOTDEF_OUTLINE |
        HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE |
        (retainGlyphIds ? HB_SUBSET_FLAGS_RETAIN_GIDS : 0),
    );
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('hb-subset: subsetting failed');
    const blob = hb.hb_face_reference_blob(subset);
    try {
      const length = hb.hb_blob_get_length(blob);
      const data = hb.hb_blob_get_data(blob, 0);
      if (length === 0 || data === 0) throw new Error('hb-subset: the subset is empty');
      // Copy out: the heap may grow (and move) on the next call.
      return new Uint8Array(hb.memory.buffer, data, length).slice();
    } finally {
      hb.hb_blob_destroy(blob);
      hb.hb_face_destroy(subset);
    }
  } finally {
    hb.hb_subset_input_destroy(input);
  }
}
