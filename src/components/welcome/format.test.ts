import { describe, expect, it } from 'vitest';
import { formatDuration, formatMinutes } from './format';

describe('welcome page times', () => {
  it('writes a lesson time in minutes', () => {
    expect(formatMinutes('en', 10)).toBe('10 min');
    expect(formatMinutes('es', 35)).toBe('35 min');
  });

  it('writes the course in hours to the nearest half, with the language decimal mark', () => {
    expect(formatDuration('en', 125)).toBe('2 hours');
    expect(formatDuration('es', 125)).toBe('2 horas');
    expect(formatDuration('en', 95)).toBe('1.5 hours');
    expect(formatDuration('es', 95)).toBe('1,5 horas');
    expect(formatDuration('es', 45)).toBe('45 min');
  });
});
