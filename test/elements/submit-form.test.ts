import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/submit-form/define.js';
import type { SubmitForm } from '../../src/components/submit-form/submit-form.js';
import { clearFeedCache } from '../../src/feed/load-feed.js';
import type { SubmissionErrorEvent } from '../../src/events/submission-error-event.js';
import type { SubmissionSendEvent } from '../../src/events/submission-send-event.js';
import type { SubmissionSuccessEvent } from '../../src/events/submission-success-event.js';
import { fixtureUrl, until } from '../helpers/fixtures.js';
import { byRole, captureConsole, getByRole, text } from '../helpers/dom.js';

const FEED = fixtureUrl('library/feed.json');
/** An address nothing answers on: sending there fails like a network that is down. */
const NOWHERE = 'http://127.0.0.1:9/submissions';

let draftCounter = 0;
/** A fresh draft key per test, so drafts from one test never leak into another. */
const freshKey = () => `test-${Date.now()}-${draftCounter++}`;

async function form(attrs: { mode?: string; feed?: string; action?: string; maxFileSize?: string; draftKey?: string; timeout?: number } = {}) {
  const el = await fixture<SubmitForm>(html`<submit-form
    action=${attrs.action ?? NOWHERE}
    mode=${attrs.mode ?? 'contribute'}
    feed=${attrs.feed ?? ''}
    max-file-size=${attrs.maxFileSize ?? ''}
    draft-key=${attrs.draftKey ?? freshKey()}
    timeout=${attrs.timeout ?? 120000}
  ></submit-form>`);
  await el.updateComplete;
  return el;
}

const root = (el: SubmitForm) => el.shadowRoot!;
const $ = <T extends HTMLElement = HTMLInputElement>(el: SubmitForm, selector: string) => root(el).querySelector<T>(selector)!;

/** Types into a field with the keyboard. Doubled letters go as separate key presses: the WebKit driver merges them otherwise. */
async function type(el: SubmitForm, selector: string, value: string) {
  $(el, selector).focus();
  let run = '';
  for (const char of value) {
    if (run.endsWith(char)) {
      await sendKeys({ type: run });
      run = '';
    }
    run += char;
  }
  if (run) await sendKeys({ type: run });
  await el.updateComplete;
}

/** Sets a field's value as the browser does when a reader types or pastes, for the long setup of some tests. */
async function fill(el: SubmitForm, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const control = $(el, `[name="${name}"]`) as HTMLInputElement | HTMLSelectElement;
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
  }
}

async function tick(el: SubmitForm, name: string) {
  $(el, `[name="${name}"]`).click();
  await el.updateComplete;
}

