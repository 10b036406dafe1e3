/**
 * jsdom lacks a few browser APIs antd relies on (matchMedia for responsive layout, ResizeObserver
 * for tables and overflow, pseudo-element getComputedStyle); they are stubbed here for the
 * designer's component tests, and jest-dom's matchers are registered.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';

// findBy/waitFor wait for a state (a row, a count, a selected tab), never for a time. The bound only
// stops a broken test before vitest's own 60 s: the first render of the whole app in jsdom takes
// several seconds on a busy machine (the old 5 s failed the first inbox test 2 runs in 3 under load).
configure({ asyncUtilTimeout: 30_000 });

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverStub });
}

// jsdom throws "Not implemented" for pseudo-elements; antd only measures scrollbars with them.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element, pseudo?: string | null) =>
  getComputedStyle(element, pseudo ? undefined : pseudo);

afterEach(() => {
  cleanup();
  localStorage.clear();
});
