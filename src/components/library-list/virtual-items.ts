/**
 * A `virtual` listing's lists of cards: `@lit-labs/virtualizer` puts only the
 * cards near the screen in the page. Loaded only by lists with `virtual`.
 *
 * Two things the virtualizer leaves to its user, done here for one listing:
 * - **One height estimate for all the listing's sections.** Each section (a
 *   type, a year) has its own virtualizer, and one the reader has not reached
 *   guesses its cards at 100 pixels, where a card is some 250. The page was
 *   then far too short below the screen, and End took several presses to
 *   reach the last card while the page grew under it. A section with no card
 *   measured yet now takes the average of those measured in the others.
 * - **Focus kept in the list.** A card scrolled far enough away is taken out
 *   of the page, and when it held focus, focus fell to the page itself: the
 *   next Tab started again at the top of the page. Focus moves instead to the
 *   list (not into view: the reader scrolled away on purpose), so that Tab
 *   goes on among the cards on screen.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';

/** Draws one item as the listing's `<li>`, given its position in its list. */
export type RenderItem<T> = (item: T, index: number) => TemplateResult;

/** The virtualized lists of one listing, which share what they measure and where focus is. */
export class VirtualItems {
  /** The height of a card with the space after it, as last measured in any of the listing's sections; 0 before any. */
  private measured = 0;
  /** The card holding focus: its list, its `<li>` and its place in the list (from 0). */
  private focused?: { list: HTMLElement; item: Element; index: number };
  /** The layout every section uses: the virtualizer's own, falling back to the listing's measure. */
  private readonly layout: { type: typeof FlowLayout };

  constructor() {
    const shared = this;
    this.layout = {
      type: class SharedEstimateLayout extends FlowLayout {
        override _getAverageSize(): number {
          return this._metricsCache.averageChildSize || shared.measured || super._getAverageSize();
        }

        override updateItemSizes(sizes: Parameters<FlowLayout['updateItemSizes']>[0]): void {
          super.updateItemSizes(sizes);
          const cache = this._metricsCache;
          if (cache.averageChildSize) shared.measured = cache.averageChildSize + cache.averageMarginSize;
        }
      },
    };
  }

  /** A list of `items` under `label`, each drawn by `renderItem`. */
  render<T>(items: T[], label: string, renderItem: RenderItem<T>): TemplateResult {
    return html`<ul
      part="items"
      class="items virtual"
      role="list"
      aria-label=${label || nothing}
      tabindex="-1"
      @focusin=${this.onFocusIn}
      @focusout=${this.onFocusOut}
      @rangeChanged=${this.onRangeChanged}
    >
      ${virtualize({ items, renderItem, layout: this.layout })}
    </ul>`;
  }

  private onFocusIn = (event: FocusEvent) => {
    const list = event.currentTarget as HTMLElement;
    const item = (event.target as Element).closest('li');
    // Its place in the whole list, which `aria-posinset` holds (from 1).
    const position = Number(item?.getAttribute('aria-posinset'));
    this.focused = item && position > 0 ? { list, item, index: position - 1 } : undefined;
  };

  private onFocusOut = (event: FocusEvent) => {
    if (event.relatedTarget) {
      this.focused = undefined;
      return;
    }
    // Focus leaving for nowhere: the reader clicked the page's background (the card is still there),
    // or the card was taken out of the page, in browsers that say so.
    const focused = this.focused;
    queueMicrotask(() => focused && this.focused === focused && this.afterRemoval(focused));
  };

  /** The virtualizer is about to draw cards `first` to `last`: a focused card outside them leaves the page, and would take focus with it. */
  private onRangeChanged = (event: RangeChangedEvent) => {
    const focused = this.focused;
    if (focused?.list !== event.currentTarget || (focused.index >= event.first && focused.index <= event.last)) return;
    // After the virtualizer's own handler, which takes the card out.
    queueMicrotask(() => this.focused === focused && this.afterRemoval(focused));
  };

  /** Focus moves to the list when its card has left the page and nothing else took it; a card still there means the reader moved on. */
  private afterRemoval(focused: { list: HTMLElement; item: Element }) {
    if (focused.item.isConnected) {
      if (!focused.item.contains((focused.list.getRootNode() as ShadowRoot).activeElement)) this.focused = undefined;
      return;
    }
    this.focused = undefined;
    const root = focused.list.getRootNode() as ShadowRoot;
    if (focused.list.isConnected && !root.activeElement) focused.list.focus({ preventScroll: true });
  }
}
