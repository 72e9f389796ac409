// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyWorkspace } from '../../io/project/workspace.ts';
import { listKeptAside, loadWorkspace, openWorkspaceDb, saveWorkspace } from '../../storage/index.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { backToSample } from './wayOut.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Broken(): never {
  throw new TypeError("Cannot read properties of null (reading 'lon')");
}

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  // React reports caught render errors on the console; they are expected here.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('replaces a view that throws by a French message, the bug report details and three ways out', () => {
    act(() =>
      root.render(
        <div>
          <p>Barre du haut</p>
          <ErrorBoundary area="le module Éclairage public" id="module-lights">
            <Broken />
          </ErrorBoundary>
        </div>,
      ),
    );
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.querySelector('h2')!.textContent).toBe(
      'Un problème empêche d’afficher le module Éclairage public',
    );
    // Outside the boundary, the page still renders.
    expect(container.textContent).toContain('Barre du haut');
    const buttons = [...alert.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).toEqual([
      'Recharger',
      'Exporter mes données',
      'Revenir aux données d’exemple',
      'Copier les détails',
    ]);
    const details = (alert.querySelector('[data-testid="error-details"]') as HTMLTextAreaElement).value;
    expect(details).toContain('erreur d’affichage dans le module Éclairage public');
    expect(details).toContain("TypeError: Cannot read properties of null (reading 'lon')");
    expect(details).toMatch(/Composants :[\s\S]*Broken/);
    // The library's English message is only in the collapsed details, never in the visible text.
    const visible = [...alert.querySelectorAll('h2, p')].map((n) => n.textContent).join(' ');
    expect(visible).not.toContain('Cannot read');
  });

  it('renders its children when nothing throws', () => {
    act(() =>
      root.render(
        <ErrorBoundary area="l’application" id="shell">
          <p>contenu</p>
        </ErrorBoundary>,
      ),
    );
    expect(container.textContent).toBe('contenu');
  });
});

describe('backToSample', () => {
  it('keeps the stored workspace aside, empties it and reloads', async () => {
    const opened = await openWorkspaceDb();
    if (!opened.ok) throw new Error(opened.message);
    const workspace = createEmptyWorkspace();
    workspace.sections = { lights: { version: 1, data: { points: [] } } };
    expect((await saveWorkspace(opened.db, workspace, { expectedRevision: 0 })).ok).toBe(true);
    opened.db.close();

    const reload = vi.fn();
    expect(await backToSample('Mises de côté après une erreur.', reload)).toEqual({ ok: true });
    expect(reload).toHaveBeenCalledOnce();
    const again = await openWorkspaceDb();
    if (!again.ok) throw new Error(again.message);
    expect(await loadWorkspace(again.db)).toMatchObject({ ok: true, workspace: null, revision: 2 });
    expect(await listKeptAside(again.db)).toMatchObject([{ reason: 'Mises de côté après une erreur.' }]);
    again.db.close();
  });
});
