// The text of an invalid option, made from its declaration (src/backends/options.ts): the rule and
// the range come from the schema, so a message can never name a stale limit.
import type { OptionProblem, OptionError } from '../backends/options';
import { assertNever } from '../backends/types';
import { t, type Lang } from './index';

export function optionProblemText(lang: Lang, { key, spec, got }: OptionProblem): string {
  switch (spec.type) {
    case 'int': return t(lang, 'opt_int', { key, min: spec.min, max: spec.max, got });
    case 'number': return t(lang, spec.minExclusive ? 'opt_numberOpen' : 'opt_number', { key, min: spec.min, max: spec.max, got });
    case 'bool': return t(lang, 'opt_bool', { key, got });
    case 'enum': return t(lang, 'opt_enum', { key, values: spec.values.join(', '), got });
    default: return assertNever(spec);
  }
}

export function optionErrorText(lang: Lang, scope: OptionError['scope'], problems: readonly OptionProblem[]): string {
  const list = problems.map((p) => optionProblemText(lang, p)).join('; ');
  return scope === 'training' ? t(lang, 'cfgInvalid', { list }) : t(lang, 'optInvalid', { backend: scope, list });
}
