/**
 * `npm run build:manifest`: writes `dist/custom-elements.json` with
 * @custom-elements-manifest/analyzer 0.11 (`cem analyze --config <this file>`).
 *
 * The manifest is read by Storybook's autodocs, by editors' HTML completion
 * and by wrappers for React and Vue, so it should describe the public API and
 * nothing else. The analyzer gets most of it from the classes' JSDoc; the
 * small plugins below fix what it cannot see in this code base:
 *
 * - tags are registered through our own `define(tag, Class)` helper, not a
 *   bare `customElements.define`, so the analyzer does not link classes to
 *   tag names by itself (and takes the helper's parameter for a tag);
 * - TypeScript imports name `.js` files, so defaults taken from an imported
 *   constant (`timeout = DEFAULT_TIMEOUT`) are left unresolved;
 * - `dispatchEvent(new PdfOpenEvent(pub, …))` is read as an event named after
 *   the first constructor argument;
 * - TS `private`/`protected` and `#private` members are listed unless removed
 *   (the analyzer itself already drops members marked `@internal`/`@ignore`).
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';

/** The project's registration helper (`src/define-element.ts`). */
const DEFINE_HELPER = 'define';

export default {
  globs: ['src/**/*.ts'],
  // The React wrappers are functions around these elements, described by their own types, not elements.
  exclude: ['src/**/*.styles.ts', 'src/react/**'],
  outdir: 'dist',
  litelement: true,
  // package.json already names dist/custom-elements.json; don't rewrite it on every build.
  packagejson: false,
  plugins: [definedByHelper(), resolveImportedDefaults(), typedEvents(), publicApiOnly(), stableOrder()],
};

/**
 * Records `define('library-list', LibraryList)` as a custom element
 * definition of the module that makes the call, like the analyzer does for
 * `customElements.define`, and drops the bogus definition it derives from
 * the helper's own body (`customElements.define(tag, element)`).
 */
function definedByHelper() {
  return {
    name: 'vl/defined-by-helper',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
      if (node.expression.text !== DEFINE_HELPER) return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteralLike(tag) || !ts.isIdentifier(klass)) return;
      const module = moduleOfIdentifier(ts, node.getSourceFile(), klass.text, moduleDoc.path);
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module } },
      ];
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        // A custom element name always contains a hyphen; anything else came from a variable.
        mod.exports = mod.exports?.filter((e) => e.kind !== 'custom-element-definition' || e.name.includes('-'));
      }
    },
  };
}

/** Where an identifier used in a module is declared: the module itself, or the file it is imported from. */
function moduleOfIdentifier(ts, sourceFile, name, modulePath) {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    const named = bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === name);
    if (named || statement.importClause?.name?.text === name) {
      return sourcePath(posix.join(posix.dirname(modulePath), statement.moduleSpecifier.text));
    }
  }
  return modulePath;
}

/** `foo.js` in an import is `foo.ts` on disk, when that file exists. */
function sourcePath(path) {
  const typescript = path.replace(/\.js$/, '.ts');
  return typescript !== path && existsSync(join(process.cwd(), typescript)) ? typescript : path;
}

/**
 * Lets the analyzer resolve defaults such as `timeout = DEFAULT_TIMEOUT`: it
 * looks the constant up by module path, which must name the `.ts` file.
 */
function resolveImportedDefaults() {
  return {
    name: 'vl/resolve-imported-defaults',
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        for (const member of declaration.members ?? []) {
          const target = member.resolveInitializer;
          if (target?.module && !('package' in target)) {
            target.module = sourcePath(posix.normalize(target.module.replace(/^\//, '')));
          }
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      // Attributes were copied from their fields before the defaults were resolved.
      for (const declaration of elements(customElementsManifest)) {
        for (const attribute of declaration.attributes ?? []) {
          const field = declaration.members?.find((m) => m.kind === 'field' && m.name === attribute.fieldName);
          if (!field) continue;
          if (!attribute.type && field.type) attribute.type = field.type;
          if (field.default !== undefined) attribute.default = field.default;
        }
      }
    },
  };
}

/**
 * The `@fires` tags are the event API. A documented event whose description
 * starts with its class in backticks (`` `PdfOpenEvent`: … ``) gets that class
 * as its type; an event the analyzer inferred from a `dispatchEvent` call is
 * dropped when a documented event already has its class.
 */
function typedEvents() {
  return {
    name: 'vl/typed-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of elements(customElementsManifest)) {
        if (!declaration.events) continue;
        for (const event of declaration.events) {
          const named = event.description?.match(/^`([A-Z][A-Za-z0-9]*Event)`/);
          if (!event.type && named) event.type = { text: named[1] };
        }
        const documented = new Set(declaration.events.filter((e) => e.description).map((e) => e.type?.text));
        declaration.events = declaration.events.filter((event) => {
          if (event.description) return true;
          if (documented.has(event.type?.text)) return false;
          console.warn(`custom-elements manifest: ${declaration.name} dispatches an undocumented event "${event.name}"; add a @fires tag.`);
          return true;
        });
      }
    },
  };
}

/**
 * Keeps only what a user of the package can touch: no private, protected or
 * `#private` members, and no module-level declarations that their module
 * does not export (the analyzer keeps some by mistake, such as a local
 * variable it saw in an object literal).
 */
function publicApiOnly() {
  return {
    name: 'vl/public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const exported = new Set((mod.exports ?? []).flatMap((e) => [e.name, e.declaration?.name]));
        mod.declarations = mod.declarations?.filter((d) => exported.has(d.name));
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter(
            (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
          );
          const fields = new Set(declaration.members.map((member) => member.name));
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter((a) => !a.fieldName || fields.has(a.fieldName));
          }
        }
      }
    },
  };
}

/** Modules sorted by path, so the file does not depend on the order the file system lists them in. */
function stableOrder() {
  return {
    name: 'vl/stable-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

function elements(manifest) {
  return manifest.modules.flatMap((mod) => mod.declarations ?? []).filter((d) => d.customElement);
}
