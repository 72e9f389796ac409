// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DrawTool, DrawToolbar } from './DrawToolbar.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function tool(overrides: Partial<DrawTool> = {}): DrawTool {
  return {
    available: true,
    mode: 'idle',
    vertexCount: 0,
    start: vi.fn(),
    toggle: vi.fn(),
    cancel: vi.fn(),
    result: null,
    clear: vi.fn(),
    ...overrides,
  };
}

let container: HTMLDivElement;
function render(element: React.ReactElement) {
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(element));
  return root;
}
afterEach(() => container.remove());

const buttons = () => [...container.querySelectorAll('button')];
const byText = (text: string) => buttons().find((b) => b.textContent === text)!;

describe('DrawToolbar', () => {
  it('offers the French selection tools with aria-pressed and a disabled cancel while idle', () => {
    render(<DrawToolbar draw={tool()} />);
    expect(buttons().map((b) => b.textContent)).toEqual([
      'Sélection rectangle',
      'Sélection polygone',
      'Annuler (Échap)',
    ]);
    expect(container.querySelector('[role="toolbar"]')!.getAttribute('aria-label')).toBe('Outils de dessin');
    expect(byText('Sélection rectangle').getAttribute('aria-pressed')).toBe('false');
    expect(byText('Annuler (Échap)').disabled).toBe(true);
  });

  it('marks the active mode, explains it, and routes clicks to the tool', () => {
    const draw = tool({ mode: 'polygon', vertexCount: 1 });
    render(<DrawToolbar draw={draw} />);
    expect(byText('Sélection polygone').getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelector('.draw-hint')!.textContent).toMatch(/placer les sommets/);
    act(() => byText('Sélection rectangle').click());
    expect(draw.toggle).toHaveBeenCalledWith('rectangle');
    act(() => byText('Annuler (Échap)').click());
    expect(draw.cancel).toHaveBeenCalledTimes(1);
  });

  it('tells how to finish once the polygon has 3 vertices', () => {
    render(<DrawToolbar draw={tool({ mode: 'polygon', vertexCount: 3 })} />);
    expect(container.querySelector('.draw-hint')!.textContent).toMatch(/double-clic, Entrée/);
  });

  it('supports a polygon-only tool with custom labels, disabled before the map is ready', () => {
    render(
      <DrawToolbar
        draw={tool({ available: false })}
        modes={['polygon']}
        labels={{ polygon: 'Dessiner la friche' }}
      />,
    );
    expect(buttons().map((b) => b.textContent)).toEqual(['Dessiner la friche', 'Annuler (Échap)']);
    expect(byText('Dessiner la friche').disabled).toBe(true);
  });
});
