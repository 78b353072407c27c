/**
 * The docs table of an element, from the custom elements manifest.
 *
 * Storybook's own reader (`@storybook/web-components`) keys every row by its
 * bare name, so a CSS part, slot or property with the same name as an
 * attribute replaces it: `<library-list>`'s `group` attribute became its
 * `group` CSS part, and its `empty` part hid the `empty` slot. It also lists
 * each reflected setting twice (`no-controls` and `noControls`) and private
 * fields. This reader keys rows by kind (`part:group`, `slot:empty`) while
 * showing the plain name, folds a property into its attribute's row, and
 * leaves out what is not public.
 *
 * Story args stay keyed by attribute name (`no-controls`), so a story's args
 * line up with the attribute rows and their controls.
 */
import type { ArgTypes, InputType } from '@storybook/web-components-vite';

interface Described {
  name: string;
  description?: string;
}
interface Typed extends Described {
  type?: { text?: string };
  default?: string;
}
interface Attribute extends Typed {
  fieldName?: string;
}
interface Member extends Typed {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  parameters?: Typed[];
  return?: { type?: { text?: string } };
}
interface Declaration {
  tagName?: string;
  attributes?: Attribute[];
  members?: Member[];
  events?: Typed[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Typed[];
}
interface Manifest {
  modules?: { declarations?: Declaration[] }[];
}

const camel = (name: string) => name.replace(/[-_:.\s]+(.)?/g, (_, next?: string) => (next ? next.toUpperCase() : ''));

function row(name: string, category: string, item: Partial<Typed>, extra: Partial<InputType> = {}): InputType {
  return {
    name,
    description: item.description ?? '',
    control: false,
    table: {
      category,
      ...(item.type?.text ? { type: { summary: item.type.text } } : {}),
      ...(item.default !== undefined ? { defaultValue: { summary: item.default } } : {}),
    },
    ...extra,
  };
}

/**
 * A control for an attribute whose type says what it takes; stories refine the rest.
 * In object form: Storybook does not normalise what an extractor returns.
 */
function controlFor(type: string | undefined): { type: 'boolean' | 'number' | 'text' | 'select' } | false {
  const parts = (type ?? '').split('|').map((part) => part.trim()).filter((part) => part !== 'undefined');
  if (parts.length === 1 && parts[0] === 'boolean') return { type: 'boolean' };
  if (parts.length === 1 && parts[0] === 'number') return { type: 'number' };
  if (parts.length === 1 && parts[0] === 'string') return { type: 'text' };
  if (parts.length > 0 && parts.every((part) => /^'[^']*'$/.test(part))) return { type: 'select' };
  return false;
}

/** The values of a union of string literals; the select's empty choice leaves the attribute unset. */
function options(type: string | undefined): string[] {
  return ((type ?? '').match(/'[^']*'/g) ?? []).map((literal) => literal.slice(1, -1));
}

export function findDeclaration(manifest: unknown, tagName: string): Declaration | undefined {
  for (const module of (manifest as Manifest).modules ?? []) {
    for (const declaration of module.declarations ?? []) if (declaration.tagName === tagName) return declaration;
  }
  return undefined;
}

export function argTypesFromManifest(manifest: unknown, tagName: string): ArgTypes {
  const element = findDeclaration(manifest, tagName);
  if (!element) {
    // Same words as Storybook's own reader, which the smoke test looks for.
    console.warn(`Component not found in custom-elements.json: ${tagName}`);
    return {};
  }
  const argTypes: ArgTypes = {};
  const members = (element.members ?? []).filter((m) => !m.static && (m.privacy ?? 'public') === 'public');
  const fields = new Map(members.filter((m) => m.kind === 'field').map((m) => [m.name, m]));

  for (const attribute of element.attributes ?? []) {
    const field = attribute.fieldName ? fields.get(attribute.fieldName) : undefined;
    const type = attribute.type?.text ?? field?.type?.text;
    const control = controlFor(type);
    const property = attribute.fieldName && attribute.fieldName !== attribute.name ? `\n\nProperty: \`${attribute.fieldName}\`` : '';
    argTypes[attribute.name] = row(
      attribute.name,
      'attributes',
      { ...attribute, description: (attribute.description ?? field?.description ?? '') + property, type: { text: type }, default: attribute.default ?? field?.default },
      { control, ...(control && control.type === 'select' ? { options: options(type) } : {}) },
    );
  }
  const withAttribute = new Set((element.attributes ?? []).map((a) => a.fieldName));
  for (const field of fields.values()) {
    if (withAttribute.has(field.name) || field.attribute) continue;
    const note = field.readonly ? ' (read-only)' : '';
    argTypes[`property:${field.name}`] = row(field.name, 'properties', { ...field, description: (field.description ?? '') + note });
  }
  for (const method of members.filter((m) => m.kind === 'method')) {
    const params = (method.parameters ?? []).map((p) => `${p.name}${p.type?.text ? `: ${p.type.text}` : ''}`).join(', ');
    argTypes[`method:${method.name}`] = row(`${method.name}(${params})`, 'methods', {
      description: method.description,
      type: { text: method.return?.type?.text },
    });
  }
  for (const event of element.events ?? []) {
    argTypes[`event:${event.name}`] = row(event.name, 'events', event);
    // Logged in the Actions panel when a story binds `@event=${args.onEventName}`.
    const handler = camel(`on-${event.name}`);
    argTypes[handler] = { name: handler, action: event.name, table: { disable: true } };
  }
  for (const slot of element.slots ?? []) argTypes[`slot:${slot.name || 'default'}`] = row(slot.name || '(default)', 'slots', slot);
  for (const part of element.cssParts ?? []) argTypes[`part:${part.name}`] = row(part.name, 'css parts', part);
  for (const property of element.cssProperties ?? []) argTypes[property.name] = row(property.name, 'css custom properties', property);
  return argTypes;
}
