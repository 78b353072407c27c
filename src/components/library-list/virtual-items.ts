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
  /** Each section's layout, while the section exists. */
  private readonly layouts = new Set<WeakRef<SharedEstimateLayout>>();
  /** A card's height with the space after it, averaged over every card measured in the listing's sections; 0 before any. */
  private measured = 0;
  /** The card holding focus: its list, the root the list is drawn in, its `<li>` and its place in the list (from 0). */
  private focused?: { list: HTMLElement; root: ShadowRoot | Document; item: Element; index: number };
  /** Whether a look at the focused card is queued for after the render under way. */
  private checking = false;
  /** The layout every section uses: the virtualizer's own, falling back to the listing's measure. */
  private readonly layout: { type: typeof FlowLayout };

  constructor() {
    const shared = this;
    this.layout = {
      type: class extends SharedEstimateLayout {
        constructor(...args: ConstructorParameters<typeof FlowLayout>) {
          super(...args);
          shared.layouts.add(new WeakRef(this));
        }

        override _getAverageSize(): number {
          return this._metricsCache.averageChildSize || shared.measured || super._getAverageSize();
        }

        override updateItemSizes(sizes: Parameters<FlowLayout['updateItemSizes']>[0]): void {
          super.updateItemSizes(sizes);
          shared.remeasure();
        }
      },
    };
  }

  /** A list of `items` under `label`, each drawn by `renderItem`. */
  render<T>(items: T[], label: string, renderItem: RenderItem<T>): TemplateResult {
    this.checkFocusAfterRender();
    return html`<ul
      part="items"
      class="items virtual"
      role="list"
      aria-label=${label || nothing}
      @focusin=${this.onFocusIn}
      @focusout=${this.onFocusOut}
      @rangeChanged=${this.onRangeChanged}
    >
      ${virtualize({ items, renderItem, layout: this.layout })}
    </ul>`;
  }

  /**
   * A render of the listing can take the focused card away with its list (Back
   * changing the grouping), and Firefox and WebKit send no focusout for an
   * element taken out of the page: looked at once the render is in the page
   * (a microtask queued while Lit renders runs after it commits).
   */
  private checkFocusAfterRender() {
    const focused = this.focused;
    if (!focused || this.checking) return;
    this.checking = true;
    queueMicrotask(() => {
      this.checking = false;
      if (this.focused === focused && !focused.item.isConnected) this.afterRemoval(focused);
    });
  }

  /**
   * The listing's average card after a section measured some: the sections with
   * none measured yet are sized again with it, since a virtualizer sizes its list
   * only when something makes it lay out again.
   */
  private remeasure() {
    let total = 0;
    let count = 0;
    const unmeasured: SharedEstimateLayout[] = [];
    for (const ref of this.layouts) {
      const layout = ref.deref();
      if (!layout) {
        this.layouts.delete(ref);
        continue;
      }
      const { averageChildSize, totalChildSize, averageMarginSize } = layout._metricsCache;
      if (!averageChildSize) {
        unmeasured.push(layout);
        continue;
      }
      const cards = totalChildSize / averageChildSize;
      total += totalChildSize + averageMarginSize * cards;
      count += cards;
    }
    const measured = count ? total / count : 0;
    if (Math.abs(measured - this.measured) < 1) return;
    this.measured = measured;
    for (const layout of unmeasured) layout.resize();
  }

  private onFocusIn = (event: FocusEvent) => {
    const list = event.currentTarget as HTMLElement;
    const item = (event.target as Element).closest('li');
    // Its place in the whole list, which `aria-posinset` holds (from 1).
    const position = Number(item?.getAttribute('aria-posinset'));
    this.focused = item && position > 0 ? { list, root: list.getRootNode() as ShadowRoot, item, index: position - 1 } : undefined;
  };

  private onFocusOut = (event: FocusEvent) => {
    const list = event.currentTarget as HTMLElement;
    // The list holds focus only in place of a card that left; once focus moves on, a click inside it focuses nothing.
    if (event.target === list) list.removeAttribute('tabindex');
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

  /**
   * Focus moves to the list when its card has left the page and nothing else took it (to the listing's first
   * list when the card's own list went too, as when Back changes the grouping); a card still there means the
   * reader moved on.
   */
  private afterRemoval(focused: NonNullable<VirtualItems['focused']>) {
    const { root } = focused;
    if (focused.item.isConnected) {
      if (!focused.item.contains(root.activeElement)) this.focused = undefined;
      return;
    }
    this.focused = undefined;
    const list = focused.list.isConnected ? focused.list : root.querySelector<HTMLElement>('.items.virtual');
    if (!list || root.activeElement) return;
    list.tabIndex = -1;
    list.focus({ preventScroll: true });
  }
}

/** The virtualizer's flow layout, which can be told to size its list again. */
class SharedEstimateLayout extends FlowLayout {
  resize(): void {
    this._triggerReflow();
  }
}
