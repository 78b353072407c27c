/**
 * `npm run build:parsers [-- --check]`
 *
 * Writes the feed's zod schemas (`src/feed/schema.ts`) down as data (rules):
 * `ENVELOPE`, `FEED_EXTENSION` and `ITEM` in
 * `src/feed/generated/feed-parsers.js`, so that the elements read feeds
 * without loading zod. `src/feed/check.ts` turns a rule into closures that
 * say whether zod would accept a value (once per entry, where speed
 * matters); `src/feed/explain.ts` walks a rule the way zod's interpreter
 * walks the schema, to check the envelope and the feed's `_library` and to
 * say why a value was rejected, in the words zod gives. Only the kinds of
 * schema and check the feed uses can be written down; anything else stops
 * the build with a message saying what to extend.
 *
 * The generated file is committed (tests and Storybook read `src/`); `--check`
 * exits 1 when it is not what this script would write, and `npm test` runs it.
 * `test/feed/feed-parsers.test.ts` holds both readers of the rules to zod's
 * interpreter.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { envelopeSchema, feedExtensionSchema, itemSchema } from '../src/feed/schema.js';

const out = resolve(import.meta.dirname, '..', 'src', 'feed', 'generated', 'feed-parsers.js');
const types = out.replace(/\.js$/, '.d.ts');
const zodVersion = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'node_modules', 'zod', 'package.json'), 'utf8')).version;

type Schema = z.core.$ZodType;

/** Each schema, and the name of its rules. */
const SCHEMAS: [name: string, rules: string, schema: Schema][] = [
  ['envelopeSchema', 'ENVELOPE', envelopeSchema],
  ['feedExtensionSchema', 'FEED_EXTENSION', feedExtensionSchema],
  ['itemSchema', 'ITEM', itemSchema],
];

// ---------------------------------------------------------------------------
// The rules: the schema as data, for src/feed/check.ts and explain.ts (whose Rule type this follows)

function rules(schema: Schema, where: string): string {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const checks = (def.checks ?? []) as z.core.$ZodCheck[];
  const refuse = (what: string): never => {
    throw new Error(`${where}: ${what} is not something src/feed/check.ts and explain.ts can read; extend them (and rules() here) or simplify the schema`);
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
  if (def.abort) throw new Error(`${where}: a check with abort is not supported by src/feed/check.ts and explain.ts`);
  const text = JSON.stringify(message);
  // zod runs a length check even on a value of the wrong type, when it has a length: explain.ts does the same (check.ts need not: a wrong type fails anyway), for zod's own condition only.
  if (def.check === 'min_length' && def.when === DEFAULT_LENGTH_WHEN) return `['l', ${def.minimum as number}, ${text}]`;
  if (def.check === 'string_format' && def.format === 'regex' && def.when === undefined) return `['r', ${(def.pattern as RegExp).toString()}, ${text}]`;
  if (def.check === 'greater_than' && def.when === undefined && typeof def.value === 'number') {
    return `['${def.inclusive ? '>=' : '>'}', ${def.value}, ${text}]`;
  }
  throw new Error(`${where}: the ${def.check} check is not something src/feed/check.ts and explain.ts can read; extend them or simplify the schema`);
}

// ---------------------------------------------------------------------------

const tables = SCHEMAS.map(([name, table, schema]) => `/** \`${name}\` as rules for check.ts and explain.ts. */\nexport const ${table} = ${rules(schema, name)};`);

const source = `// Generated by scripts/build-feed-parsers.ts from src/feed/schema.ts with zod ${zodVersion}.
// Do not edit: run \`npm run build:parsers\`. See docs/decisions/0002-zod-mini-at-the-boundary.md.

${tables.join('\n\n')}
`;

const declarations = `// Generated by scripts/build-feed-parsers.ts with feed-parsers.js. Do not edit: run \`npm run build:parsers\`.
import type { Rule } from '../explain.js';

${SCHEMAS.map(([name, table]) => `/** \`${name}\` as rules for check.ts and explain.ts. */\nexport declare const ${table}: Rule;`).join('\n')}
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
