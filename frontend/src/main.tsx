import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { restoreSession } from './lib/api-client';
import './index.css';

// Before the first render and outside React: a refresh token works once, so the exchange must not be started
// twice by a component that mounts twice.
void restoreSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
