/**
 * The five schemes that ship with the app and the reference server, one per seed manual.
 * They are validated on first use exactly as a scheme from the server would be.
 */
import { loadScheme, type Scheme } from '../domain/scheme';
import qingdao2025 from './qingdao-2025.json';
import shanghai2020 from './shanghai-2020.json';
import shenzhen from './shenzhen.json';
import suzhou2024 from './suzhou-2024.json';
import wuxi2023 from './wuxi-2023.json';

/** The raw files, for tests and the server's catalogue seeding. */
export const BUILT_IN_SCHEME_FILES: Readonly<Record<string, unknown>> = {
  'suzhou-2024': suzhou2024,
  'wuxi-2023': wuxi2023,
  'shanghai-2020': shanghai2020,
  'shenzhen': shenzhen,
  'qingdao-2025': qingdao2025,
};

let cache: Scheme[] | null = null;

// Shared by every caller, so nobody may change them in place.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** All built-in schemes, loaded, validated and frozen (throws SchemeError if a shipped file is broken). */
export function builtInSchemes(): Scheme[] {
  cache ??= Object.values(BUILT_IN_SCHEME_FILES).map((file) => deepFreeze(loadScheme(file)));
  return cache;
}

export function schemeById(id: string): Scheme | undefined {
  return builtInSchemes().find((s) => s.id === id);
}
