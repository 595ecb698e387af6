// Turns a cell's value into readable text: typed arrays and long arrays are summarised.
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined || typeof v === 'bigint') return String(v);
  if (typeof v === 'function') return `ƒ ${v.name || 'anonymous'}()`;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  try {
    return JSON.stringify(
      v,
      (_k, x: unknown) => {
        if (ArrayBuffer.isView(x)) return `${x.constructor.name}(${(x as unknown as { length: number }).length})`;
        if (Array.isArray(x) && x.length > 50) return [...x.slice(0, 50), `… ${x.length - 50} more`];
        if (typeof x === 'number' && !Number.isInteger(x)) return Number(x.toPrecision(6));
        return x;
      },
      2,
    );
  } catch {
    return String(v);
  }
}
