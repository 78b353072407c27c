/**
 * `content_html` is the one feed field that may hold markup. It is rendered
 * only after DOMPurify has cleaned it, with every link and image passed
 * through the same URL policy as the rest of the feed. DOMPurify is loaded on
 * first use, so listings that never show `content_html` never download it.
 */
import type { DOMPurify as Purifier } from 'dompurify';
// From the feed reader's module, as its comment says why.
import { htmlToText } from './parse-feed.js';
import { resolveSafeUrl } from './url-policy.js';

let purifier: Promise<Purifier> | undefined;
let base = '';

const URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'cite', 'background'];

function load(): Promise<Purifier> {
  purifier ??= import('dompurify').then(({ default: createPurifier }) => {
    // A private instance, so the hook below never touches a host page's DOMPurify.
    const purify = createPurifier(window);
    purify.addHook('afterSanitizeAttributes', (node) => {
      for (const name of URL_ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value === null) continue;
        const safe = resolveSafeUrl(value, base);
        if (safe) node.setAttribute(name, safe);
        else node.removeAttribute(name);
      }
      if (node.localName === 'a' && node.hasAttribute('href')) {
        node.setAttribute('rel', 'noopener noreferrer');
        if (node.getAttribute('target') !== '_blank') node.removeAttribute('target');
      }
      if (node.localName === 'img') node.setAttribute('loading', 'lazy');
    });
    return purify;
  });
  return purifier;
}

/**
 * Cleans untrusted HTML into a fragment that is safe to insert.
 * @param html the feed's `content_html`
 * @param baseUrl the feed's URL, against which relative links resolve
 */
export async function sanitizeFeedHtml(html: string, baseUrl: string): Promise<DocumentFragment> {
  const purify = await load();
  base = baseUrl;
  const clean = purify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    // HTML only: a publication summary has no use for SVG or MathML, which are
    // where most parser-confusion attacks live.
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'dialog', 'template', 'slot'],
    FORBID_ATTR: ['style', 'srcset', 'id', 'name', 'slot', 'part'],
    ALLOW_DATA_ATTR: false,
  }) as DocumentFragment | null;
  if (clean) return clean;
  // Markup that leaves the parser without a body (a stray <frameset>) comes
  // back as null: show its text rather than nothing.
  const fragment = document.createDocumentFragment();
  fragment.append(htmlToText(html));
  return fragment;
}
