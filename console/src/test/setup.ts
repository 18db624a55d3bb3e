import '@testing-library/jest-dom/vitest';

// antd measures and observes elements that jsdom does not lay out
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;

// Testing Library unmounts after each test only when the runner's globals are on; here they are not
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
afterEach(() => cleanup());

// findBy… and waitFor give up after 1 s by default; a busy 2-core CI machine can take longer to render antd's
// validation, so they wait up to 5 s (they still return as soon as the element is there)
import { configure } from '@testing-library/react';
configure({ asyncUtilTimeout: 5000 });
