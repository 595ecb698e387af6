// The handwriting set as a small JSON file, to carry a class's drawings to another browser:
// { format: 'paralelo-handwriting', version: 1, drawings: [{ label, image: base64 of 784 bytes }] }.
export const FORMAT = 'paralelo-handwriting';
export const MAX_FILE_DRAWINGS = 5000;

export interface LabelledImage { label: number; image: Uint8Array }

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
function unb64(s: string): Uint8Array {
  const bin = atob(s);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export function handwritingJson(drawings: readonly LabelledImage[]): string {
  return JSON.stringify({ format: FORMAT, version: 1, drawings: drawings.map((d) => ({ label: d.label, image: b64(d.image) })) });
}

/** The drawings of a file written by handwritingJson; throws an Error that says what is wrong. */
export function parseHandwriting(text: string): LabelledImage[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('not JSON');
  }
  const r = raw as { format?: unknown; version?: unknown; drawings?: unknown };
  if (!r || typeof r !== 'object' || r.format !== FORMAT) throw new Error(`not a ${FORMAT} file`);
  if (r.version !== 1) throw new Error(`version ${String(r.version)} is not supported`);
  if (!Array.isArray(r.drawings) || r.drawings.length > MAX_FILE_DRAWINGS) throw new Error(`"drawings" must be a list of at most ${MAX_FILE_DRAWINGS}`);
  return r.drawings.map((d: unknown, i) => {
    const x = d as { label?: unknown; image?: unknown };
    if (!x || !Number.isInteger(x.label) || (x.label as number) < 0 || (x.label as number) > 9) throw new Error(`drawing ${i + 1}: its label must be 0–9`);
    let image: Uint8Array;
    try {
      image = unb64(String(x.image));
    } catch {
      throw new Error(`drawing ${i + 1}: its image is not base64`);
    }
    if (image.length !== 784) throw new Error(`drawing ${i + 1}: its image has ${image.length} bytes, not 784 (28 × 28)`);
    return { label: x.label as number, image };
  });
}
