/**
 * Keyboard shortcuts of the flow designer: Ctrl+Z undo, Ctrl+Shift+Z / Ctrl+Y redo, Ctrl+C / Ctrl+V copy
 * and paste of the selected node, Delete to remove it. Keys typed into inputs keep their native meaning.
 */
import { useEffect, useRef } from 'react';

export interface DesignerKeyHandlers {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  /** Delete / Backspace outside inputs. */
  remove: () => void;
}

function inEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Installs the shortcuts on the window for the page's lifetime. */
export function useDesignerKeys(handlers: DesignerKeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (inEditable(e.target)) return;
      if (!(e.ctrlKey || e.metaKey)) {
        if (e.key === 'Delete' || e.key === 'Backspace') ref.current.remove();
        return;
      }
      const key = e.key.toLowerCase();
      const action =
        key === 'z'
          ? e.shiftKey
            ? 'redo'
            : 'undo'
          : key === 'y'
            ? 'redo'
            : key === 'c'
              ? 'copy'
              : key === 'v'
                ? 'paste'
                : null;
      if (!action) return;
      e.preventDefault();
      ref.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
