import { describe, expect, it } from 'vitest';
import { checkOnboardingFile, checkOnboardingFiles, MAX_ONBOARDING_FILE_BYTES } from '../../../../shared/domain/onboarding';
import type { VoucherType } from '../../../../shared/domain/payment';

const bytes = (prefix: number[], text = '') => new Uint8Array([...prefix, ...Array.from(text, (c) => c.charCodeAt(0))]);
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const PDF = bytes([], '%PDF-1.7\n');
const DOCX = bytes([0x50, 0x4b, 0x03, 0x04], '[Content_Types].xml word/document.xml');
const XLSX = bytes([0x50, 0x4b, 0x03, 0x04], '[Content_Types].xml xl/workbook.xml');
const EXE = bytes([0x4d, 0x5a, 0x90, 0x00], 'This program cannot be run in DOS mode');
const WUXI: VoucherType[] = ['pdf', 'png', 'jpeg'];

describe('an onboarding attachment is judged by its content against the types the scheme allows', () => {
  const cases: [string, Uint8Array, VoucherType[], string | null][] = [
    ['a PNG', PNG, WUXI, null],
    ['a JPEG', JPEG, WUXI, null],
    ['a PDF', PDF, WUXI, null],
    ['a Word file where the scheme takes images and PDF only', DOCX, WUXI, 'fileType'],
    ['a Word file where the scheme takes it', DOCX, ['pdf', 'docx'], null],
    ['an xlsx renamed .pdf', XLSX, WUXI, 'fileType'],
    ['an exe renamed .jpg', EXE, WUXI, 'fileType'],
    ['an empty file', new Uint8Array(0), WUXI, 'fileEmpty'],
    ['a PDF one byte over 5 MB', new Uint8Array(MAX_ONBOARDING_FILE_BYTES + 1).fill(0x25), WUXI, 'fileTooLarge'],
  ];
  it.each(cases)('%s', (_label, file, allowed, code) => {
    const result = checkOnboardingFile(file, allowed);
    expect(result.ok ? null : result.problem.code).toBe(code);
  });

  it('names the types the scheme allows, and the type a refused file is', () => {
    const result = checkOnboardingFile(DOCX, WUXI);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toBe('只能上传 PDF、PNG、JPG 文件；该文件是 Word（docx）');
  });

  const sets: [string, number, { min: number; max: number }, string | null, number | null][] = [
    ['none when one is required', 0, { min: 1, max: 3 }, 'tooFewFiles', null],
    ['four when three at most', 4, { min: 1, max: 3 }, 'tooManyFiles', null],
    ['three', 3, { min: 1, max: 3 }, null, null],
  ];
  it.each(sets)('a set of files: %s', (_label, n, limits, code) => {
    const files = Array.from({ length: n }, (_, i) => ({ name: `f${i}.png`, bytes: PNG }));
    expect(checkOnboardingFiles(files, WUXI, limits)?.problem.code ?? null).toBe(code);
  });

  it('names the file at fault by position and name', () => {
    const result = checkOnboardingFiles([{ name: '执照.png', bytes: PNG }, { name: '执照.jpg', bytes: XLSX }], WUXI, { min: 1, max: 3 });
    expect(result?.index).toBe(1);
    expect(result?.problem.message).toMatch(/^第 2 个文件（执照\.jpg）：只能上传/);
  });
});
