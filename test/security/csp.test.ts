import { expect } from '@open-wc/testing';
import { mockUrl } from '../helpers/fixtures.js';

interface CspReport {
  type: 'csp-report';
  evalBlocked: boolean;
  violations: string[];
  cards: number;
  content: string | null;
  styled: string;
  drawn?: boolean;
  text?: string;
}

/** Loads a fixture page served with the strict policy, and waits for its report. */
async function framed(file: string): Promise<CspReport> {
  const frame = document.createElement('iframe');
  const answer = new Promise<CspReport>((resolve) => {
    const listen = (event: MessageEvent) => {
      if ((event.data as CspReport)?.type !== 'csp-report') return;
      window.removeEventListener('message', listen);
      resolve(event.data as CspReport);
    };
    window.addEventListener('message', listen);
  });
  frame.src = mockUrl(`csp?file=${file}`);
  frame.title = 'strict CSP page';
  frame.width = '900';
  frame.height = '700';
  document.body.append(frame);
  try {
    return await answer;
  } finally {
    frame.remove();
  }
}

/**
 * The elements on a page served with a strict Content-Security-Policy: no
 * inline script or style, no eval, connections to its own origin only.
 */
describe('a page with a strict Content-Security-Policy', () => {
  it('<pdf-viewer> loads pdf.js and its worker, draws a page and its text layer, with no violation', async function () {
    this.timeout(40_000);
    const report = await framed('csp/viewer.html');
    expect(report.evalBlocked, 'the policy is in force').to.equal(true);
    expect(report.violations).to.deep.equal([]);
    expect(report.drawn).to.equal(true);
  });

  it('renders the listing, its styles and the sanitised summary with no violation', async () => {
    const report = await framed('csp/page.html');
    expect(report.evalBlocked, 'the policy is in force').to.equal(true);
    expect(report.violations).to.deep.equal([]);
    expect(report.cards).to.equal(7);
    expect(report.styled).to.equal('solid');
    expect(report.content).to.equal('A workshop met in 2023 to look at crisis channels. See the annex.');
  });
});
