/**
 * jsdom lacks a few browser APIs antd relies on (matchMedia for responsive layout, ResizeObserver
 * for tables and overflow, pseudo-element getComputedStyle); they are stubbed here for the
 * designer's component tests, and jest-dom's matchers are registered.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';

// antd renders slowly in jsdom on a busy machine; findBy/waitFor get more than the default second.
configure({ asyncUtilTimeout: 5_000 });

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
