/**
 * Tells screen-reader users about changing results without moving focus: a
 * polite live region whose text changes only after the reader pauses, so
 * each keystroke does not interrupt them.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

export class AnnouncerController implements ReactiveController {
  private message = '';
  private latest?: string;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly delay = 600,
  ) {
    host.addController(this);
  }

  /** Schedules `text` to be announced once it has stopped changing. The first text is the baseline and is not announced. */
  announce(text: string): void {
    if (this.latest === undefined) {
      this.latest = text;
      return;
    }
    if (text === this.latest) return;
    this.latest = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.message = text;
      this.host.requestUpdate();
    }, this.delay);
  }

  render() {
    return html`<p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.message}</p>`;
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }
}
