/** The window's size and place between launches; a damaged or foreign file is ignored. */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(800).max(10000),
  height: z.number().int().min(600).max(10000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof boundsSchema>;

export function loadWindowState(file: string): WindowState | null {
  try {
    const parsed = boundsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  const parsed = boundsSchema.safeParse(state);
  if (parsed.success) writeFileSync(file, JSON.stringify(parsed.data), { mode: 0o600 });
}
