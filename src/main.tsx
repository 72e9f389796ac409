import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sectionDigests, usePersistenceStatus } from './state/persistence.ts';
import { useAppStore } from './state/store.ts';
import { App } from './ui/App.tsx';
import { ErrorBoundary } from './ui/shell/ErrorBoundary.tsx';
import './ui/styles.css';

// Hooks for the browser tests (test/e2e): the store, the save status, a digest of the persisted sections.
Object.assign(window, {
  __atlasStore: useAppStore,
  __atlasPersistence: usePersistenceStatus,
  __atlasDigest: () => sectionDigests(useAppStore.getState()),
});

const root = document.getElementById('root');
if (!root) throw new Error('#root manquant dans index.html');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary area="l’application" id="shell">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
