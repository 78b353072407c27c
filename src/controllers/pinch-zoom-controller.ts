/**
 * Pinch to zoom: two fingers on a touch screen (pointer events), and a
 * trackpad's pinch, which browsers report as a wheel event with `ctrlKey`.
 *
 * While the fingers move, `preview(factor)` lets the host show the change
 * cheaply (a CSS scale); when they lift, or a trackpad pinch pauses,
 * `commit(factor)` asks for the real zoom, so that pages are drawn again
 * sharp at the new size. One-finger touches are left to the browser for
 * scrolling (the element should have `touch-action: pan-x pan-y`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PinchZoomOptions {
  /** The element the fingers are on; looked up after each update of the host. */
  target(): HTMLElement | null | undefined;
  /** The fingers are this far apart relative to where they started (2 = twice as far). */
  preview(factor: number): void;
  /** The gesture ended with this factor: zoom for real. */
  commit(factor: number): void;
}

/** How long a trackpad pinch must pause before it counts as done. */
const WHEEL_SETTLE_MS = 150;

export class PinchZoomController implements ReactiveController {
  private element?: HTMLElement;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private startDistance = 0;
  private factor = 1;
  private wheelTimer?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: PinchZoomOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const element = this.options.target() ?? undefined;
    if (element === this.element) return;
    this.detach();
    this.element = element;
    if (!element) return;
    element.addEventListener('pointerdown', this.down);
    element.addEventListener('pointermove', this.move);
    element.addEventListener('pointerup', this.up);
    element.addEventListener('pointercancel', this.up);
    element.addEventListener('wheel', this.wheel, { passive: false });
  }

  hostDisconnected(): void {
    this.detach();
    this.element = undefined;
  }

  private detach() {
    const element = this.element;
    if (!element) return;
    element.removeEventListener('pointerdown', this.down);
    element.removeEventListener('pointermove', this.move);
    element.removeEventListener('pointerup', this.up);
    element.removeEventListener('pointercancel', this.up);
    element.removeEventListener('wheel', this.wheel);
    this.pointers.clear();
    this.startDistance = 0;
    clearTimeout(this.wheelTimer);
    this.wheelTimer = undefined;
  }

  private distance(): number {
    const [a, b] = [...this.pointers.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  }

  private down = (event: PointerEvent) => {
    if (event.pointerType !== 'touch') return;
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (this.pointers.size === 2) {
      this.startDistance = this.distance();
      this.factor = 1;
    }
  };

  private move = (event: PointerEvent) => {
    if (!this.pointers.has(event.pointerId)) return;
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (this.pointers.size !== 2 || !this.startDistance) return;
    event.preventDefault();
    this.factor = this.distance() / this.startDistance;
    this.options.preview(this.factor);
  };

  private up = (event: PointerEvent) => {
    if (!this.pointers.delete(event.pointerId)) return;
    if (this.startDistance && this.pointers.size < 2) {
      this.startDistance = 0;
      if (Math.abs(this.factor - 1) > 0.01) this.options.commit(this.factor);
      else this.options.preview(1);
    }
  };

  private wheel = (event: WheelEvent) => {
    if (!event.ctrlKey) return;
    // Without this the browser would zoom the whole host page.
    event.preventDefault();
    if (this.wheelTimer === undefined) this.factor = 1;
    const pixels = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaY;
    this.factor *= Math.exp(-pixels / 200);
    this.options.preview(this.factor);
    clearTimeout(this.wheelTimer);
    this.wheelTimer = setTimeout(() => {
      this.wheelTimer = undefined;
      const factor = this.factor;
      this.factor = 1;
      this.options.commit(factor);
    }, WHEEL_SETTLE_MS);
  };
}
