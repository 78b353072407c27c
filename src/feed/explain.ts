/**
 * Why a value does not fit the feed's schema, in the words editors see.
 *
 * The schema is defined with zod (`schema.ts`), but zod is not shipped: the
 * build writes each schema down as rules (`generated/feed-parsers.js`, by
 * `scripts/build-feed-parsers.ts`). This walks the rules the way zod's
 * interpreter (4.6) walks the schema — the same issues, in the same order,
 * with the same paths — and phrases each issue as the elements always have;
 * no problem means zod would accept the value. It checks the envelope and
 * the feed's `_library`, and explains the items that `check.ts` (the same
 * rules, as closures) rejected. The build refuses any kind
 * of schema or check not handled here; `test/feed/feed-parsers.test.ts`
 * compares the result with zod's interpreter on every fixture and on
 * thousands of broken values.
 */

/** A schema as data (see `scripts/build-feed-parsers.ts`, which writes these). */
export type Rule =
  /** `z.unknown()`: anything. */
  | 0
  | readonly ['?', Rule]
  /** An object: its fields in the schema's order; other keys are allowed. */
  | readonly ['o', readonly (readonly [string, Rule])[]]
  | readonly ['a', Rule]
  | readonly ['|', readonly Rule[]]
  /** `z.enum()` or `z.literal()`: one of these values. */
  | readonly ['e', readonly unknown[]]
  /** A string, number or boolean, and its checks. */
  | readonly ['s' | 'n' | 'b', ...Check[]];

/** Minimum length, pattern, or lower bound; each with the message readers see. */
type Check = readonly ['l', number, string] | readonly ['r', RegExp, string] | readonly ['>=' | '>', number, string];

export interface Problem {
  /** Path of the field, such as `authors[0].name`; absent for the value itself. */
  field?: string;
  message: string;
}

type Path = readonly (string | number)[];

/** An issue as zod's interpreter raises it; `soft` is zod's `continue`: a check's issue, which does not stop the value's other checks. */
interface Issue {
  path: Path;
  message: string;
  soft?: boolean;
}

/**
 * The problems zod would report for `value` against `rule`, phrased for
 * editors; `prefix` goes before every field (`_library`). Empty when the
 * value fits.
 */
export function explain(rule: Rule, value: unknown, prefix = ''): Problem[] {
  const issues: Issue[] = [];
  run(rule, value, [], issues);
  return issues.map(({ path, message }) => {
    const field = path.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
      prefix,
    );
    return field ? { field, message } : { message };
  });
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(kind: string): string {
  return kind === 'array' || kind === 'object' ? `an ${kind}` : kind === 'null' ? 'null' : `a ${kind}`;
}

/** zod's `invalid_type`. */
function wrongType(issues: Issue[], path: Path, expected: string, input: unknown): void {
  issues.push({
    path,
    message: input === undefined ? `is required and must be ${article(expected)}` : `must be ${article(expected)}, not ${article(kindOf(input))}`,
  });
}

const TYPES = { s: 'string', n: 'number', b: 'boolean' } as const;

function run(rule: Rule, value: unknown, path: Path, issues: Issue[]): void {
  if (rule === 0) return;
  switch (rule[0]) {
    case '?':
      if (value !== undefined) run(rule[1], value, path, issues);
      return;
    case 'o': {
      if (!isObject(value)) return wrongType(issues, path, 'object', value);
      for (const [key, field] of rule[1]) {
        if (key === '__proto__') continue;
        const own: Issue[] = [];
        run(field, value[key], [...path, key], own);
        const present = key in value;
        // An absent optional field is fine whatever it holds; a required one that accepts undefined is still required.
        if (!present && field !== 0 && field[0] === '?') continue;
        issues.push(...own);
        if (!present && own.length === 0) wrongType(issues, [...path, key], 'nonoptional', undefined);
      }
      return;
    }
    case 'a':
      if (!Array.isArray(value)) return wrongType(issues, path, 'array', value);
      // Entries of any kind (the envelope's items, checked one by one later) need no walk.
      if (rule[1] !== 0) for (let i = 0; i < value.length; i++) run(rule[1], value[i], [...path, i], issues);
      return;
    case '|': {
      const results: Issue[][] = [];
      for (const option of rule[1]) {
        const own: Issue[] = [];
        run(option, value, path, own);
        if (own.length === 0) return;
        results.push(own);
      }
      // One option that failed only on a check (an empty string where a non-empty one is wanted) says why; otherwise the union does.
      const unstopped = results.filter((own) => own.every((issue) => issue.soft));
      if (unstopped.length === 1) issues.push(...unstopped[0]!);
      else issues.push({ path, message: 'has a value of the wrong form' });
      return;
    }
    case 'e':
      if (!rule[1].includes(value)) {
        issues.push({ path, message: `must be one of ${rule[1].map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}` });
      }
      return;
    default: {
      const [kind, ...checks] = rule;
      const expected = TYPES[kind];
      const fits = typeof value === expected && (kind !== 'n' || Number.isFinite(value));
      if (!fits) wrongType(issues, path, expected, value);
      for (const [check, bound, message] of checks) {
        // zod runs a length check on any value with a length, even of the wrong type; the other checks only on the right type.
        if (check === 'l') {
          if (value === null || value === undefined) continue;
          const length = (value as { length?: unknown }).length;
          if (length === undefined) continue;
          if (typeof value === 'string' && value.length >= bound && value.length < bound * 2 ? codePoints(value) >= bound : (length as number) >= bound) continue;
        } else if (!fits) continue;
        else if (check === 'r') {
          bound.lastIndex = 0;
          if (bound.test(value as string)) continue;
        } else if (check === '>=' ? (value as number) >= bound : (value as number) > bound) continue;
        issues.push({ path, message, soft: true });
      }
    }
  }
}

/** Code points, as zod counts a string's length (a surrogate pair is one). */
export function codePoints(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    if ((value.charCodeAt(i) & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}
