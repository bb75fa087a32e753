/**
 * Log lines never carry personal data: requests are logged by route pattern (never the URL,
 * the body or a header), and any text that might hold an ID or bank card number has every
 * run of six or more digits masked.
 */
export type LogSink = (line: string) => void;

export function scrubDigits(text: string): string {
  return text.replace(/\d{6,}[\dXx]?/g, '[已隐藏]');
}
