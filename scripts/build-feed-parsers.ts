/**
 * `npm run build:parsers [-- --check]`
 *
 * Turns the feed's zod schemas (`src/feed/schema.ts`) into plain JavaScript,
 * written to `src/feed/generated/feed-parsers.js`, so that the elements read
 * feeds without loading zod:
 *
 * - `isItem`: the check zod's own compiler generates for `itemSchema` (its
 *   assert-only form: a verdict, no copy of the value), around a sentinel of
 *   our own. It says whether zod would accept an entry, without `new
 *   Function` at runtime, so it works under a strict Content-Security-Policy;
 *   it runs once per entry, where speed matters.
 * - `ENVELOPE`, `FEED_EXTENSION`, `ITEM`: the schemas as data (rules), which
 *   `src/feed/explain.ts` walks the way zod's interpreter walks the schema:
 *   to check the envelope and the feed's `_library` (once per feed, where a
 *   compiled check would only add bytes), and to say why a value was
 *   rejected, in the words zod gives. Only the kinds of schema and check the
 *   feed uses can be written down; anything else stops the build with a
 *   message saying what to extend.
 *
 * The generated file is committed (tests and Storybook read `src/`); `--check`
 * exits 1 when it is not what this script would write, and `npm test` runs it.
 * `test/feed/feed-parsers.test.ts` holds both halves to zod's interpreter.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { compileFn } from 'zod/v4/core';
import { envelopeSchema, feedExtensionSchema, itemSchema } from '../src/feed/schema.js';

const out = resolve(import.meta.dirname, '..', 'src', 'feed', 'generated', 'feed-parsers.js');
const types = out.replace(/\.js$/, '.d.ts');
const zodVersion = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'node_modules', 'zod', 'package.json'), 'utf8')).version;

type Schema = z.core.$ZodType;

/** Each schema, the name of its compiled check (only where values are checked by the thousand), and of its rules. */
const SCHEMAS: [name: string, check: string | undefined, rules: string, schema: Schema][] = [
  ['envelopeSchema', undefined, 'ENVELOPE', envelopeSchema],
  ['feedExtensionSchema', undefined, 'FEED_EXTENSION', feedExtensionSchema],
  ['itemSchema', 'isItem', 'ITEM', itemSchema],
];

// ---------------------------------------------------------------------------
// The checks: zod's compiler output, with its constants written into the module

/** zod's `util.codePointLength`, which the generated code calls for short strings; checked against zod's below. */
const CODE_POINT_LENGTH = `function codePointLength(str) {
  const units = str.length;
  if (!/[\\uD800-\\uDBFF]/.test(str)) return units;
  let count = units;
  for (let i = 0; i < units - 1; i++) {
    if ((str.charCodeAt(i) & 0xfc00) === 0xd800 && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}`;

const ownCodePointLength = new Function(`${CODE_POINT_LENGTH}; return codePointLength;`)() as (s: string) => number;
for (const sample of ['', 'a', '\uD83D', '\uD83D\uDE00', 'a\uD83D\uDE00b', '\uDE00\uD83D', '\uD83D\uD83D\uDE00']) {
  if (ownCodePointLength(sample) !== z.util.codePointLength(sample)) throw new Error('codePointLength no longer matches zod’s: update CODE_POINT_LENGTH');
}

function compileCheck(name: string, schema: Schema): string {
  // compileFn hands the generated body its constants as parameters; each must be something a module can write down again.
  const compiled = compileFn(schema, { debug: true, assertOnly: true }) as ((input: unknown) => unknown) & { code?: string; definite?: boolean };
  const [header, ...body] = (compiled.code ?? '').split('\n');
  const names = /^\/\/ Constants: (.*)$/.exec(header ?? '')?.[1]?.split(', ') ?? [];
  if (names[0] !== 'INVALID' || body.length === 0) throw new Error(`zod did not return the check for ${name} in the expected form`);
  if (!compiled.definite) throw new Error(`the compiled check for ${name} is not definite: a schema part runs user code`);
  if (body.at(-1) !== 'return true;') throw new Error(`the compiled check for ${name} does not end by accepting: was assertOnly dropped?`);
  const values = captureConstants(schema, names.length).slice(1);
  const params = names.slice(1);
  const args = values.map((value, i) => serialiseConstant(value, params[i]!, name));
  const indented = body.map((line) => (line ? `  ${line}` : line)).join('\n');
  return `((${params.join(', ')}) => (input) => {\n${indented}\n})(${args.join(', ')})`;
}

/** The constants' values: compile again while recording what compileFn passes to `new Function`. */
function captureConstants(schema: Schema, count: number): unknown[] {
  const original = globalThis.Function;
  let captured: unknown[] = [];
  const Spy = function (...args: string[]) {
    const factory = original(...args) as (...values: unknown[]) => unknown;
    return (...values: unknown[]) => {
      captured = values;
      return factory(...values);
    };
  } as unknown as FunctionConstructor;
  globalThis.Function = Spy;
  try {
    compileFn(schema, { assertOnly: true });
  } finally {
    globalThis.Function = original;
  }
  if (captured.length !== count) throw new Error(`expected ${count} constants, got ${captured.length}`);
  return captured;
}

function serialiseConstant(value: unknown, name: string, schema: string): string {
  if (value instanceof RegExp) return value.toString();
  if (value instanceof Set) return `new Set(${JSON.stringify([...value])})`;
  if (value === z.util.codePointLength) return 'codePointLength';
  throw new Error(`constant ${name} of ${schema} (${String(value)}) cannot be written into a module; extend serialiseConstant() or simplify the schema`);
}

// ---------------------------------------------------------------------------
// The rules: the schema as data, for src/feed/explain.ts (whose Rule type this follows)

