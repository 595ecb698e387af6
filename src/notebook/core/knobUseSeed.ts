// Knob use found at build time for the lessons' code cells (src/lessons/compile.ts), by source, kept
// apart from knobUse.ts so the lessons' loader (src/lessons/index.ts, which boot.ts runs first) does
// not pull acorn in before the page's first render. knobUse.ts takes a seed instead of parsing.
import type { SerialKnobUse } from './knobUse';

const seeds = new Map<string, SerialKnobUse>();

export function seedKnobUse(source: string, use: SerialKnobUse): void {
  seeds.set(source, use);
}

export function knobUseSeed(source: string): SerialKnobUse | undefined {
  return seeds.get(source);
}
