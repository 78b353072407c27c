import { until } from './fixtures.js';

/** An element's error event, as the built bundle fires it inside the frame. */
interface FrameFailure {
  kind: string;
}

/**
 * A page in an iframe that holds `body` and loads a built bundle from
 * `script` (a path on the test server, such as one of the `/mock/*-dist/`
 * routes), as a site that pastes the snippet would; `search`, when given, is
 * the query of the page's address (as a shared link has). The error of the last
 * `errorEvent` fired in the page is kept for `failed()`, and the page counts
 * the promise rejections nothing handled, which would reach the host page's
 * error monitoring.
 */
export function bundlePage(options: { title: string; body: string; script: string; errorEvent: string; search?: string }) {
  const frame = document.createElement('iframe');
  frame.title = options.title;
  frame.width = '800';
  frame.height = '600';
  const page = `<!doctype html><html lang="en"><title>${options.title}</title>
<script>addEventListener('${options.errorEvent}', (event) => { window.failure = event.error; });
addEventListener('unhandledrejection', () => { window.unhandled = (window.unhandled ?? 0) + 1; });</script>
${options.body}
<script type="module" src="${options.script}"></script>`;
  if (options.search === undefined) frame.srcdoc = page;
  else {
    // A page with a query in its address, which srcdoc's cannot have: a page of the test server, filled in
    // once loaded (not written over, since document.open() would give it the test's own address).
    frame.src = `/test/fixtures/library/page.html${options.search}`;
    const fill = () => {
      const window = frame.contentWindow as (Window & { failure?: unknown; unhandled?: number }) | null;
      // Past the frame's first, empty document.
      if (!window?.location.pathname.endsWith('/page.html')) return;
      frame.removeEventListener('load', fill);
      window.addEventListener(options.errorEvent, (event) => (window.failure = (event as ErrorEvent).error));
      window.addEventListener('unhandledrejection', () => (window.unhandled = (window.unhandled ?? 0) + 1));
      const document = window.document;
      document.title = options.title;
      document.body.innerHTML = options.body;
      const script = document.createElement('script');
      script.type = 'module';
      script.src = options.script;
      document.body.append(script);
    };
    frame.addEventListener('load', fill);
  }
  document.body.append(frame);
  return {
    /** The element in the page that `selector` finds, once the page has it. */
    element: <T extends Element>(selector: string) => until(() => frame.contentDocument?.querySelector<T>(selector), `${selector} in the frame`),
    /** The error of the page's `errorEvent`, once one has fired. */
    failed: () =>
      until(() => (frame.contentWindow as (Window & { failure?: FrameFailure }) | null)?.failure, `the ${options.errorEvent} event in the frame`, 10_000),
    /**
     * axe-core's violations for `element`, checked inside the page: axe run from the test's own document
     * cannot reach into the frame's.
     */
    violations: async (element: Element): Promise<string[]> => {
      const page = frame.contentWindow as Window & { axe?: { run(context: Element): Promise<{ violations: { id: string; help: string }[] }> } };
      if (!page.axe) {
        const script = frame.contentDocument!.createElement('script');
        script.src = '/node_modules/axe-core/axe.min.js';
        const loaded = new Promise((resolve, reject) => {
          script.addEventListener('load', resolve, { once: true });
          script.addEventListener('error', reject, { once: true });
        });
        frame.contentDocument!.head.append(script);
        await loaded;
      }
      const { violations } = await page.axe!.run(element);
      return violations.map((violation) => `${violation.id}: ${violation.help}`);
    },
    /** How many promise rejections went unhandled in the page so far. */
    unhandled: () => (frame.contentWindow as (Window & { unhandled?: number }) | null)?.unhandled ?? 0,
    close: () => frame.remove(),
  };
}
