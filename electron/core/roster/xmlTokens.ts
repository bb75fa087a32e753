/**
 * Reading the XML parts of an xlsx (sheets, shared strings, styles, workbook) as a flat
 * stream of tags and text, fed in chunks. The parts are machine-written SpreadsheetML:
 * no DTDs, no entities beyond the predefined ones and character references, so a tag
 * scanner does the job of a general XML parser at a fraction of its cost per cell, which
 * is what lets a 100,000-row import cost about what exceljs spends just reading the file.
 */
import { tooLargeError, unsafeMarkupError } from './errors';
import { MAX_MARKUP_CHARS, MAX_XML_DEPTH } from './rosterLimits';

export interface XmlHandler {
  /** The local names (namespace prefix removed) of the elements the handler reads; others pass by unseen. */
  readonly names: readonly string[];
  /**
   * A start tag of `names[name]`: its source (after `<`, before `>` or `/>`) is
   * `source.slice(start, end)`, read with `attributeIn`. A handler that reads the element's
   * content and end tag itself (a common shape it recognises, wholly in `source`) returns the
   * index just after that end tag, where the tokenizer goes on; its close() is then not called.
   */
  open(name: number, source: string, start: number, end: number, selfClosing: boolean): number | void;
  close(name: number): void;
  /** Raw text (entities not yet decoded) between tags, only while `capturing` is true. */
  text(raw: string): void;
  readonly capturing: boolean;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text or attribute value with the predefined entities and character references decoded. */
export function decodeXml(raw: string): string {
  if (raw.indexOf('&') === -1) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 0x23 /* # */) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** Excel writes characters XML cannot hold (carriage returns, control characters) as _xHHHH_. */
export function decodeEscapedCharacters(text: string): string {
  if (text.indexOf('_x') === -1) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** XML's whitespace: space, tab, line feed, carriage return. */
export function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The index of `code` in `source` at or after `from` and before `end`, or -1; never looks past `end` (the tag). */
export function indexWithin(source: string, code: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (source.charCodeAt(i) === code) return i;
  return -1;
}

/**
 * The decoded value of attribute `name` (prefix included, e.g. `r:id`) in the tag source
 * `source.slice(start, end)`, or undefined. Reads the range in place: a sheet's million
 * cells are never copied out as tag strings.
 */
export function attributeIn(source: string, start: number, end: number, name: string): string | undefined {
  const first = name.charCodeAt(0);
  for (let at = indexWithin(source, first, start, end); at !== -1; at = indexWithin(source, first, at + 1, end)) {
    if (!source.startsWith(name, at)) continue;
    const before = source.charCodeAt(at - 1);
    let i = at + name.length;
    while (i < end && isXmlSpace(source.charCodeAt(i))) i++;
    if (at > start && isXmlSpace(before) && source.charCodeAt(i) === 0x3d /* = */) {
      i++;
      while (i < end && isXmlSpace(source.charCodeAt(i))) i++;
      const quote = source.charCodeAt(i);
      if (quote === 0x22 || quote === 0x27) {
        const close = indexWithin(source, quote, i + 1, end);
        if (close !== -1) return decodeXml(source.slice(i + 1, close));
      }
      return undefined;
    }
  }
  return undefined;
}

/** The decoded value of attribute `name` in a start tag's source (`c r="A1" t="s"`), or undefined. */
export function attribute(tag: string, name: string): string | undefined {
  return attributeIn(tag, 0, tag.length, name);
}

/** The end (index of `>`) of the tag starting at `from`, skipping `>` inside quoted values; -1 when not in `s` yet. */
function tagEnd(s: string, from: number): number {
  let at = from;
  for (;;) {
    const gt = s.indexOf('>', at);
    if (gt === -1) return -1;
    let quote = -1;
    for (let i = at; i < gt; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x22 || c === 0x27) {
        quote = i;
        break;
      }
    }
    if (quote === -1) return gt;
    const closeQuote = s.indexOf(s[quote]!, quote + 1);
    if (closeQuote === -1) return -1;
    at = closeQuote + 1;
  }
}

/** The index in `names` of the element name at `start` (up to whitespace, `/` or `>`), prefix ignored; -1 when not there. */
function nameIndex(s: string, start: number, names: readonly string[]): number {
  let end = start;
  let local = start;
  for (; end < s.length; end++) {
    const c = s.charCodeAt(end);
    if (isXmlSpace(c) || c === 0x2f /* / */ || c === 0x3e /* > */) break;
    if (c === 0x3a /* : */) local = end + 1;
  }
  const length = end - local;
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    if (name.length === length && s.startsWith(name, local)) return k;
  }
  return -1;
}