async function choose(el: SubmitForm, file: File) {
  const input = $(el, '#f-file');
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function fixtureFile(path: string, name: string, type = 'application/pdf'): Promise<File> {
  const bytes = await (await fetch(fixtureUrl(path))).arrayBuffer();
  return new File([bytes], name, { type });
}

const summaryLinks = (el: SubmitForm) => [...root(el).querySelectorAll('.error-summary a')].map(text);
const fieldError = (el: SubmitForm, id: string) => text(root(el).querySelector(`#${id}-error`));
const activeId = (el: SubmitForm) => root(el).activeElement?.id ?? root(el).activeElement?.className ?? '';

/** A submission as the receiver's moderation API lists it. */
interface StoredSubmission {
  id: string;
  kind: string;
  data: Record<string, unknown> & { title?: string; reason?: string };
  file_sha256?: string;
  file_size?: number;
  file?: { sha256?: string; size?: number };
}

const VALID = {
  title: 'The Strategy of Conflict',
  'authors': 'Thomas C. Schelling',
  type: 'report',
  url: 'https://example.org/strategy-of-conflict',
  date: '1960',
  summary: 'A classic on bargaining, deterrence and the logic of commitment.',
  why: 'It shaped how the institute thinks about crisis communications.',
  name: 'Ana Ruiz',
  email: 'ana@example.org',
};

describe('<submit-form>', () => {
  beforeEach(() => clearFeedCache());
  afterEach(() => fixtureCleanup());

  describe('contribute mode', () => {
    it('labels every field, marks the required ones, and passes axe', async () => {
      const el = await form();
      const form_ = root(el).querySelector('form')!;
      expect(form_.getAttribute('aria-label')).to.equal('Suggest a work');
      const labels = [...root(el).querySelectorAll('form label, form legend')].map(text).filter((l) => !/Leave this/.test(l));
      expect(labels).to.deep.equal([
        'Title (required)',
        'Authors (required)',
        'Author 1',
        'Type (required)',
        'Link to the work',
        'PDF file',
        'Date published',
        'Publisher or outlet',
        'Short summary (required)',
        'Why it belongs in the library (required)',
        'Your name (required)',
        'Your email (required)',
        'You may contact me by email about this suggestion. (required)',
      ]);
      expect($(el, '#f-email').getAttribute('aria-describedby')).to.equal('f-email-hint');
      expect($(el, '#f-email').getAttribute('autocomplete')).to.equal('email');
      // The honeypot is out of sight, out of the tab order and hidden from assistive technology.
      expect($(el, '#f-website').tabIndex).to.equal(-1);
      expect($(el, '#f-website').closest('[aria-hidden=true]')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });

    it('offers the feed’s types when given a feed', async () => {
      const el = await form({ feed: FEED });
      await until(() => [...$(el, '#f-type').querySelectorAll('option')].some((o) => text(o) === 'Fact Sheet'), 'types from the feed');
      const options = [...$(el, '#f-type').querySelectorAll('option')].map(text);
      expect(options).to.deep.equal(['Choose a type', 'Fact Sheet', 'Report', 'Article', 'Op-Ed', 'Other']);
    });

    it('refuses to send an empty form: a focused summary links every problem to its field', async () => {
      const el = await form();
      const { result: event, warnings } = await captureConsole(async () => {
        const failed = oneEvent(el, 'submission-error') as Promise<SubmissionErrorEvent>;
        getByRole(root(el), 'button', 'Send suggestion').click();
        return failed;
      });
      expect(event.error.kind).to.equal('invalid');
      expect(event.error.errors.map((e) => `${e.field}:${e.code}`)).to.deep.equal([
        'title:required',
        'authors:required',
        'type:required',
        'url:link_or_file',
        'summary:required',
        'why:required',
        'name:required',
        'email:required',
        'consentContact:consent_required',
      ]);
      expect(warnings.some((w) => w.includes('<submit-form>') && w.includes('Enter the title of the work.'))).to.equal(true);
      await el.updateComplete;
      const summary = $(el, '.error-summary');
      expect(text(summary.querySelector('[role=heading]'))).to.equal('There is a problem');
      expect(root(el).activeElement).to.equal(summary);
      expect(summaryLinks(el)).to.deep.equal([
        'Enter the title of the work.',
        'Enter at least one author.',
        'Choose a type.',
        'Give a link to the work or attach its PDF (or both).',
        'Enter a short summary.',
        'Say why the work belongs in the library.',
        'Enter your name.',
        'Enter your email address.',
        'Tick the box to let us contact you about this suggestion.',
      ]);
      // Each problem is also by its field, tied to it for assistive technology.
      expect($(el, '#f-title').getAttribute('aria-invalid')).to.equal('true');
      expect($(el, '#f-title').getAttribute('aria-describedby')).to.include('f-title-error');
      expect(fieldError(el, 'f-title')).to.equal('Error: Enter the title of the work.');
      // A summary link takes the reader to the field.
      getByRole(summary, 'link', 'Enter your email address.').click();
      await el.updateComplete;
      expect(activeId(el)).to.equal('f-email');
      await expect(el).to.be.accessible();
    });

    it('checks each field when the reader leaves it, and clears the problem once fixed', async () => {
      const el = await form();
      await type(el, '#f-email', 'ana@example');
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(fieldError(el, 'f-email')).to.equal('Error: Enter an email address such as name@example.org.');
      expect($(el, '#f-email').getAttribute('aria-invalid')).to.equal('true');
      // Untouched fields stay quiet.
      expect(root(el).querySelector('#f-title-error')).to.equal(null);
      await type(el, '#f-email', '.org');
      expect(root(el).querySelector('#f-email-error')).to.equal(null);
      expect($(el, '#f-email').getAttribute('aria-invalid')).to.equal('false');
    });

    it('applies every rule of the shared schema', async () => {
      const el = await form();
      await fill(el, {
        ...VALID,
        title: 'T'.repeat(301),
        url: 'javascript:alert(1)',
        date: '2023-02-30',
        email: 'ana@localhost',
        publisher: 'P'.repeat(201),
      });
      await el.submit();
      await el.updateComplete;
      expect(summaryLinks(el)).to.deep.equal([
        'Title must be 300 characters or fewer.',
        'Enter a web address that starts with https:// or http://.',
        'Enter the date as a year (2024), a month (2024-05) or a day (2024-05-15).',
        'Publisher or outlet must be 200 characters or fewer.',
        'Enter an email address such as name@example.org.',
        'Tick the box to let us contact you about this suggestion.',
      ]);
      await fill(el, { title: VALID.title, url: '', date: '2999-01-01', email: VALID.email, publisher: '' });
      expect(fieldError(el, 'f-date')).to.equal('Error: The date is in the future: enter when the work was published.');
      expect(fieldError(el, 'f-url')).to.equal('Error: Give a link to the work or attach its PDF (or both).');
    });

    it('takes at most 20 authors', async () => {
      const el = await form();
      const add = getByRole(root(el), 'button', 'Add another author') as HTMLButtonElement;
      for (let i = 1; i < 20; i += 1) {
        add.click();
        await el.updateComplete;
      }
      expect(root(el).querySelectorAll('[name=authors]').length).to.equal(20);
      expect(add.disabled).to.equal(true);
    });

    it('adds and removes author fields, moving focus sensibly', async () => {
      const el = await form();
      await type(el, '#f-authors-0', 'Ana Ruiz');
      getByRole(root(el), 'button', 'Add another author').click();
      await el.updateComplete;
      expect(activeId(el)).to.equal('f-authors-1');
      await type(el, '#f-authors-1', 'Dan Ito');
      expect([...root(el).querySelectorAll<HTMLInputElement>('[name=authors]')].map((i) => i.value)).to.deep.equal(['Ana Ruiz', 'Dan Ito']);
      getByRole(root(el), 'button', 'Remove author 1').click();
      await el.updateComplete;
      expect([...root(el).querySelectorAll<HTMLInputElement>('[name=authors]')].map((i) => i.value)).to.deep.equal(['Dan Ito']);
      expect(activeId(el)).to.equal('f-authors-0');
    });
  });

  describe('PDF files', () => {
    it('accepts a real PDF and shows its name and size, with a way to remove it', async () => {
      const el = await form();
      await choose(el, await fixtureFile('pdfs/tracemonkey.pdf', 'tracemonkey.pdf'));
      await until(() => root(el).querySelector('.file-chosen'), 'the chosen file');
      expect(text($(el, '.file-chosen'))).to.match(/^Chosen file: tracemonkey\.pdf \(\d+(\.\d)? KB\) Remove file$/);
      // Hosting a PDF needs the contributor's permission.
      expect(text(root(el).querySelector('label[for=f-consentHost]'))).to.equal(
        'I have the right to share this PDF, and the library may host it. (required)',
      );
      getByRole(root(el), 'button', 'Remove file').click();
      await el.updateComplete;
      expect(root(el).querySelector('.file-chosen')).to.equal(null);
      expect(activeId(el)).to.equal('f-file');
    });

    it('checks the content, not the name: an HTML page called .pdf is refused', async () => {
      const el = await form();
      const { warnings } = await captureConsole(async () => {
        await choose(el, await fixtureFile('csp/page.html', 'report.pdf'));
        await until(() => root(el).querySelector('#f-file-error'), 'the file error');
      });
      expect(fieldError(el, 'f-file')).to.equal('Error: This file is not a PDF. Choose a PDF file (its content must start with %PDF-).');
      expect(root(el).querySelector('.file-chosen')).to.equal(null);
      expect(warnings.some((w) => w.includes('report.pdf'))).to.equal(true);
    });

    it('lets the reader send with a link after a refused file', async () => {
      const el = await form();
      await captureConsole(async () => {
        await choose(el, await fixtureFile('csp/page.html', 'report.pdf'));
        await until(() => root(el).querySelector('#f-file-error'), 'the file error');
      });
      // The refusal is announced, not only shown.
      expect(text(root(el).querySelector('.actions [role=status]'))).to.include('This file is not a PDF.');
      await fill(el, VALID);
      await tick(el, 'consentContact');
      el.addEventListener('submission-send', (event: SubmissionSendEvent) => event.respondWith(Promise.resolve({ id: 'OK-1' })));
      const success = oneEvent(el, 'submission-success') as Promise<SubmissionSuccessEvent>;
      getByRole(root(el), 'button', 'Send suggestion').click();
      expect((await success).receipt.id).to.equal('OK-1');
    });

    it('refuses a file over the size limit the editor set', async () => {
      const el = await form({ maxFileSize: '100KB' });
      expect(text(root(el).querySelector('#f-file-hint'))).to.equal('A PDF of up to 100 KB, if you may share it.');
      await choose(el, await fixtureFile('pdfs/tracemonkey.pdf', 'tracemonkey.pdf'));
      await until(() => root(el).querySelector('#f-file-error'), 'the file error');
      expect(fieldError(el, 'f-file')).to.equal('Error: This file is larger than 100 KB. Give a link to the work instead, or a smaller PDF.');
    });
  });

  describe('drafts', () => {
    it('keeps every answer and the PDF when the form comes back, until the reader starts again', async () => {
      const key = freshKey();
      let el = await form({ draftKey: key });
      await fill(el, { ...VALID, publisher: 'Harvard University Press' });
      getByRole(root(el), 'button', 'Add another author').click();
      await el.updateComplete;
      await fill(el, {});
      const second = root(el).querySelectorAll<HTMLInputElement>('[name=authors]')[1];
      second.value = 'A. N. Other';
      second.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await tick(el, 'consentContact');
      await choose(el, await fixtureFile('pdfs/tracemonkey.pdf', 'tracemonkey.pdf'));
      await until(() => root(el).querySelector('.file-chosen'), 'the chosen file');
      // The page goes away (as on a reload) and the same form comes back.
      fixtureCleanup();
      el = await form({ draftKey: key });
      expect(text($(el, '.notice'))).to.match(/^We restored the form you had not yet sent \(saved .+\)\./);
      for (const [name, value] of Object.entries(VALID)) {
        if (name === 'authors') continue;
        expect(($(el, `[name="${name}"]`) as HTMLInputElement).value, name).to.equal(value);
      }
      expect([...root(el).querySelectorAll<HTMLInputElement>('[name=authors]')].map((i) => i.value)).to.deep.equal([VALID.authors, 'A. N. Other']);
      expect($(el, '#f-consentContact').checked).to.equal(true);
      await until(() => root(el).querySelector('.file-chosen'), 'the restored PDF');
      expect(text($(el, '.file-chosen'))).to.include('tracemonkey.pdf');
      expect(text($(el, '.notice'))).to.include('Your PDF was kept too.');
      await expect(el).to.be.accessible();
      getByRole(root(el), 'button', 'Start again with an empty form').click();
      await until(() => !root(el).querySelector('.notice'), 'the notice to go');
      expect($(el, '#f-title').value).to.equal('');
      fixtureCleanup();
      el = await form({ draftKey: key });
      expect(root(el).querySelector('.notice')).to.equal(null);
      expect($(el, '#f-title').value).to.equal('');
    });

    it('keeps the draft and says so when the receiver cannot be reached', async () => {
      const key = freshKey();
      const el = await form({ draftKey: key, action: NOWHERE });
      await fill(el, VALID);
      await tick(el, 'consentContact');
      const { result: event } = await captureConsole(async () => {
        const failed = oneEvent(el, 'submission-error') as Promise<SubmissionErrorEvent>;
        getByRole(root(el), 'button', 'Send suggestion').click();
        return failed;
      });
      expect(event.error.kind).to.equal('network');
      await el.updateComplete;
      const failure = $(el, '.failure');
      expect(failure.getAttribute('role')).to.equal('alert');
      expect(text(failure)).to.include('could not be reached');
      expect(text(failure)).to.include('Your answers are kept in this browser');
      expect(root(el).activeElement).to.equal(failure);
      await expect(el).to.be.accessible();
      fixtureCleanup();
      const again = await form({ draftKey: key, action: NOWHERE });
      expect($(again, '#f-title').value).to.equal(VALID.title);
      expect($(again, '#f-consentContact').checked).to.equal(true);
    });
  });

  describe('a page that sends for itself', () => {
    it('can take over sending with respondWith, and the draft is cleared on success', async () => {
      const key = freshKey();
      const el = await form({ draftKey: key });
      await fill(el, VALID);
      await tick(el, 'consentContact');
      el.addEventListener('submission-send', (event: SubmissionSendEvent) => {
        expect(event.cancelable).to.equal(true);
        expect(event.formData.getAll('authors')).to.deep.equal([VALID.authors]);
        expect(event.formData.get('kind')).to.equal('contribution');
        expect(event.idempotencyKey).to.match(/^[0-9a-f-]{32,36}$/);
        event.respondWith(Promise.resolve({ id: 'CMS-42', message: 'Stored in our CMS.' }));
      });
      const success = oneEvent(el, 'submission-success') as Promise<SubmissionSuccessEvent>;
      getByRole(root(el), 'button', 'Send suggestion').click();
      const event = await success;
      expect(event.receipt.id).to.equal('CMS-42');
      await el.updateComplete;
      const thanks = $(el, '.confirmation');
      expect(text(thanks)).to.equal('Thank you: your suggestion has arrived Stored in our CMS. Your reference: CMS-42 Send another');
      expect(root(el).activeElement).to.equal(thanks);
      await expect(el).to.be.accessible();
      fixtureCleanup();
      const again = await form({ draftKey: key });
      expect($(again, '#f-title').value).to.equal('');
    });

    it('keeps the draft when the page’s own sending fails', async () => {
      const el = await form();
      await fill(el, VALID);
      await tick(el, 'consentContact');
      el.addEventListener('submission-send', (event: SubmissionSendEvent) => event.respondWith(Promise.reject(new Error('The CMS is down.'))));
      const { result } = await captureConsole(async () => {
        const failed = oneEvent(el, 'submission-error') as Promise<SubmissionErrorEvent>;
        getByRole(root(el), 'button', 'Send suggestion').click();
        return failed;
      });
      expect(result.error.kind).to.equal('host');
      await el.updateComplete;
      expect(text($(el, '.failure'))).to.include('The CMS is down.');
      expect($(el, '#f-title').value).to.equal(VALID.title);
    });
  });

  describe('removal mode', () => {
    it('picks the publication from the feed and applies the removal rules', async () => {
      const el = await form({ mode: 'removal', feed: FEED });
      await until(() => root(el).querySelector('#f-publicationId'), 'the publication picker');
      const options = [...$(el, '#f-publicationId').querySelectorAll('option')].map(text);
      // Withdrawn works are not offered; the rest are in title order, with their year.
      expect(options[0]).to.equal('—');
      expect(options.some((o) => o.startsWith('An Early Draft'))).to.equal(false);
      expect(options.slice(1)).to.deep.equal([...options.slice(1)].sort((a, b) => a.localeCompare(b)));
      expect(options).to.include('Hotlines Between Capitals (2023)');
      expect(root(el).querySelector('form')!.getAttribute('aria-label')).to.equal('Ask for a work to be removed');
      await el.submit();
      await el.updateComplete;
      expect(summaryLinks(el)).to.deep.equal([
        'Choose the publication, or enter its title or link.',
        'Enter your name.',
        'Enter your email address.',
        'Choose your relation to the work.',
        'Enter the reason for your request.',
        'Tick the box to confirm the request is yours and accurate.',
      ]);
      getByRole($(el, '.error-summary'), 'link', 'Choose the publication').click();
      expect(activeId(el)).to.equal('f-publicationId');
      // The group's problem is tied to both of its controls.
      expect($(el, '#f-publicationId').getAttribute('aria-describedby')).to.include('f-publication-group-error');
      expect($(el, '#f-publication').getAttribute('aria-invalid')).to.equal('true');
      await fill(el, { publicationId: 'article-one', name: 'Ana Ruiz', email: 'ana@example.org', relation: 'author', reason: 'Too short' });
      await el.submit();
      await el.updateComplete;
      expect(summaryLinks(el)).to.deep.equal([
        'Reason must be at least 10 characters: a sentence or two is enough.',
        'Tick the box to confirm the request is yours and accurate.',
      ]);
      await expect(el).to.be.accessible();
    });

    it('asks for the title or link when there is no feed', async () => {
      const el = await form({ mode: 'removal' });
      expect(root(el).querySelector('#f-publicationId')).to.equal(null);
      expect(text(root(el).querySelector('label[for=f-publication]'))).to.equal('Title or link of the publication');
    });
  });

  describe('with the reference receiver', () => {
    // The test server passes /receiver/* to a real receiver (server/), started by the test runner's
    // config with a temporary SQLite file; a few routes add faults a test cannot cause otherwise.
    const RECEIVER = new URL('/receiver/submissions', location.origin).href;
    const FAIL_ONCE = new URL('/receiver/fail-once/submissions', location.origin).href;
    const HANG = new URL('/receiver/hang/submissions', location.origin).href;

    /** What the receiver stored with this title (through its token-protected moderation API). */
    async function stored(title: string): Promise<StoredSubmission[]> {
      const answer = await fetch('/receiver/admin/submissions?status=pending');
      const { submissions } = (await answer.json()) as { submissions: StoredSubmission[] };
      return submissions.filter((s) => s.data.title === title || s.data.reason === title);
    }
    async function storedRemovals(): Promise<StoredSubmission[]> {
      const answer = await fetch('/receiver/admin/submissions?status=pending');
      return ((await answer.json()) as { submissions: StoredSubmission[] }).submissions.filter((s) => s.kind === 'removal');
    }
    const requestsWith = async (key: string) => ((await (await fetch(`/receiver/requests/${key}`)).json()) as { requests: number }).requests;
    const unique = (title: string) => `${title} ${Math.random().toString(36).slice(2, 8)}`;

    async function ready(action = RECEIVER, title = unique(VALID.title)) {
      const el = await form({ action });
      await fill(el, { ...VALID, title });
      await tick(el, 'consentContact');
      return { el, title };
    }

    it('sends a contribution with its PDF, shows progress, confirms, and clears the draft', async () => {
      const { el, title } = await ready();
      await choose(el, await fixtureFile('pdfs/rotation.pdf', 'rotation.pdf'));
      await until(() => root(el).querySelector('.file-chosen'), 'the chosen file');
      await tick(el, 'consentHost');
      let sawProgress = false;
      const watch = setInterval(() => {
        sawProgress ||= Boolean(root(el).querySelector('progress[aria-label="Upload progress"]'));
      }, 1);
      const success = oneEvent(el, 'submission-success') as Promise<SubmissionSuccessEvent>;
      getByRole(root(el), 'button', 'Send suggestion').click();
      const event = await success;
      clearInterval(watch);
      expect(sawProgress).to.equal(true);
      expect(event.receipt.status).to.equal(201);
      expect(event.receipt.id).to.be.a('string');
      await el.updateComplete;
      expect(text($(el, '.confirmation'))).to.include(`Your reference: ${event.receipt.id}`);
      const [entry, ...more] = await stored(title);
      expect(more.length).to.equal(0);
      expect(entry.id).to.equal(event.receipt.id);
      expect(entry.data.authors).to.deep.equal([VALID.authors]);
      const bytes = await (await fetch(fixtureUrl('pdfs/rotation.pdf'))).arrayBuffer();
      const sha = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
      expect(entry.file_sha256 ?? entry.file?.sha256).to.equal(sha);
      await expect(el).to.be.accessible();
    });

    it('sends once however often the button is pressed', async () => {
      const { el, title } = await ready();
      const send = oneEvent(el, 'submission-send') as Promise<SubmissionSendEvent>;
      const success = oneEvent(el, 'submission-success');
      const button = getByRole(root(el), 'button', 'Send suggestion');
      button.click();
      button.click();
      await el.submit();
      const { idempotencyKey } = await send;
      await success;
      expect(await requestsWith(idempotencyKey)).to.equal(1);
      expect((await stored(title)).length).to.equal(1);
    });

    it('keeps the draft through a server error, and a retry is stored once', async () => {
      const { el, title } = await ready(FAIL_ONCE);
      const send = oneEvent(el, 'submission-send') as Promise<SubmissionSendEvent>;
      const { result: failed } = await captureConsole(async () => {
        const failure = oneEvent(el, 'submission-error') as Promise<SubmissionErrorEvent>;
        getByRole(root(el), 'button', 'Send suggestion').click();
        return failure;
      });
      const { idempotencyKey } = await send;
      expect(failed.error.kind).to.equal('server');
      await el.updateComplete;
      expect(text($(el, '.failure'))).to.include('had a problem (error 500)');
      expect($(el, '#f-title').value).to.equal(title);
      await expect(el).to.be.accessible();
      const retried = oneEvent(el, 'submission-send') as Promise<SubmissionSendEvent>;
      const success = oneEvent(el, 'submission-success');
      getByRole($(el, '.failure'), 'button', 'Try again').click();
      expect((await retried).idempotencyKey).to.equal(idempotencyKey);
      await success;
      expect(await requestsWith(idempotencyKey)).to.equal(2);
      // The receiver stored the first attempt (only its answer was lost) and recognised the retry.
      expect((await stored(title)).length).to.equal(1);
    });

    it('puts the receiver’s field errors by their fields', async () => {
      const { el } = await ready();
      // A page (or a stricter receiver) can disagree with what the form accepted.
      el.addEventListener('submission-send', (event: SubmissionSendEvent) => event.formData.set('email', 'not-an-address'));
      const { result: failed } = await captureConsole(async () => {
        const failure = oneEvent(el, 'submission-error') as Promise<SubmissionErrorEvent>;
        getByRole(root(el), 'button', 'Send suggestion').click();
        return failure;
      });
      expect(failed.error.kind).to.equal('invalid');
      expect(failed.error.status).to.equal(422);
      await el.updateComplete;
      expect(summaryLinks(el)).to.deep.equal(['Enter an email address such as name@example.org.']);
      expect(fieldError(el, 'f-email')).to.equal('Error: Enter an email address such as name@example.org.');
      expect(root(el).activeElement).to.equal($(el, '.error-summary'));
      await expect(el).to.be.accessible();
    });

    it('shows the receiver’s size limit by the file field', async () => {
      const { el } = await ready();
      await choose(el, await fixtureFile('pdfs/tracemonkey.pdf', 'tracemonkey.pdf'));
      await until(() => root(el).querySelector('.file-chosen'), 'the chosen file');
      await tick(el, 'consentHost');
      const { result: failed } = await captureConsole(async () => {
        const failure = oneEvent(el, 'submission-error') as Promise<SubmissionErrorEvent>;
        getByRole(root(el), 'button', 'Send suggestion').click();
        return failure;
      });
      expect(failed.error.status).to.equal(413);
      await el.updateComplete;
      expect(fieldError(el, 'f-file')).to.match(/^Error: This file is larger than/);
    });

    it('does not take a web page for a confirmation', async () => {
      const { el, title } = await ready(new URL('/receiver/page/submissions', location.origin).href);
      const { result: failed } = await captureConsole(async () => {
        const failure = oneEvent(el, 'submission-error') as Promise<SubmissionErrorEvent>;
        getByRole(root(el), 'button', 'Send suggestion').click();
        return failure;
      });
      expect(failed.error.kind).to.equal('server');
      await el.updateComplete;
      expect(text($(el, '.failure'))).to.include('answered with a web page, not a confirmation');
      expect($(el, '#f-title').value).to.equal(title);
    });

    it('sends changed answers with a new key after an attempt whose answer was lost', async () => {
      const { el, title } = await ready(FAIL_ONCE);
      const first = oneEvent(el, 'submission-send') as Promise<SubmissionSendEvent>;
      await captureConsole(async () => {
        const failure = oneEvent(el, 'submission-error');
        getByRole(root(el), 'button', 'Send suggestion').click();
        await failure;
      });
      const { idempotencyKey } = await first;
      // The first attempt was stored, but the reader never heard. They change the title and try again.
      const changed = `${title} (second edition)`;
      await fill(el, { title: changed });
      const second = oneEvent(el, 'submission-send') as Promise<SubmissionSendEvent>;
      const success = oneEvent(el, 'submission-success');
      await el.updateComplete;
      // Changing an answer puts the failure message away; the reader sends again.
      expect(root(el).querySelector('.failure')).to.equal(null);
      const secondFailure = oneEvent(el, 'submission-error');
      await captureConsole(async () => {
        getByRole(root(el), 'button', 'Send suggestion').click();
        await secondFailure;
      });
      const newKey = (await second).idempotencyKey;
      expect(newKey).to.not.equal(idempotencyKey);
      // This test route loses the first answer for every key; the unchanged retry keeps its key.
      const third = oneEvent(el, 'submission-send') as Promise<SubmissionSendEvent>;
      await el.updateComplete;
      getByRole($(el, '.failure'), 'button', 'Try again').click();
      expect((await third).idempotencyKey).to.equal(newKey);
      await success;
      // The changed answers are stored, not thrown away as a replay of the first.
      expect((await stored(changed)).length).to.equal(1);
    });

    it('says when to try again after too many submissions, and keeps the draft', async () => {
      const { el, title } = await ready(new URL('/receiver/busy/submissions', location.origin).href);
      const { result: failed } = await captureConsole(async () => {
        const failure = oneEvent(el, 'submission-error') as Promise<SubmissionErrorEvent>;
        getByRole(root(el), 'button', 'Send suggestion').click();
        return failure;
      });
      expect(failed.error.kind).to.equal('rate-limited');
      await el.updateComplete;
      expect(text($(el, '.failure'))).to.include('Too many forms were sent from your network. Try again in 2 minutes.');
      expect($(el, '#f-title').value).to.equal(title);
    });

    it('gives up after the timeout and keeps the draft', async () => {
      const { el, title } = await ready(HANG);
      el.timeout = 1500;
      const { result: failed } = await captureConsole(async () => {
        const failure = oneEvent(el, 'submission-error') as Promise<SubmissionErrorEvent>;
        getByRole(root(el), 'button', 'Send suggestion').click();
        // While it waits, the button says it is busy, the answers cannot change, and axe is still clean.
        await until(() => getByRole(root(el), 'button', 'Send suggestion').getAttribute('aria-disabled') === 'true', 'the busy button');
        await el.updateComplete;
        expect($(el, '.fields').inert).to.equal(true);
        await expect(el).to.be.accessible();
        return failure;
      });
      expect(failed.error.kind).to.equal('timeout');
      await el.updateComplete;
      expect(text($(el, '.failure'))).to.include('did not answer within 2 seconds');
      expect($(el, '#f-title').value).to.equal(title);
    });

    it('restores every field and the PDF after an offline attempt and a reload, then stores it once', async () => {
      const key = freshKey();
      const frame = document.createElement('iframe');
      frame.title = 'Form page';
      document.body.append(frame);
      const page = (action: string) => `/test/fixtures/submit/page.html?draft-key=${key}&action=${encodeURIComponent(action)}`;
      const load = (src: string) =>
        new Promise<SubmitForm>((resolve) => {
          frame.addEventListener('load', () => resolve(until(() => frame.contentDocument!.querySelector('submit-form') as SubmitForm | null, 'the form')), { once: true });
          frame.src = src;
        });
      try {
        let el = await load(page(NOWHERE));
        await el.updateComplete;
        const title = unique(VALID.title);
        await fill(el, { ...VALID, title, publisher: 'Harvard University Press' });
        await tick(el, 'consentContact');
        await choose(el, await fixtureFile('pdfs/rotation.pdf', 'rotation.pdf'));
        await until(() => root(el).querySelector('.file-chosen'), 'the chosen file');
        await tick(el, 'consentHost');
        const failure = new Promise((resolve) => el.addEventListener('submission-error', resolve, { once: true }));
        getByRole(root(el), 'button', 'Send suggestion').click();
        await failure;
        // Reload at once: the page is gone before any delayed save.
        el = await load(page(RECEIVER));
        await el.updateComplete;
        await until(() => root(el).querySelector('.file-chosen'), 'the restored PDF');
        for (const [name, value] of Object.entries({ ...VALID, title, publisher: 'Harvard University Press' })) {
          expect(($(el, `[name="${name}"]`) as HTMLInputElement).value, name).to.equal(value);
        }
        expect($(el, '#f-consentContact').checked).to.equal(true);
        expect($(el, '#f-consentHost').checked).to.equal(true);
        const success = new Promise<SubmissionSuccessEvent>((resolve) => el.addEventListener('submission-success', resolve as EventListener, { once: true }));
        getByRole(root(el), 'button', 'Send suggestion').click();
        await success;
        const entries = await stored(title);
        expect(entries.length).to.equal(1);
        expect(entries[0].file_size ?? entries[0].file?.size).to.equal(6605);
      } finally {
        frame.remove();
      }
    });

    it('sends a removal request chosen from the feed, with the keyboard alone', async () => {
      const el = await form({ mode: 'removal', feed: FEED, action: RECEIVER });
      await until(() => root(el).querySelector('#f-publicationId'), 'the publication picker');
      // No spaces: the WebKit driver drops some typed spaces.
      const reason = `Reprinted-without-consent-${Math.random().toString(36).slice(2, 8)}`;
      /** Presses Tab until the control with this id has focus. */
      async function tabTo(id: string) {
        for (let i = 0; i < 4 && activeId(el) !== id; i += 1) await sendKeys({ press: 'Tab' });
        expect(activeId(el)).to.equal(id);
      }
      $(el, '#f-publicationId').focus();
      await sendKeys({ type: 'H' });
      await el.updateComplete;
      expect($(el, '#f-publicationId').value).to.equal('article-one');
      await tabTo('f-name');
      await type(el, '#f-name', 'Ana Ruiz');
      await tabTo('f-email');
      await type(el, '#f-email', 'ana@example.org');
      await tabTo('f-relation');
      await sendKeys({ type: 'I' });
      await el.updateComplete;
      expect($(el, '#f-relation').value).to.equal('author');
      await tabTo('f-reason');
      await type(el, '#f-reason', reason);
      await tabTo('f-confirm');
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect($(el, '#f-confirm').checked).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(text(root(el).activeElement)).to.equal('Send request');
      const success = oneEvent(el, 'submission-success');
      await sendKeys({ press: 'Enter' });
      await success;
      await el.updateComplete;
      expect(root(el).activeElement).to.equal($(el, '.confirmation'));
      const removals = await storedRemovals();
      const entry = removals.find((s) => s.data.reason === reason);
      expect(entry, `a removal with the typed reason, among: ${removals.map((s) => JSON.stringify(s.data.reason)).join(', ')}`).to.not.equal(undefined);
      if (!entry) return;
      expect(entry.kind).to.equal('removal');
      expect(entry.data.publicationId).to.equal('article-one');
      expect(entry.data.relation).to.equal('author');
    });
  });

  it('fits a phone\'s narrow column: no field, file picker or word makes it scroll sideways', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="width: 240px">
      <submit-form action=${NOWHERE} draft-key=${freshKey()}></submit-form>
    </div>`);
    const el = box.querySelector('submit-form') as SubmitForm;
    await el.updateComplete;
    const formEl = root(el).querySelector('form')!;
    expect(el.getBoundingClientRect().width).to.be.at.most(240);
    expect(formEl.scrollWidth).to.be.at.most(Math.ceil(formEl.clientWidth));
    for (const input of root(el).querySelectorAll('input, select, textarea'))
      expect(input.getBoundingClientRect().right, (input as HTMLInputElement).name).to.be.at.most(el.getBoundingClientRect().right + 0.5);
  });

  it('says plainly when it has nowhere to send', async () => {
    const el = await fixture<SubmitForm>(html`<submit-form draft-key=${freshKey()}></submit-form>`);
    await fill(el, VALID);
    await tick(el, 'consentContact');
    const { warnings } = await captureConsole(async () => {
      await el.submit();
    });
    await el.updateComplete;
    expect(text($(el, '.failure'))).to.include('This form has no address to send to');
    expect(warnings.some((w) => w.includes('no address'))).to.equal(true);
    expect(byRole(root(el), 'button').map(text)).to.not.include('Try again');
  });
});
