import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, useRoutes } from 'react-router';
import { i18nReady } from './i18n';
// antd's styles for the console's theme, extracted at build time (vite/antdStaticStyle.ts); the console's own after
import './antd.generated.css';
import './styles.css';
import { App } from './App';
import { routes } from './routes';

// the declarative router: the screens use no loaders or actions, and it leaves react-router's data router (some
// 15 KB gzip) out of the first screen
function Screens() {
  return useRoutes(routes);
}

// the remembered language first (English is loaded on demand), so the first screen shows in it
void i18nReady.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App>
        <BrowserRouter>
          <Screens />
        </BrowserRouter>
      </App>
    </StrictMode>,
  ),
);
