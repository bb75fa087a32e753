/**
 * Measures and wraps text in the document fonts. Results are cached: a roster repeats the
 * same plan names and genders thousands of times.
 */
import type { DocumentFonts } from '../font/fontChain';
import type { TextStyle } from './page';
import { wrapText } from './textWrap';

export class Typesetter {
  private readonly wrapped = new Map<string, string[]>();

  constructor(private readonly fonts: DocumentFonts) {}

  width(text: string, style: TextStyle): number {
    return this.fonts[style.weight].widthOf(text, style.size);
  }

  /** The lines of `text` within `maxWidth`. */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    // Most cells fit on one line: answer those without building a cache key.
    if (!text.includes('\n') && this.width(text, style) <= maxWidth) return [text];
    const key = `${style.weight}|${style.size}|${maxWidth.toFixed(2)}|${text}`;
    let lines = this.wrapped.get(key);
    if (!lines) {
      const font = this.fonts[style.weight];
      lines = wrapText(text, maxWidth, (t) => font.widthOf(t, style.size));
      this.wrapped.set(key, lines);
    }
    return lines;
  }
}
