/**
 * ISO 7064 MOD 11-2, the check character of the resident ID (GB 11643-1999) and of the
 * documents numbered like it (permanent residence ID, HK/Macao/Taiwan residence permits).
 */

export const MOD11_2_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The check character for each remainder 0..10. */
export const MOD11_2_CHECK_CHARACTERS = '10X98765432';

const W = Int32Array.from(MOD11_2_WEIGHTS);

/**
 * The check character of the first 17 characters of `s`, or null when they are not 17
 * ASCII digits. Reads character codes only, so it allocates nothing but the result.
 */
export function mod11_2CheckCharacter(s: string): string | null {
  if (s.length < 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    sum += d * W[i]!;
  }
  return MOD11_2_CHECK_CHARACTERS[sum % 11]!;
}
