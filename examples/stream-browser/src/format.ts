/** Binary units: 1 KiB = 1024 bytes. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** `sha256:1a06d68cb911…` */
export function shortDigest(digest: string | null | undefined): string {
  if (!digest) return '—';
  const [algo, hex = ''] = digest.split(':');
  return `${algo}:${hex.slice(0, 12)}`;
}

export function formatTime(time: string | null | undefined): string {
  return time ? time.replace('T', ' ').replace('Z', ' UTC') : '—';
}
