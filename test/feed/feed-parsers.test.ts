import { expect } from '@open-wc/testing';
import type * as z from 'zod/mini';
import { envelopeSchema, feedExtensionSchema, itemSchema } from '../../src/feed/schema.js';
import { ENVELOPE, FEED_EXTENSION, ITEM } from '../../src/feed/generated/feed-parsers.js';
import { compile } from '../../src/feed/check.js';
import { explain, type Problem, type Rule } from '../../src/feed/explain.js';
import { fixtureUrl, mockUrl } from '../helpers/fixtures.js';

/**
 * The elements do not ship zod: the build writes the schema down as rules,
 * which they check items with (made into closures, src/feed/check.ts) and
 * walk to check the envelope and explain any rejected value
 * (src/feed/explain.ts). Both must agree with zod's interpreter on every
 * value: the same verdict, and for a rejected value the same problems,
 * phrased as the elements phrased zod's issues.
 */

/** How the elements phrased a zod issue when they ran zod's interpreter: the reference for explain(). */
function describeIssue(issue: z.core.$ZodIssue, prefix = ''): Problem {
  const field = issue.path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    prefix,
  );
  const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  const article = (kind: string) => (kind === 'array' || kind === 'object' ? `an ${kind}` : kind === 'null' ? 'null' : `a ${kind}`);
  let message: string;
  switch (issue.code) {
    case 'invalid_type':
      message =
        issue.input === undefined
          ? `is required and must be ${article(issue.expected)}`
          : `must be ${article(issue.expected)}, not ${article(kindOf(issue.input))}`;
      break;
    case 'invalid_value':
      message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(issue.input)}`;
      break;
    default:
      message = issue.message && issue.message !== 'Invalid input' ? issue.message : 'has a value of the wrong form';
  }
  return { ...(field && { field }), message };
}

/** Each schema, its rules, and the prefix of its fields. */
const SCHEMAS: [string, z.ZodMiniType, Rule, string][] = [
  ['item', itemSchema, ITEM, ''],
  ['envelope', envelopeSchema, ENVELOPE, ''],
  ['feed _library', feedExtensionSchema, FEED_EXTENSION, '_library'],
];

/** A small deterministic random source, so a failure can be reproduced. */
function random(seed: number) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
}

/** Values of every kind, including ones JSON cannot hold (readFeed takes any value). */
const ODD: unknown[] = [
  undefined, null, 0, -1, 1.5, NaN, Infinity, -Infinity, '', ' ', 'x', '\uD83D', 'Not A Slug', 'report', 'fact-sheet', 'institute',
  'withdrawn', 'https://jsonfeed.org/version/1.1', true, false, [], [''], [1], ['a'], [null], [{}], [[]], [{ url: '' }],
  [{ url: 'a.pdf', mime_type: 'application/pdf', size_in_bytes: -1 }], [{ name: 5 }], [{ id: 'x', label: '' }], [{ id: 'Bad', label: 'B' }],
  [{ id: 'ok', label: 'Ok', plural: '' }], {}, { length: 0 }, { length: 2 }, { length: null }, { length: '0' }, { name: 'N', url: 5 },
  { type: 'bad slug', origin: 'mars' }, { status: 'withdrawn' }, 1, 2, new Date(0),
];

/** Every field of the rule, as paths to set, following arrays into their first element. */
function paths(rule: Rule, prefix: (string | number)[] = []): (string | number)[][] {
  if (rule === 0) return [];
  if (rule[0] === '?') return paths(rule[1], prefix);
  if (rule[0] === 'a') return paths(rule[1], [...prefix, 0]);
  if (rule[0] !== 'o') return [];
  return rule[1].flatMap(([key, field]) => [[...prefix, key], ...paths(field, [...prefix, key])]);
}

/** `value` with `path` set (objects and arrays made on the way), or the key removed when `odd` is undefined half the time. */
function withValue(value: unknown, path: (string | number)[], odd: unknown, remove: boolean): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (odd === undefined && remove) delete node[last];
  else node[last] = odd;
  return copy;
}

async function samples(): Promise<Record<string, unknown[]>> {
  const sources = [
    'library/feed.json',
    'library/broken-items.json',
    'library/all-bad.json',
    'library/not-a-feed.json',
    'library/empty.json',
    'feeds/daringfireball-v1.1.json',
    'feeds/timetable-podcast-v1.json',
    'feeds/jsonfeed-org-v1.json',
    'feeds/influxdata-wordpress-v1.1.json',
  ].map(fixtureUrl);
  const documents: unknown[] = [];
  for (const url of [...sources, mockUrl('xss-feed')]) documents.push(await (await fetch(url)).json());
  const items = documents.flatMap((doc) => ((doc as { items?: unknown }).items instanceof Array ? (doc as { items: unknown[] }).items : []));
  const extensions = documents.map((doc) => (doc as { _library?: unknown })._library).filter((x) => x !== undefined);
  return { item: [...ODD, ...items], envelope: [...ODD, ...documents], 'feed _library': [...ODD, ...extensions] };
}

describe('the rule check (check.ts) and explain()', () => {
  let found: Record<string, unknown[]>;
  before(async () => {
    found = await samples();
  });

  for (const [name, schema, rule, prefix] of SCHEMAS) {
    it(`agree with zod's interpreter on every ${name}, and on each of its fields set to odd values`, () => {
      const accepts = compile(rule);
      const base = found[name]!.find((value) => schema.safeParse(value).success)!;
      const values = [...found[name]!];
      for (const path of paths(rule)) for (const odd of ODD) values.push(withValue(base, path, odd, true), withValue(base, path, odd, false));
      // And a few thousand values broken in two or three places at once.
      const next = random(name.length);
      const fields = paths(rule);
      for (let i = 0; i < 3000; i++) {
        let value = found[name]![Math.floor(next() * found[name]!.length)];
        if (typeof value !== 'object' || value === null) value = base;
        for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
          value = withValue(value, fields[Math.floor(next() * fields.length)]!, ODD[Math.floor(next() * ODD.length)], next() < 0.5);
        }
        values.push(value);
      }
      let accepted = 0;
      let rejected = 0;
      for (const value of values) {
        const result = schema.safeParse(value, { jitless: true, reportInput: true });
        const label = JSON.stringify(value)?.slice(0, 160);
        expect(accepts(value), label).to.equal(result.success);
        const expected = result.success ? [] : result.error.issues.map((issue) => describeIssue(issue, prefix));
        expect(explain(rule, value, prefix), label).to.deep.equal(expected);
        if (result.success) accepted++;
        else rejected++;
      }
      expect(accepted).to.be.greaterThan(name === 'item' ? 700 : 5);
      expect(rejected).to.be.greaterThan(1000);
    });
  }

  it('explains a missing required field, an empty id and a wrong union value as zod does', () => {
    expect(explain(ITEM, { id: '' })).to.deep.equal([{ field: 'id', message: 'must not be empty' }]);
    expect(explain(ITEM, { id: true })).to.deep.equal([{ field: 'id', message: 'has a value of the wrong form' }]);
    expect(explain(ITEM, { attachments: [{ mime_type: 'application/pdf' }] })).to.deep.equal([
      { field: 'attachments[0].url', message: 'is required and must be a string' },
    ]);
    expect(explain(ITEM, { tags: [] })).to.deep.equal([]);
    expect(explain(ITEM, 'x')).to.deep.equal([{ message: 'must be an object, not a string' }]);
    expect(explain(FEED_EXTENSION, { types: [{ id: 'Bad' }] }, '_library')).to.deep.equal([
      { field: '_library.types[0].id', message: 'must be a slug such as "report" or "fact-sheet"' },
      { field: '_library.types[0].label', message: 'is required and must be a string' },
    ]);
  });
});
