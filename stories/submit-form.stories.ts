import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/components/submit-form/define.js';
import type { SubmitForm } from '../src/components/submit-form/submit-form.js';
import type { SubmissionSendEvent } from '../src/events/submission-send-event.js';

interface FormArgs {
  action?: string;
  mode?: 'contribute' | 'removal';
  feed?: string;
  'max-file-size'?: string;
  'heading-level'?: number;
  theme?: 'dark' | 'auto';
  /** Actions that Storybook makes from the events in the manifest. */
  onSubmissionSend?: (event: Event) => void;
  onSubmissionSuccess?: (event: Event) => void;
  onSubmissionError?: (event: Event) => void;
}

type Story = StoryObj<FormArgs>;

const FEED = 'fixtures/library/feed.json';

/** Each story keeps its own draft, so what is typed in one never shows up in another. */
const draftKey = (name: string) => `storybook-${name}`;

const render = (name: string, after?: (form: SubmitForm) => void) => (args: FormArgs) =>
  html`<submit-form
    action=${args.action ?? nothing}
    mode=${args.mode ?? nothing}
    feed=${args.feed ?? nothing}
    max-file-size=${args['max-file-size'] ?? nothing}
    heading-level=${args['heading-level'] ?? nothing}
    theme=${args.theme ?? nothing}
    draft-key=${draftKey(name)}
    ${ref((el) => el && after?.(el as SubmitForm))}
  ></submit-form>`;

const meta: Meta<FormArgs> = {
  title: 'Elements/submit-form',
  component: 'submit-form',
  tags: ['autodocs'],
  args: { action: 'https://receiver.example/submissions' },
};
export default meta;

/** A reader suggests a work: a link or a PDF (checked by content, 20 MB at most), and why it belongs. */
export const Contribute: Story = { render: render('contribute'), args: { feed: FEED } };

/** An author asks for a work to be taken down, choosing it from the library's feed. */
export const RemovalRequest: Story = { render: render('removal'), args: { mode: 'removal', feed: FEED } };

/** Sending an empty form: the summary lists every problem, each a link to its field, and takes focus. */
export const Problems: Story = {
  render: render('problems', (form) => {
    void form.updateComplete.then(() => form.submit());
  }),
};

/** After the receiver confirms: thanks, what happens next and a reference. Here the page answers for the receiver (`respondWith`). */
export const Confirmation: Story = {
  render: (args) => html`<div
    @submission-send=${(event: SubmissionSendEvent) => event.respondWith(Promise.resolve({ id: 'S-1024', message: 'The editors read new suggestions every week.' }))}
  >
    ${render('confirmation', (form) => {
      void form.updateComplete.then(async () => {
        if (form.shadowRoot!.querySelector('.confirmation')) return;
        const set = (name: string, value: string) => {
          const control = form.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
          control.value = value;
          control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        };
        for (const [name, value] of Object.entries({
          title: 'The Strategy of Conflict',
          authors: 'Thomas C. Schelling',
          type: 'article',
          url: 'https://example.org/strategy-of-conflict',
          summary: 'Bargaining, deterrence and commitment.',
          why: 'It shaped how we think about crisis communications.',
          name: 'Ana Ruiz',
          email: 'ana@example.org',
        })) {
          set(name, value);
          await form.updateComplete;
        }
        form.shadowRoot!.querySelector<HTMLInputElement>('[name=consentContact]')!.click();
        await form.updateComplete;
        await form.submit();
      });
    })(args)}
  </div>`,
};

/** The dark theme, for dark pages. */
export const Dark: Story = { render: render('dark'), args: { theme: 'dark' } };
