import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index';
import './app.css';
import { App } from './features/shell/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
