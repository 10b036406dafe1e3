/**
 * jsdom measures nothing, so React Flow keeps nodes hidden until measured. These shims (from React
 * Flow's testing guide) make nodes measurable in component tests. Import only from test files.
 */

class MeasuringResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyShim {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale === undefined ? 1 : Number(scale);
  }
}

/** Installs the shims on the test's window (each test file has its own jsdom). */
export function installReactFlowShims(): void {
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: MeasuringResizeObserver });
  Object.defineProperty(globalThis, 'ResizeObserver', { writable: true, value: MeasuringResizeObserver });
  Object.defineProperty(globalThis, 'DOMMatrixReadOnly', { writable: true, value: DOMMatrixReadOnlyShim });
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return Number.parseFloat(this.style.height) || 1;
      },
    },
    offsetWidth: {
      configurable: true,
      get(this: HTMLElement) {
        return Number.parseFloat(this.style.width) || 1;
      },
    },
  });
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () =>
    ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
}