function markupTooLong(): Error {
  return tooLargeError(`文件中有一段 XML 标记超过 ${MAX_MARKUP_CHARS} 个字符`);
}

/** The chunk ends before `<!` shows whether it opens a comment or CDATA section. */
function couldStillOpen(s: string, lt: number): boolean {
  const tail = s.slice(lt);
  return tail.length < 9 && ('<!--'.startsWith(tail) || '<![CDATA['.startsWith(tail));
}

/**
 * Feeds chunks of XML text to a handler; a tag split across chunks waits for the rest.
 * Linear in its input: text is handed on (or dropped) as far as the chunk goes, so only an
 * unfinished tag is carried to the next chunk, and that is bounded by MAX_MARKUP_CHARS.
 * A DTD is refused rather than skipped: SpreadsheetML has none, and its entities are never
 * expanded here.
 */
export class XmlTokenizer {
  private rest = '';
  /** The document's root element has closed. */
  ended = false;
  private depth = 0;
  /** Something other than whitespace came after the root element. */
  private trailing = false;

  constructor(private readonly handler: XmlHandler) {}

  feed(chunk: string): void {
    const s = this.rest.length > 0 ? this.rest + chunk : chunk;
    const h = this.handler;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt === -1) {
        this.text(s, pos, s.length);
        pos = s.length;
        break;
      }
      if (lt > pos) this.text(s, pos, lt);
      pos = lt;
      const next = s.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end === -1) break;
          if (end - lt > MAX_MARKUP_CHARS) throw markupTooLong();
          pos = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end === -1) break;
          // CDATA is text taken literally: escape its ampersands so decoding leaves them as they are.
          if (h.capturing) h.text(s.slice(lt + 9, end).replace(/&/g, '&amp;'));
          pos = end + 3;
        } else if (couldStillOpen(s, lt)) {
          break;
        } else {
          throw unsafeMarkupError();
        }
        continue;
      }
      if (next === 0x3f /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end === -1) break;
        if (end - lt > MAX_MARKUP_CHARS) throw markupTooLong();
        pos = end + 2;
        continue;
      }
      const end = tagEnd(s, lt + 1);
      if (end === -1) break;
      if (end - lt > MAX_MARKUP_CHARS) throw markupTooLong();
      if (next === 0x2f /* / */) {
        const name = nameIndex(s, lt + 2, h.names);
        if (name !== -1) h.close(name);
        if (--this.depth === 0) this.ended = true;
      } else {
        const selfClosing = s.charCodeAt(end - 1) === 0x2f;
        const name = nameIndex(s, lt + 1, h.names);
        const after = name !== -1 ? h.open(name, s, lt + 1, selfClosing ? end - 1 : end, selfClosing) : undefined;
        if (typeof after === 'number') {
          if (this.depth === 0) this.ended = true;
          pos = after;
          continue;
        }
        if (selfClosing) {
          if (this.depth === 0) this.ended = true;
        } else if (++this.depth > MAX_XML_DEPTH) {
          throw tooLargeError(`文件中的 XML 元素嵌套超过 ${MAX_XML_DEPTH} 层`);
        }
      }
      pos = end + 1;
    }
    this.rest = pos === 0 ? s : s.slice(pos);
    // A tag, comment or CDATA section still open: the next chunk's search starts over it, so it must stay short.
    if (this.rest.length > MAX_MARKUP_CHARS) throw markupTooLong();
  }

  /** Text between tags: to the handler while it captures; otherwise only whether it trails the root element matters. */
  private text(s: string, from: number, to: number): void {
    if (from >= to) return;
    if (this.handler.capturing) {
      this.handler.text(s.slice(from, to));
      return;
    }
    if (!this.ended || this.trailing) return;
    for (let i = from; i < to; i++) {
      if (!isXmlSpace(s.charCodeAt(i))) {
        this.trailing = true;
        return;
      }
    }
  }

  /** Whether the input ended cleanly: the root element closed and nothing but whitespace after it. */
  complete(): boolean {
    return this.ended && !this.trailing && this.rest.trim() === '';
  }
}

/** Runs a whole part through a handler; false when the part ends before its root element closes. */
export function tokenizeXml(xml: string, handler: XmlHandler): boolean {
  const tokenizer = new XmlTokenizer(handler);
  tokenizer.feed(xml);
  return tokenizer.complete();
}
