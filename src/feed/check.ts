/**
 * A verdict on a value against the feed's schema, fast enough to run once per
 * entry of a feed of 100,000.
 *
 * The rules (`generated/feed-parsers.js`, written from the zod schema) are
 * turned into a tree of small closures once, when first needed: each knows
 * its own field names, allowed values and bounds, so checking an entry
 * interprets nothing. It says only whether zod would accept the value;
 * `explain.ts` walks the same rules to say why not. Closures, not `new
 * Function`: the elements run under a strict Content-Security-Policy.
 * `test/feed/feed-parsers.test.ts` holds both to zod's interpreter.
 */
import { codePoints, isObject, type Rule } from './explain.js';

/** Whether zod would accept a value. */
export type Check = (value: unknown) => boolean;

const anything: Check = () => true;

/** The check for `rule`, built once; call it for each value. */
export function compile(rule: Rule): Check {
  if (rule === 0) return anything;
  switch (rule[0]) {
    case '?': {
      const inner = compile(rule[1]);
      return (value) => value === undefined || inner(value);
    }
    case 'o':
      return object(rule[1]);
    case 'a': {
      const entry = rule[1] === 0 ? undefined : compile(rule[1]);
      return (value) => {
        if (!Array.isArray(value)) return false;
        if (entry) for (let i = 0; i < value.length; i++) if (!entry(value[i])) return false;
        return true;
      };
    }
    case '|': {
      const options = rule[1].map(compile);
      return (value) => options.some((option) => option(value));
    }
    case 'e': {
      const allowed = rule[1];
      return (value) => allowed.includes(value);
    }
    default:
      return scalar(rule);
  }
}

function object(fields: readonly (readonly [string, Rule])[]): Check {
  // zod never reads an own `__proto__` key (explain.ts skips it too).
  const compiled = fields
    .filter(([key]) => key !== '__proto__')
    .map(([key, rule]) => ({ key, check: compile(rule), optional: rule !== 0 && rule[0] === '?' }));
  return (value) => {
    if (!isObject(value)) return false;
    for (const { key, check, optional } of compiled) {
      const field = value[key];
      // An absent field passes only when it is optional; a present one (even `undefined`) is checked.
      if (field === undefined && !(key in value)) {
        if (optional) continue;
        return false;
      }
      if (!check(field)) return false;
    }
    return true;
  };
}

function scalar(rule: Extract<Rule, readonly ['s' | 'n' | 'b', ...unknown[]]>): Check {
  const [kind, ...checks] = rule;
  const fits: Check =
    kind === 's'
      ? (value) => typeof value === 'string'
      : kind === 'n'
        ? (value) => typeof value === 'number' && Number.isFinite(value)
        : (value) => typeof value === 'boolean';
  if (checks.length === 0) return fits;
  const bounds: Check[] = checks.map(([check, bound]) => {
    switch (check) {
      case 'l':
        // zod counts code points, and only when units alone cannot settle it.
        return (value) => {
          const { length } = value as string;
          return length >= bound && length < bound * 2 ? codePoints(value as string) >= bound : length >= bound;
        };
      case 'r':
        return (value) => {
          bound.lastIndex = 0;
          return bound.test(value as string);
        };
      case '>=':
        return (value) => (value as number) >= bound;
      case '>':
        return (value) => (value as number) > bound;
    }
  });
  return (value) => fits(value) && bounds.every((within) => within(value));
}
