import { expect } from '@open-wc/testing';
import { mockUrl } from '../helpers/fixtures.js';

interface CspReport {
  type: 'csp-report';
  evalBlocked: boolean;
  violations: string[];
  cards: number;
  content: string | null;
  styled: string;
}

/**
 * The elements on a page served with a strict Content-Security-Policy: no
 * inline script or style, no eval, connections to its own origin only.
 */
describe('a page with a strict Content-Security-Policy', () => {
  it('renders the listing, its styles and the sanitised summary with no violation', async () => {
    const frame = document.createElement('iframe');
    const answer = new Promise<CspReport>((resolve) => {
      const listen = (event: MessageEvent) => {
        if ((event.data as CspReport)?.type !== 'csp-report') return;
        window.removeEventListener('message', listen);
        resolve(event.data as CspReport);
      };
      window.addEventListener('message', listen);
    });
    frame.src = mockUrl('csp?file=csp/page.html');
    frame.title = 'strict CSP page';
    document.body.append(frame);
    try {
      const report = await answer;
      expect(report.evalBlocked, 'the policy is in force').to.equal(true);
      expect(report.violations).to.deep.equal([]);
      expect(report.cards).to.equal(7);
      expect(report.styled).to.equal('solid');
      expect(report.content).to.equal('A workshop met in 2023 to look at crisis channels. See the annex.');
    } finally {
      frame.remove();
    }
  });
});
