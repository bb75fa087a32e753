/**
 * Which addresses the Electron shell may hand to the system browser (`shell.openExternal`):
 * only the association's own sites, as the schemes name them (`website`) and the server the
 * app talks to. Anything else a page asks to open (another site, a file, a custom protocol
 * that starts a program) is refused.
 */

/** The origins of the given addresses that are web addresses; anything unparsable is left out. */
export function allowedOrigins(addresses: readonly (string | null | undefined)[]): Set<string> {
  const origins = new Set<string>();
  for (const address of addresses) {
    if (!address) continue;
    try {
      const url = new URL(address);
      if (url.protocol === 'https:' || url.protocol === 'http:') origins.add(url.origin);
    } catch {
      // not an address: nothing to allow
    }
  }
  return origins;
}

export function mayOpenExternally(url: string, origins: ReadonlySet<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return origins.has(parsed.origin);
}
