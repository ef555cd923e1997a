/**
 * Joins names the French way, for bylines: `A`, `A et B`, `A, B et C`
 * (no serial comma before « et »). An empty list gives `''`.
 */
export function joinFrench(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;
}
