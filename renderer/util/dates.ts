/** Times the core sends (ISO timestamps) as a clerk in China reads them. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const china = new Date(ms + 8 * 3600_000).toISOString();
  return `${china.slice(0, 10)} ${china.slice(11, 16)}`;
}