function rules(schema: Schema, where: string): string {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const checks = (def.checks ?? []) as z.core.$ZodCheck[];
  const refuse = (what: string): never => {
    throw new Error(`${where}: ${what} is not something src/feed/explain.ts can explain; extend it (and rules() here) or simplify the schema`);
  };
  if (def.type !== 'string' && def.type !== 'number' && checks.length) refuse(`a ${def.type} with checks`);
  switch (def.type) {
    case 'unknown':
      return '0';
    case 'optional': {
      const inner = def.innerType as Schema;
      if (inner._zod.optin !== undefined) refuse('an optional around an optional, default or unknown');
      return `['?', ${rules(inner, where)}]`;
    }
    case 'object': {
      if (def.catchall) refuse('an object with a catchall (strict or loose)');
      const shape = def.shape as Record<string, Schema>;
      if (Object.getOwnPropertySymbols(shape).length) refuse('a symbol key');
      const fields = Object.entries(shape).map(([key, field]) => {
        if (field._zod.optin !== undefined && field._zod.def.type !== 'optional') refuse(`the field "${key}" (optional without z.optional)`);
        return `[${JSON.stringify(key)}, ${rules(field, `${where}.${key}`)}]`;
      });
      return `['o', [${fields.join(', ')}]]`;
    }
    case 'array':
      return `['a', ${rules(def.element as Schema, `${where}[]`)}]`;
    case 'union': {
      const options = def.options as Schema[];
      if (def.inclusive === false || 'discriminator' in def) refuse('an exclusive or discriminated union');
      if (options.length < 2) refuse('a union of one');
      if (options.some((option) => option._zod.optin !== undefined)) refuse('a union with an optional or unknown option');
      return `['|', [${options.map((option, i) => rules(option, `${where}|${i}`)).join(', ')}]]`;
    }
    case 'enum':
      return `['e', ${JSON.stringify(Object.values(def.entries as Record<string, unknown>))}]`;
    case 'literal':
      return `['e', ${JSON.stringify(def.values)}]`;
    case 'string':
    case 'number':
    case 'boolean': {
      if (def.coerce) refuse('coercion');
      return `['${def.type[0]}'${checks.map((check) => `, ${checkRule(check, where)}`).join('')}]`;
    }
    default:
      return refuse(`a ${def.type}`);
  }
}

const DEFAULT_LENGTH_WHEN = z.minLength(1)._zod.def.when;

function checkRule(check: z.core.$ZodCheck, where: string): string {
  const def = check._zod.def as z.core.$ZodCheckDef & Record<string, unknown>;
  // Issues are shown with the schema's own words, so every check must carry one: zod's defaults depend on its locale.
  const message = typeof def.error === 'function' ? (def.error as () => unknown)() : undefined;
  if (typeof message !== 'string' || message === '') throw new Error(`${where}: give the ${def.check} check a message of its own (the text readers see)`);
  if (def.abort) throw new Error(`${where}: a check with abort is not supported by src/feed/explain.ts`);
  const text = JSON.stringify(message);
  // zod runs a length check even on a value of the wrong type, when it has a length: explain.ts does the same, for zod's own condition only.
  if (def.check === 'min_length' && def.when === DEFAULT_LENGTH_WHEN) return `['l', ${def.minimum as number}, ${text}]`;
  if (def.check === 'string_format' && def.format === 'regex' && def.when === undefined) return `['r', ${(def.pattern as RegExp).toString()}, ${text}]`;
  if (def.check === 'greater_than' && def.when === undefined && typeof def.value === 'number') {
    return `['${def.inclusive ? '>=' : '>'}', ${def.value}, ${text}]`;
  }
  throw new Error(`${where}: the ${def.check} check is not something src/feed/explain.ts can explain; extend it or simplify the schema`);
}

// ---------------------------------------------------------------------------

const checks = SCHEMAS.flatMap(([name, check, , schema]) => {
  if (!check) return [];
  const source = compileCheck(name, schema);
  return `/** zod's compiled check of \`${name}\`: true when zod accepts the value. */
export const ${check} = (value) => ${check}Body(value) === true;
const ${check}Body = ${source};`;
});
const tables = SCHEMAS.map(([name, , table, schema]) => `/** \`${name}\` as rules for explain.ts. */\nexport const ${table} = ${rules(schema, name)};`);

const source = `// Generated by scripts/build-feed-parsers.ts from src/feed/schema.ts with zod ${zodVersion}.
// Do not edit: run \`npm run build:parsers\`. See docs/decisions/0002-zod-mini-at-the-boundary.md.

/** What the compiled check returns inside for a value zod would reject. Ours: zod is not loaded. */
const INVALID = Symbol('invalid');

${CODE_POINT_LENGTH}

${checks.join('\n\n')}

${tables.join('\n\n')}
`;

const declarations = `// Generated by scripts/build-feed-parsers.ts with feed-parsers.js. Do not edit: run \`npm run build:parsers\`.
import type { Rule } from '../explain.js';

${SCHEMAS.flatMap(([name, check, table]) => [
  ...(check ? [`/** zod's compiled check of \`${name}\`: true when zod accepts the value. */\nexport declare function ${check}(value: unknown): boolean;`] : []),
  `/** \`${name}\` as rules for explain.ts. */\nexport declare const ${table}: Rule;`,
]).join('\n')}
`;

const files: [string, string][] = [
  [out, source],
  [types, declarations],
];
if (process.argv.includes('--check')) {
  for (const [file, text] of files) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${file} is out of date with src/feed/schema.ts: run \`npm run build:parsers\`.`);
      process.exit(1);
    }
  }
  console.log('The generated feed parsers are up to date.');
} else {
  for (const [file, text] of files) {
    writeFileSync(file, text);
    console.log(`Wrote ${file} (${text.length} bytes).`);
  }
}
