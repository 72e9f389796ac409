/**
 * Entering and leaving presentation mode. Fullscreen is asked for inside the click handler (browsers
 * only grant it during a user gesture); when it is refused the full-window layout is used anyway.
 */
import { useAppStore } from '../../../state/store.ts';
import { PRESENTATION_VIEWS } from './views.ts';

export const PRESENTATION_CLASS = 'presentation-mode';

export function enterPresentation(): void {
  useAppStore.getState().setPresentation(true);
  const root = document.documentElement;
  if (document.fullscreenEnabled && !document.fullscreenElement && root.requestFullscreen) {
    root.requestFullscreen({ navigationUI: 'hide' }).catch(() => {
      // Refused (no gesture, iframe policy, kiosk): the full-window layout already covers the screen.
    });
  }
}

export function exitPresentation(): void {
  useAppStore.getState().setPresentation(false);
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
}

export function stepPresentation(delta: number): void {
  const { presentationView, setPresentationView } = useAppStore.getState();
  const next = Math.min(PRESENTATION_VIEWS.length - 1, Math.max(0, presentationView + delta));
  if (next !== presentationView) setPresentationView(next);
}

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

/** Presentation clickers send arrows, PageUp/PageDown or space; Escape leaves; Home/End jump. */
export function presentationKey(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  const target = event.target as HTMLElement | null;
  if (target?.closest?.('input, select, textarea, [contenteditable="true"]')) return false;
  if (event.key === 'Escape') exitPresentation();
  else if (NEXT.has(event.key)) stepPresentation(1);
  else if (PREVIOUS.has(event.key)) stepPresentation(-1);
  else if (event.key === 'Home') useAppStore.getState().setPresentationView(0);
  else if (event.key === 'End') useAppStore.getState().setPresentationView(PRESENTATION_VIEWS.length - 1);
  else return false;
  event.preventDefault();
  return true;
}
